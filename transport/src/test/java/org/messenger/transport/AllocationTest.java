package org.messenger.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.testkit.ManualClock;
import org.messenger.transport.io.DatagramSender;

/**
 * The data path reuses its buffers. Two endpoints are wired by preallocated rings (no simulator,
 * which allocates on its own), and the steady state of a transfer is measured per packet.
 */
class AllocationTest {
    @TempDir
    Path dir;

    /** A fixed ring of preallocated datagram slots: a wire that allocates nothing. */
    static final class Wire implements DatagramSender {
        final ByteBuffer[] slots = new ByteBuffer[1024];
        int head;
        int count;

        Wire() {
            for (int i = 0; i < slots.length; i++) slots[i] = ByteBuffer.allocateDirect(1500);
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

        void deliverAll(TransferEndpoint to, InetSocketAddress from, long now) {
            while (count > 0) {
                ByteBuffer b = slots[head];
                head = (head + 1) % slots.length;
                count--;
                to.onDatagram(b, from, now);
            }
        }
    }

    @Test
    void steadyStateTransferAllocatesAlmostNothingPerPacket() throws Exception {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long size = 128L << 20;
        Path src = Files.createFile(dir.resolve("src"));
        try (FileChannel w = FileChannel.open(src, StandardOpenOption.WRITE)) {
            w.write(ByteBuffer.allocate(1), size - 1);
        }
        ManualClock clock = new ManualClock(1_000_000_000L);
        InetSocketAddress senderAddress = new InetSocketAddress("127.0.0.1", 1);
        InetSocketAddress receiverAddress = new InetSocketAddress("127.0.0.1", 2);
        TransferConfig config = TransferConfig.defaults();
        TransferEndpoint sender = new TransferEndpoint(config, clock::nanoTime);
        TransferEndpoint receiver = new TransferEndpoint(config, clock::nanoTime);
        Wire toReceiver = new Wire();
        Wire toSender = new Wire();
        TransferTicket ticket = TransferTicket.random();
        try (FileChannel in = FileChannel.open(src, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(dir.resolve("dst"), StandardOpenOption.CREATE,
                        StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            TransferHandle up = sender.send(in, ByteRanges.whole(size), ticket, null, null);
            ReceiveHandle down = receiver.receive(out, ByteRanges.whole(size), senderAddress, ticket, null);
            long before = 0;
            long packetsBefore = 0;
            long allocated = 0;
            long packets = 0;
            int step = 0;
            while (!down.completion().isDone() && step < 10_000_000) {
                long sentNow = ((SenderTransfer) up).packetsSentCount();
                if (before == 0 && sentNow >= 20_000) { // past handshake and start-up
                    before = threads.getCurrentThreadAllocatedBytes();
                    packetsBefore = sentNow;
                }
                if (packets == 0 && sentNow >= 60_000) { // mid-transfer: no completion or other one-off
                    allocated = threads.getCurrentThreadAllocatedBytes() - before;
                    packets = sentNow - packetsBefore;
                }
                long now = clock.nanoTime();
                sender.poll(now, toReceiver);
                receiver.poll(now, toSender);
                toReceiver.deliverAll(receiver, senderAddress, now);
                toSender.deliverAll(sender, receiverAddress, now);
                clock.advanceNanos(20_000);
                step++;
            }
            assertThat(down.completion()).isCompleted();
            assertThat(packets).isGreaterThan(30_000);
            double perPacket = (double) allocated / packets;
            System.out.printf("allocated %d B over %d packets: %.2f B/packet%n", allocated, packets, perPacket);
            // Progress snapshots (every 100 ms of endpoint time) and the final events are all that allocate.
            assertThat(perPacket).isLessThan(4.0);
        }
    }
}
