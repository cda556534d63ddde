package org.messenger.transport;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.messenger.transport.netem.NetemSpec;
import org.messenger.transport.sim.SimLink;
import org.messenger.transport.sim.SimulatedNetwork;

/**
 * Several downloads from one sending endpoint through one shared, impaired egress link (the
 * bottleneck), as the bench's fairness rows run them on real sockets: each receiver has its own
 * endpoint and its own return link. Files are sparse (the content does not matter here, only the
 * rates), so a long run costs no disk.
 */
final class SharedBottleneckSim implements AutoCloseable {
    final SimulatedNetwork net;
    final TransferEndpoint senderEndpoint;
    final InetSocketAddress senderAddress = SimulatedNetwork.address(1, 4433);
    final SimLink bottleneck;
    private final List<TransferEndpoint> receivers = new ArrayList<>();
    private final List<InetSocketAddress> receiverAddresses = new ArrayList<>();
    private final List<FileChannel> channels = new ArrayList<>();
    private final List<TransferHandle> sends = new ArrayList<>();
    private final Path source;
    private final FileChannel sourceChannel;
    private final long size;
    private final Path dir;
    private final TransferConfig config;

    SharedBottleneckSim(long seed, Path dir, long size, TransferConfig config, NetemSpec bottleneckSpec,
            NetemSpec returnSpec, int flows) {
        this(seed, dir, size, config, bottleneckSpec, returnSpec, flows, 0);
    }

    /**
     * {@code wakeJitterNanos}: the sender's timer wake-ups come up to that much late (uniform,
     * seeded), as a shared 2-core machine's scheduler makes them on real sockets. Datagrams still
     * wake it at once, as they wake a selector.
     */
    SharedBottleneckSim(long seed, Path dir, long size, TransferConfig config, NetemSpec bottleneckSpec,
            NetemSpec returnSpec, int flows, long wakeJitterNanos) {
        this.size = size;
        this.dir = dir;
        this.config = config;
        net = new SimulatedNetwork(seed);
        senderEndpoint = new TransferEndpoint(config, net.clock(), new java.util.SplittableRandom(seed));
        net.attach(senderAddress, wakeJitterNanos <= 0 ? senderEndpoint
                : new LateWakeups(senderEndpoint, wakeJitterNanos, new java.util.SplittableRandom(seed)));
        bottleneck = net.link("bottleneck", bottleneckSpec);
        try {
            source = sparseFile("src");
            sourceChannel = FileChannel.open(source, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < flows; i++) {
            InetSocketAddress a = SimulatedNetwork.address(2 + i, 5000);
            TransferEndpoint r = new TransferEndpoint(config, net.clock(), new java.util.SplittableRandom(seed));
            net.attach(a, r);
            net.route(senderAddress, a, bottleneck);
            net.route(a, senderAddress, net.link(a + "->sender", returnSpec));
            receivers.add(r);
            receiverAddresses.add(a);
        }
    }

    private Path sparseFile(String prefix) throws IOException {
        Path p = Files.createTempFile(dir, prefix, ".bin");
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
        }
        return p;
    }

    /** Starts flow {@code i} now (flows may start at different virtual times). */
    void start(int i) {
        try {
            TransferTicket ticket = TransferTicket.random();
            Path target = sparseFile("dst");
            FileChannel t = FileChannel.open(target, StandardOpenOption.READ, StandardOpenOption.WRITE);
            channels.add(t);
            sends.add(senderEndpoint.send(sourceChannel, ByteRanges.whole(size), ticket, null, null));
            receivers.get(i).receive(t, ByteRanges.whole(size), senderAddress, ticket, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int started() {
        return sends.size();
    }

    /** Bytes flow {@code i}'s sender has had acknowledged so far. */
    long doneBytes(int i) {
        return ((SenderTransfer) sends.get(i)).snapshot(net.nowNanos()).doneBytes();
    }

    TransferStats stats(int i) {
        return ((SenderTransfer) sends.get(i)).snapshot(net.nowNanos());
    }

    /** Every sender's state, for failure messages. */
    String describe() {
        StringBuilder b = new StringBuilder("now=" + net.nowNanos());
        for (TransferHandle h : sends) b.append("\n ").append(((SenderTransfer) h).debug());
        return b.append("\n links ").append(net.linkStats()).toString();
    }

    boolean anyDone() {
        for (TransferHandle h : sends) {
            if (h.completion().isDone()) return true;
        }
        return false;
    }

    /**
     * Advances virtual time by {@code nanos} (or less, if a flow completes). At most 5 million
     * steps: an endpoint that keeps asking to run now shows up as STEP_LIMIT instead of a hang.
     */
    SimulatedNetwork.RunResult advance(long nanos) {
        return net.runUntil(this::anyDone, nanos, 5_000_000L);
    }

    /** Delays an endpoint's timer wake-ups by a random amount, like a busy scheduler. */
    private record LateWakeups(org.messenger.transport.io.DatagramEndpoint inner, long maxLateNanos,
            java.util.SplittableRandom random) implements org.messenger.transport.io.DatagramEndpoint {
        @Override
        public void onDatagram(java.nio.ByteBuffer datagram, InetSocketAddress from, long nowNanos) {
            inner.onDatagram(datagram, from, nowNanos);
        }

        @Override
        public long poll(long nowNanos, org.messenger.transport.io.DatagramSender out) {
            long wake = inner.poll(nowNanos, out);
            if (wake <= nowNanos || wake == Long.MAX_VALUE) return wake;
            return wake + random.nextLong(maxLateNanos);
        }
    }

    /** Jain's fairness index: (Σx)² / (n Σx²); 1 when all are equal, 1/n when one takes all. */
    static double jainIndex(double[] x) {
        double sum = 0, squares = 0;
        for (double v : x) {
            sum += v;
            squares += v * v;
        }
        return squares == 0 ? 0 : sum * sum / (x.length * squares);
    }

    @Override
    public void close() throws IOException {
        for (FileChannel c : channels) c.close();
        sourceChannel.close();
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) Files.deleteIfExists(p);
        }
    }
}
