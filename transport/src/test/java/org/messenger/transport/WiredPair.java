package org.messenger.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.messenger.testkit.ManualClock;
import org.messenger.transport.io.DatagramSender;

/**
 * A sender and a receiver endpoint joined by two {@link Wire}s of preallocated slots (no
 * simulator, which allocates on its own), on a manual clock, with one transfer of a file between
 * them: for tests that count what the endpoints themselves allocate or hold.
 */
final class WiredPair implements AutoCloseable {
    static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.1", 1);
    static final InetSocketAddress RECEIVER = new InetSocketAddress("127.0.0.1", 2);

    /** A fixed ring of preallocated datagram slots: a wire that allocates nothing. */
    static final class Wire implements DatagramSender {
        final ByteBuffer[] slots;
        final ByteBuffer receiveBuffer;
        int head;
        int count;

        /** 1,024 slots of Ethernet size; fewer of a loopback config's 65,000 bytes (about 1.5 MB in all). */
        Wire(int datagramBytes) {
            int slotBytes = Math.max(1500, datagramBytes);
            slots = new ByteBuffer[Math.clamp(1_536_000 / slotBytes, 32, 1024)];
            receiveBuffer = ByteBuffer.allocateDirect(slotBytes);
            for (int i = 0; i < slots.length; i++) slots[i] = ByteBuffer.allocateDirect(slotBytes);
        }

        @Override
        public boolean send(ByteBuffer datagram, InetSocketAddress to) {
            if (count == slots.length) return false; // exercises the held-datagram path
            ByteBuffer slot = slots[(head + count) % slots.length];
            slot.clear();
            slot.put(datagram);
            slot.flip();
            count++;
            return true;
        }

        /** Delivers through one receive buffer, as the socket driver does. */
        void deliverAll(TransferEndpoint to, InetSocketAddress from, long now) {
            while (count > 0) {
                ByteBuffer b = slots[head];
                head = (head + 1) % slots.length;
                count--;
                receiveBuffer.clear();
                receiveBuffer.put(b);
                receiveBuffer.flip();
                to.onDatagram(receiveBuffer, from, now);
            }
        }
    }

    final ManualClock clock = new ManualClock(1_000_000_000L);
    final TransferEndpoint sender;
    final TransferEndpoint receiver;
    final Wire toReceiver;
    final Wire toSender;
    final TransferHandle up;
    final ReceiveHandle down;
    private final FileChannel in;
    private final FileChannel out;

    /** A sparse file of {@code size} bytes in {@code dir}, on its way from one end to the other. */
    WiredPair(Path dir, long size, TransferConfig config) throws IOException {
        Path src = Files.createFile(dir.resolve("src"));
        try (FileChannel w = FileChannel.open(src, StandardOpenOption.WRITE)) {
            if (size > 0) w.write(ByteBuffer.allocate(1), size - 1);
        }
        toReceiver = new Wire(config.maxDatagramBytes());
        toSender = new Wire(config.maxDatagramBytes());
        sender = new TransferEndpoint(config, clock::nanoTime);
        receiver = new TransferEndpoint(config, clock::nanoTime);
        in = FileChannel.open(src, StandardOpenOption.READ);
        out = FileChannel.open(dir.resolve("dst"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        TransferTicket ticket = TransferTicket.random();
        up = sender.send(in, ByteRanges.whole(size), ticket, null, null);
        down = receiver.receive(out, ByteRanges.whole(size), SENDER, ticket, null);
    }

    /** Both ends do what is due now, both wires deliver, then the clock moves on by {@code advanceNanos}. */
    void step(long advanceNanos) {
        long now = clock.nanoTime();
        sender.poll(now, toReceiver);
        receiver.poll(now, toSender);
        toReceiver.deliverAll(receiver, SENDER, now);
        toSender.deliverAll(sender, RECEIVER, now);
        clock.advanceNanos(advanceNanos);
    }

    @Override
    public void close() throws IOException {
        try (in; out) {
            // both closed, even if one fails
        }
    }
}
