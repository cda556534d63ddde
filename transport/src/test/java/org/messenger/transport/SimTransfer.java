package org.messenger.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.messenger.transport.netem.NetemSpec;
import org.messenger.transport.packet.PacketReader;
import org.messenger.transport.sim.SimulatedNetwork;

/** One file transfer between two endpoints on the simulated network, for tests. */
final class SimTransfer implements AutoCloseable {
    final SimulatedNetwork net;
    final InetSocketAddress senderAddress = SimulatedNetwork.address(1, 4433);
    final InetSocketAddress receiverAddress = SimulatedNetwork.address(2, 5000);
    final TransferEndpoint senderEndpoint;
    final TransferEndpoint receiverEndpoint;
    final Path source;
    final Path target;
    final FileChannel sourceChannel;
    final FileChannel targetChannel;
    final TransferTicket ticket;
    TransferHandle sendHandle;
    ReceiveHandle receiveHandle;

    SimTransfer(long seed, Path dir, long size, TransferConfig config, NetemSpec forward, NetemSpec back) {
        try {
            net = new SimulatedNetwork(seed);
            senderEndpoint = new TransferEndpoint(config, net.clock(), new java.util.SplittableRandom(seed));
            receiverEndpoint = new TransferEndpoint(config, net.clock(), new java.util.SplittableRandom(seed));
            net.attach(senderAddress, senderEndpoint);
            net.attach(receiverAddress, receiverEndpoint);
            net.connect(senderAddress, receiverAddress, forward, back);
            source = Files.createTempFile(dir, "src", ".bin");
            target = Files.createTempFile(dir, "dst", ".bin");
            byte[] data = new byte[(int) Math.min(size, 1 << 20)];
            Random random = new Random(seed);
            try (FileChannel ch = FileChannel.open(source, StandardOpenOption.WRITE)) {
                for (long written = 0; written < size; ) {
                    random.nextBytes(data);
                    int n = (int) Math.min(data.length, size - written);
                    ch.write(ByteBuffer.wrap(data, 0, n), written);
                    written += n;
                }
            }
            sourceChannel = FileChannel.open(source, StandardOpenOption.READ);
            targetChannel = FileChannel.open(target, StandardOpenOption.READ, StandardOpenOption.WRITE);
            ticket = TransferTicket.random();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void start(ByteRanges wanted) {
        sendHandle = senderEndpoint.send(sourceChannel, ByteRanges.whole(sizeOf(source)), ticket, null, null);
        receiveHandle = receiverEndpoint.receive(targetChannel, wanted, senderAddress, ticket, null);
    }

    static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean bothDone() {
        return sendHandle.completion().isDone() && receiveHandle.completion().isDone();
    }

    SimulatedNetwork.RunResult run(long maxVirtualNanos) {
        return net.runUntil(this::bothDone, maxVirtualNanos, 3_000_000);
    }

    String describe() {
        long now = net.nowNanos();
        return "now=" + now + "\n sender " + ((SenderTransfer) sendHandle).snapshot(now) + " " + ((SenderTransfer) sendHandle).debug()
                + " " + sendHandle.completion() + "\n receiver " + ((ReceiverTransfer) receiveHandle).snapshot(now)
                + " " + receiveHandle.completion() + "\n sender counters " + senderEndpoint.counters()
                + "\n receiver counters " + receiverEndpoint.counters() + "\n links " + net.linkStats();
    }

    boolean filesEqual() throws IOException {
        return Files.mismatch(source, target) == -1L;
    }

    @Override
    public void close() throws IOException {
        sourceChannel.close();
        targetChannel.close();
        Files.deleteIfExists(source);
        Files.deleteIfExists(target);
    }

    static boolean isValidPacket(ByteBuffer datagram) {
        return new PacketReader().open(datagram.duplicate()) == PacketReader.OK;
    }

    /** Opens this transfer's packets once its handshake is done: the test sees frames as the ends do. */
    PeerFixture wiretap() {
        ReceiverTransfer r = (ReceiverTransfer) receiveHandle;
        return PeerFixture.wiretap(ticket, r.receiverNonce(), r.senderNonce());
    }
}
