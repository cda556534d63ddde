package org.messenger.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.messenger.transport.crypto.Sha256Digest;
import org.messenger.transport.netem.NetemSpec;

/**
 * The {@code get} row of {@code bench transfer} (issue 16): what a user feels. A real
 * {@code messenger server} process shares a file; a real {@code messenger get} process downloads
 * it, timed as a whole process (the launcher, JVM start, login, GET, the encrypted transfer, the
 * SHA-256 check and the rename into place); against the bench's Java NIO TCP copy of the same file
 * into the same folder, alternated with it, median of the runs. Both write a new file each run
 * (the copy's destination is deleted and created again, as a download's {@code NAME.part} is),
 * so both pay for fresh pages alike.
 *
 * <p>Beside them, in the same alternation, the two things no verified download can do without:
 * a whole {@code get} of a one-byte file (what comes before a download's first byte, and the
 * check, rename and exit after its last) and SHA-256 over the file's size in memory in this JVM
 * (the hash the client must compute, which cannot start before the first byte: one core's
 * work, however the rest is spread). Their sum is
 * the least time a {@code get} of the file can take on this machine, printed as the best ratio
 * to the TCP copy it could reach ({@code ratioBoundToTcp}).
 */
final class GetProcessRun {
    static final String SCENARIO = "get";
    private static final String FILE_NAME = "big.bin";
    private static final String ONE_BYTE_NAME = "one-byte.bin";
    /** What the hash bound hashes from memory, again and again: 8 MiB, beyond the CPU's caches. */
    private static final int HASHED_BLOCK = 8 << 20;
    /** UDP ports the server may lease for downloads: one download at a time here, a few spare. */
    private static final int UDP_PORTS = 4;
    private static final Duration SERVER_START_LIMIT = Duration.ofSeconds(60);
    private static final int KEPT_OUTPUT_LINES = 15;

    private final Path launcher;
    private final Path workParent;
    private final long sizeBytes;
    private final int repeats;
    private final PrintWriter console;
    private final Duration limit;

    GetProcessRun(Path launcher, Path workParent, long sizeBytes, int repeats, PrintWriter console, Duration limit) {
        this.launcher = launcher;
        this.workParent = workParent;
        this.sizeBytes = sizeBytes;
        this.repeats = repeats;
        this.console = console;
        this.limit = limit;
    }

    static Scenario scenario(long sizeBytes) {
        return new Scenario(SCENARIO, "'messenger get' as a whole process (launcher, JVM start, login, GET, encrypted transfer,"
                + " SHA-256 check, rename) from a 'messenger server' process on 127.0.0.1, against a TCP copy of the same file"
                + " into the same folder", NetemSpec.NONE, NetemSpec.NONE, true, 1, sizeBytes);
    }

    /** The TCP row and the get row; a failure is reported in the get row, never thrown past it. */
    List<Map<String, Object>> run(TcpCopy tcp) throws IOException, InterruptedException {
        Scenario scenario = scenario(sizeBytes);
        Path work = Files.createTempDirectory(workParent, "messenger-bench-get-");
        Path shared = Files.createDirectory(work.resolve("shared"));
        Path out = Files.createDirectory(work.resolve("out"));
        Path source = shared.resolve(FILE_NAME);
        Path copy = out.resolve("tcp-copy.bin");
        Path downloaded = out.resolve(FILE_NAME);
        double[] tcpSeconds = new double[repeats];
        double[] getSeconds = new double[repeats];
        double[] oneByteSeconds = new double[repeats];
        double[] hashSeconds = new double[repeats];
        String failure = null;
        Process server = null;
        try (BenchFiles files = BenchFiles.create(work, sizeBytes)) {
            Files.move(files.source(), source);
            Path oneByte = Files.write(shared.resolve(ONE_BYTE_NAME), new byte[] {42});
            int port = freeTcpPort();
            int udpFirst = freeUdpPorts(UDP_PORTS);
            console.printf(Locale.ROOT, "get: %s in %s; 'messenger server' on 127.0.0.1:%d (UDP %d-%d) and 'messenger get', launcher %s%n",
                    Sizes.format(sizeBytes), work, port, udpFirst, udpFirst + UDP_PORTS - 1, launcher);
            console.flush();
            server = new ProcessBuilder(launcher.toString(), "server", "--port", Integer.toString(port), "--tls-port", "off",
                    "--bind", "127.0.0.1", "--files", shared.toString(), "--data", work.resolve("data").toString(),
                    "--udp-ports", udpFirst + "-" + (udpFirst + UDP_PORTS - 1))
                    .redirectErrorStream(true).redirectOutput(work.resolve("server.log").toFile()).start();
            awaitListening(server, port, work.resolve("server.log"));
            List<String> get = List.of(launcher.toString(), "get", FILE_NAME, "--out", out.toString(), "--server", "127.0.0.1:" + port);
            List<String> getOneByte = List.of(launcher.toString(), "get", ONE_BYTE_NAME, "--out", out.toString(), "--server",
                    "127.0.0.1:" + port);
            Path oneByteDownloaded = out.resolve(ONE_BYTE_NAME);
            // Untimed: the server hashes the file on the first GET, and both sides' caches warm up.
            runGet(get, work, downloaded, files::matches);
            runGet(getOneByte, work, oneByteDownloaded, saved -> Files.mismatch(saved, oneByte) == -1);
            tcpCopy(tcp, source, copy, files);
            hashSeconds(source);
            for (int i = 0; i < repeats; i++) {
                tcpSeconds[i] = tcpCopy(tcp, source, copy, files);
                getSeconds[i] = runGet(get, work, downloaded, files::matches);
                oneByteSeconds[i] = runGet(getOneByte, work, oneByteDownloaded, saved -> Files.mismatch(saved, oneByte) == -1);
                hashSeconds[i] = hashSeconds(source);
            }
        } catch (GetFailed e) {
            failure = e.getMessage();
        } finally {
            if (server != null) {
                server.destroy();
                if (!server.waitFor(15, TimeUnit.SECONDS)) {
                    server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
            deleteTree(work);
        }
        return rows(scenario, tcpSeconds, getSeconds, oneByteSeconds, hashSeconds, failure);
    }

    private List<Map<String, Object>> rows(Scenario scenario, double[] tcpSeconds, double[] getSeconds, double[] oneByteSeconds,
            double[] hashSeconds, String failure) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> tcpRow = Rows.row(scenario, "tcp", sizeBytes, failure == null ? tcpSeconds : new double[0], null);
        tcpRow.put("note", "the bench's Java NIO TCP copy of the same file into the same folder, a new file each run");
        rows.add(tcpRow);
        Rows.print(console, tcpRow);
        Map<String, Object> getRow = Rows.row(scenario, "get", sizeBytes, failure == null ? getSeconds : new double[0], failure);
        if (failure == null && tcpRow.get("medianSeconds") instanceof Double tcpMedian) {
            getRow.put("ratioToTcp", tcpMedian / (Double) getRow.get("medianSeconds"));
            double oneByte = Rows.median(oneByteSeconds);
            double hash = Rows.median(hashSeconds);
            getRow.put("oneByteGetSeconds", oneByte);
            getRow.put("sha256Seconds", hash);
            getRow.put("sha256Library", Sha256Digest.library());
            getRow.put("ratioBoundToTcp", tcpMedian / (oneByte + hash));
        }
        getRow.put("loadAverage", loadAverage());
        rows.add(getRow);
        Rows.print(console, getRow);
        if (getRow.get("ratioBoundToTcp") instanceof Double bound) {
            console.printf(Locale.ROOT, "%-13s %-4s a 1-byte get %.3f s + SHA-256 of the size in memory %.3f s (%s): no verified get can beat"
                    + " %.3f s, %.2fx TCP%n", scenario.name(), "best", getRow.get("oneByteGetSeconds"), getRow.get("sha256Seconds"),
                    getRow.get("sha256Library"), (Double) getRow.get("oneByteGetSeconds") + (Double) getRow.get("sha256Seconds"),
                    Targets.down(bound, 100));
            console.flush();
        }
        return rows;
    }

    /**
     * The CPU work of the SHA-256 the client computes, as a lower bound: the file's size hashed
     * from memory (its first {@link #HASHED_BLOCK} bytes, over and over: SHA-256 takes as long
     * for any bytes) by the library a client uses, with nothing read from disk, so nothing a
     * cleverer client could avoid is counted.
     */
    private double hashSeconds(Path file) throws IOException {
        ByteBuffer block = ByteBuffer.allocateDirect((int) Math.min(HASHED_BLOCK, sizeBytes));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            int read;
            do {
                read = channel.read(block, block.position());
            } while (read > 0 && block.hasRemaining());
        }
        MessageDigest digest = Sha256Digest.create();
        long start = System.nanoTime();
        for (long hashed = 0; hashed < sizeBytes; ) {
            int n = (int) Math.min(block.capacity(), sizeBytes - hashed);
            digest.update(block.clear().limit(n));
            hashed += n;
        }
        digest.digest();
        return (System.nanoTime() - start) / 1e9;
    }

    private double tcpCopy(TcpCopy tcp, Path source, Path copy, BenchFiles files) throws IOException, InterruptedException {
        Files.deleteIfExists(copy);
        Files.createFile(copy);
        try {
            double seconds = tcp.copy(source, copy, sizeBytes, limit) / 1e9;
            if (!files.matches(copy)) {
                throw new GetFailed("the TCP copy differs from the source");
            }
            return seconds;
        } catch (java.util.concurrent.TimeoutException e) {
            throw new GetFailed(e.getMessage());
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /** What a finished download must hold. */
    private interface SavedCheck {
        boolean matches(Path saved) throws IOException;
    }

    /** One whole {@code messenger get} process; returns its wall-clock seconds, checked against the source. */
    private double runGet(List<String> command, Path work, Path downloaded, SavedCheck check) throws IOException, InterruptedException {
        Files.deleteIfExists(downloaded);
        Path log = work.resolve("get.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("MESSENGER_QUIET_BUILD", "1");
        long start = System.nanoTime();
        Process get = builder.start();
        if (!get.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            get.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new GetFailed("'messenger get' did not finish within " + limit.toSeconds() + " s; its output: " + tail(log));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (get.exitValue() != 0) {
            throw new GetFailed("'messenger get' exited with " + get.exitValue() + ": " + tail(log));
        }
        if (!check.matches(downloaded)) {
            throw new GetFailed("'messenger get' reported success but " + downloaded + " differs from the source");
        }
        Files.delete(downloaded);
        return seconds;
    }

    private void awaitListening(Process server, int port, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + SERVER_START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new GetFailed("'messenger server' exited with " + server.exitValue() + ": " + tail(log));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return;
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        throw new GetFailed("'messenger server' did not listen on port " + port + " within " + SERVER_START_LIMIT.toSeconds()
                + " s: " + tail(log));
    }

    /** A port nothing listens on now (the OS's pick); the server binds it a moment later. */
    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The first of {@code count} consecutive UDP ports free on 127.0.0.1, from a random start. */
    private static int freeUdpPorts(int count) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20_000, 60_000 - count);
            if (udpFree(first, count)) {
                return first;
            }
        }
        throw new GetFailed("found no " + count + " consecutive free UDP ports on 127.0.0.1 in 200 tries");
    }

    private static boolean udpFree(int first, int count) {
        List<DatagramSocket> held = new ArrayList<>();
        try {
            for (int p = first; p < first + count; p++) {
                held.add(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), p)));
            }
            return true;
        } catch (IOException taken) {
            return false;
        } finally {
            held.forEach(DatagramSocket::close);
        }
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - KEPT_OUTPUT_LINES), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the get row's files in " + root + "; delete them by hand", e);
        }
    }

    /** The row cannot be measured; the message says why. */
    private static final class GetFailed extends RuntimeException {
        GetFailed(String message) {
            super(message);
        }
    }
}
