package org.messenger.transport.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.messenger.transport.Buffers;
import org.messenger.transport.ByteRanges;
import org.messenger.transport.ReceiveHandle;
import org.messenger.transport.TransferConfig;
import org.messenger.transport.TransferHandle;
import org.messenger.transport.TransferSocket;
import org.messenger.transport.TransferStats;
import org.messenger.transport.TransferTicket;
import org.messenger.transport.netem.NetemSpec;

/**
 * Quick loopback benchmark (not a unit test): the same file over a plain Java NIO TCP copy and
 * over our protocol, in one run, median of N. Usage:
 *
 * <pre>
 * java -cp ... org.messenger.transport.bench.TransferBenchmark [sizeMiB=256] [datagram=65000] [runs=3]
 *      [netem=spec] [cc=cubic] [dir=/dev/shm] [tcp=true]
 * </pre>
 */
public final class TransferBenchmark {
    public static void main(String[] args) throws Exception {
        long size = 256L << 20;
        int datagram = 65_000;
        int runs = 3;
        String netem = null;
        String cc = "cubic";
        Path dir = Path.of("/dev/shm");
        boolean tcp = true;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "sizeMiB" -> size = Long.parseLong(kv[1]) << 20;
                case "datagram" -> datagram = Integer.parseInt(kv[1]);
                case "runs" -> runs = Integer.parseInt(kv[1]);
                case "netem" -> netem = kv[1];
                case "cc" -> cc = kv[1];
                case "dir" -> dir = Path.of(kv[1]);
                case "tcp" -> tcp = Boolean.parseBoolean(kv[1]);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        Path src = dir.resolve("bench-src.bin");
        Path dst = dir.resolve("bench-dst.bin");
        writeRandom(src, size);
        NetemSpec spec = netem == null ? null : NetemSpec.parse(netem);
        TransferConfig config = TransferConfig.defaults().withMaxDatagramBytes(datagram).withCongestionControl(cc)
                .withReceiveWindowBytes(Math.max(64L << 20, 4L * datagram));
        List<Double> tcpRates = new ArrayList<>();
        List<Double> udpRates = new ArrayList<>();
        for (int i = 0; i < runs + 1; i++) { // first round warms up
            if (tcp) {
                double r = tcpCopy(src, dst, size);
                check(src, dst);
                if (i > 0) tcpRates.add(r);
                System.out.printf("run %d tcp  %.2f Gbit/s%n", i, r * 8 / 1e9);
            }
            TransferStats stats = udpCopy(src, dst, size, config, spec);
            double r = size * 1e9 / stats.elapsedNanos();
            check(src, dst);
            if (i > 0) udpRates.add(r);
            System.out.printf("run %d udp  %.2f Gbit/s  (%d packets, %d lost, %d B retransmitted, srtt %.3f ms, cwnd %d, pacing %.1f Mbit/s)%n",
                    i, r * 8 / 1e9, stats.packetsSent(), stats.packetsLost(), stats.retransmittedBytes(),
                    stats.smoothedRttNanos() / 1e6, stats.cwndBytes(), stats.pacingRateBytesPerSecond() * 8 / 1e6);
        }
        double u = median(udpRates);
        System.out.printf("median udp %.2f Gbit/s (%.1f MB/s)%n", u * 8 / 1e9, u / 1e6);
        if (tcp) {
            double t = median(tcpRates);
            System.out.printf("median tcp %.2f Gbit/s; ratio udp/tcp = %.2f%n", t * 8 / 1e9, u / t);
        }
        Files.deleteIfExists(src);
        Files.deleteIfExists(dst);
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.isEmpty() ? 0 : s.get(s.size() / 2);
    }

    static void writeRandom(Path p, long size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
        Random random = new Random(42);
        byte[] chunk = new byte[1 << 20];
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long w = 0; w < size; ) {
                random.nextBytes(chunk);
                buf.clear();
                buf.put(chunk, 0, (int) Math.min(chunk.length, size - w)).flip();
                while (buf.hasRemaining()) w += ch.write(buf, w);
            }
        }
    }

    static void check(Path a, Path b) throws IOException {
        if (Files.size(a) != Files.size(b) || Files.mismatch(a, b) != -1) throw new IllegalStateException("files differ");
    }

    static TransferStats udpCopy(Path src, Path dst, long size, TransferConfig config, NetemSpec spec) throws Exception {
        Files.deleteIfExists(dst);
        try (TransferSocket server = TransferSocket.open(new InetSocketAddress("127.0.0.1", 0), config, spec);
                TransferSocket client = TransferSocket.open(new InetSocketAddress("127.0.0.1", 0), config, spec);
                FileChannel in = FileChannel.open(src, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(dst, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE)) {
            TransferTicket ticket = TransferTicket.random();
            TransferHandle up = server.send(in, ByteRanges.whole(size), ticket, null, null);
            ReceiveHandle down = client.receive(out, ByteRanges.whole(size), server.localAddress(), ticket, null);
            try {
                down.completion().get(10, TimeUnit.MINUTES);
            } catch (Exception e) {
                System.out.println("server " + server.counters() + "\nclient " + client.counters() + "\n" + up.stats()
                        + "\n" + down.stats());
                throw e;
            }
            TransferStats s = up.completion().get(1, TimeUnit.MINUTES);
            TransferStats r = down.completion().get();
            // Sender stats, timed by the receiver (from its HELLO to its last byte).
            return new TransferStats(s.totalBytes(), s.doneBytes(), s.sentBytes(), s.retransmittedBytes(), s.packetsSent(),
                    s.packetsReceived(), s.packetsLost(), s.smoothedRttNanos(), s.minRttNanos(), s.cwndBytes(),
                    s.pacingRateBytesPerSecond(), r.elapsedNanos());
        }
    }

    /** File → TCP socket → file with 128 KiB page-aligned direct buffers (the reference copy). */
    static double tcpCopy(Path src, Path dst, long size) throws Exception {
        Files.deleteIfExists(dst);
        try (ServerSocketChannel ss = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            Thread sender = new Thread(() -> {
                try (SocketChannel s = SocketChannel.open(ss.getLocalAddress());
                        FileChannel in = FileChannel.open(src, StandardOpenOption.READ)) {
                    ByteBuffer b = Buffers.alignedDirect(128 * 1024);
                    long pos = 0;
                    while (pos < size) {
                        b.clear();
                        int n = in.read(b, pos);
                        pos += n;
                        b.flip();
                        while (b.hasRemaining()) s.write(b);
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            long start = System.nanoTime();
            sender.start();
            try (SocketChannel s = ss.accept();
                    FileChannel out = FileChannel.open(dst, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                ByteBuffer b = Buffers.alignedDirect(128 * 1024);
                long pos = 0;
                while (true) {
                    b.clear();
                    int n = s.read(b);
                    if (n < 0) break;
                    b.flip();
                    while (b.hasRemaining()) pos += out.write(b, pos);
                }
            }
            long elapsed = System.nanoTime() - start;
            sender.join();
            return size * 1e9 / elapsed;
        }
    }
}
