package org.messenger.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.messenger.client.ChatClient;
import org.messenger.client.ClientConfig;
import org.messenger.client.ServerAddress;
import org.messenger.files.catalogue.FileHasher;
import org.messenger.files.client.ClientDownload;
import org.messenger.files.client.DownloadListener;
import org.messenger.files.client.DownloadResult;
import org.messenger.files.client.FileClient;
import org.messenger.files.protocol.FileReply;
import org.messenger.transport.TransferConfig;
import org.messenger.transport.netem.NetemSpec;

/**
 * {@code bench transfer --server HOST:PORT}: downloads a file that a running server shares, the
 * way {@code messenger get} does (chat connection, GET, our UDP transport, SHA-256 check), and
 * times each download from the GET until the verified file is in place. When the server is on this
 * machine, a TCP copy of a file of the same size followed by a SHA-256 of the copy runs in between,
 * as the baseline for the same work; a remote server has no TCP counterpart to compare with.
 */
final class ServerRun {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServerAddress address;
    private final String fileName;
    private final TransferConfig transferConfig;
    private final int repeats;
    private final Duration connectTimeout;
    private final PrintWriter console;

    /** @param fileName the shared file to get, or null for the largest one the server lists */
    ServerRun(ServerAddress address, String fileName, TransferConfig transferConfig, int repeats,
            Duration connectTimeout, PrintWriter console) {
        this.address = address;
        this.fileName = fileName;
        this.transferConfig = transferConfig;
        this.repeats = repeats;
        this.connectTimeout = connectTimeout;
        this.console = console;
    }

    static boolean isLoopback(ServerAddress address) {
        String host = address.host();
        return host.startsWith("127.") || host.equals("localhost") || host.equals("::1");
    }

    /** The TCP row (local servers only) and the download row. */
    List<Map<String, Object>> run(ScenarioRunner local, Path workParent, Duration limit) throws Exception {
        String nick = "bench" + String.format("%04d", RANDOM.nextInt(10_000));
        ClientConfig config = ClientConfig.of(address, nick).withConnectTimeout(connectTimeout).withRequestTimeout(connectTimeout)
                .withCapabilities(ClientConfig.ONE_SHOT_CAPABILITIES) // as messenger get asks
                .withNickCollisionHandler((taken, attempt) -> attempt <= 3
                        ? Optional.of("bench" + String.format("%04d", RANDOM.nextInt(10_000))) : Optional.empty());
        ChatClient chat = new ChatClient(config);
        chat.connect();
        Path downloads = Files.createTempDirectory(workParent, "messenger-bench-get-");
        try (FileClient files = new FileClient(chat, transferConfig, null)) {
            FileReply.FileEntry entry = choose(files.list().get(connectTimeout.toMillis() * 6, TimeUnit.MILLISECONDS));
            long size = entry.sizeBytes();
            boolean baseline = isLoopback(address);
            Scenario scenario = new Scenario("server", "GET " + entry.name() + " from " + address + " (chat connection, our UDP"
                    + " transport, SHA-256 check), timed until the verified file is in place", NetemSpec.NONE,
                    NetemSpec.NONE, baseline, 1, size);
            console.printf("Server %s: getting %s (%s), %d time(s)%s%n", address, entry.name(), Sizes.format(size), repeats,
                    baseline ? "; baseline: TCP copy of a same-size file on this machine, then its SHA-256" : "");
            console.flush();

            double[] tcpSeconds = new double[baseline ? repeats : 0];
            double[] getSeconds = new double[repeats];
            FlowSeries[] series = new FlowSeries[repeats];
            String failure = null;
            for (int i = 0; i < repeats && failure == null; i++) {
                if (baseline) {
                    BenchFiles same = local.files(size);
                    same.resetDestination();
                    long start = System.nanoTime();
                    local.tcp().copy(same.source(), same.destination(), size, limit);
                    FileHasher.streaming().sha256(same.destination());
                    tcpSeconds[i] = (System.nanoTime() - start) / 1e9;
                }
                Path runDirectory = Files.createDirectory(downloads.resolve("run-" + (i + 1)));
                try {
                    series[i] = new FlowSeries(System.nanoTime());
                    getSeconds[i] = get(files, entry.name(), runDirectory, series[i], limit) / 1e9;
                } catch (ExecutionException e) {
                    failure = "GET " + entry.name() + " failed: " + e.getCause().getMessage();
                } catch (TimeoutException e) {
                    failure = "GET " + entry.name() + " did not finish within " + limit.toSeconds() + " s";
                } finally {
                    deleteTree(runDirectory);
                }
            }
            return rows(local, scenario, entry.name(), tcpSeconds, getSeconds, series, failure);
        } finally {
            chat.disconnect("benchmark done");
            deleteTree(downloads);
        }
    }

    private FileReply.FileEntry choose(List<FileReply.FileEntry> shared) {
        if (fileName != null) {
            return shared.stream().filter(f -> f.name().equals(fileName)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the server at " + address + " shares no file named '" + fileName
                            + "'; it shares " + shared.stream().map(FileReply.FileEntry::name).toList()));
        }
        return shared.stream().max(Comparator.comparingLong(FileReply.FileEntry::sizeBytes))
                .orElseThrow(() -> new IllegalArgumentException("the server at " + address + " shares no files"));
    }

    /** One download; returns nanoseconds from the GET until the verified file is in place. */
    private static long get(FileClient files, String name, Path directory, FlowSeries series, Duration limit)
            throws ExecutionException, TimeoutException, InterruptedException {
        long start = System.nanoTime();
        ClientDownload download = files.download(name, directory, new DownloadListener() {
            @Override
            public void onProgress(long doneBytes, long totalBytes, long resumedBytes) {
                series.add(System.nanoTime() - start, doneBytes, 0, 0, 0, 0);
            }
        });
        try {
            DownloadResult result = download.result().get(limit.toMillis(), TimeUnit.MILLISECONDS);
            long elapsed = System.nanoTime() - start;
            series.add(elapsed, result.sizeBytes(), 0, 0, 0, 0);
            return elapsed;
        } catch (TimeoutException e) {
            download.cancel();
            throw e;
        }
    }

    private List<Map<String, Object>> rows(ScenarioRunner local, Scenario scenario, String name, double[] tcpSeconds, double[] getSeconds, FlowSeries[] series,
            String failure) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Double tcpGbps = null;
        if (tcpSeconds.length > 0) {
            Map<String, Object> tcp = Rows.row(scenario, "tcp", scenario.fileBytes(), failure == null ? tcpSeconds : new double[0],
                    null);
            tcp.put("note", "TCP copy of a same-size file on this machine, then the SHA-256 of the copy");
            tcpGbps = (Double) tcp.get("medianGbps");
            rows.add(tcp);
            Rows.print(console, tcp);
        }
        Map<String, Object> udp = Rows.row(scenario, "udp", scenario.fileBytes(), failure == null ? getSeconds : new double[0],
                failure);
        udp.put("server", address.toString());
        if (failure == null) {
            if (tcpGbps != null) {
                udp.put("ratioToTcp", (Double) udp.get("medianGbps") / tcpGbps);
            }
            FlowSeries typical = series[Rows.medianIndex(getSeconds)];
            udp.put("medianRunSeries", typical.toJson());
            udp.put("seriesNote", "bytes on disk as the download reports them, about every 100 ms; the congestion window"
                    + " is not visible through the download API");
            local.plot(udp, scenario, List.of(new Plots.Flow("GET " + name, typical)), true);
        }
        rows.add(udp);
        Rows.print(console, udp);
        return rows;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
