package org.messenger.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.messenger.client.ChatClientException;
import org.messenger.client.ServerAddress;
import org.messenger.transport.TransferConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench transfer}: the same file over a plain TCP copy (the baseline) and over our UDP
 * transport on 127.0.0.1, then over emulated links (the impairment layer on both ends' egress), or
 * from a running server. Prints a row per scenario as it finishes and a summary against the issue's
 * targets, and writes JSON and one PNG plot per scenario to {@code bench-results/}.
 */
@Command(
        name = "transfer",
        mixinStandardHelpOptions = true,
        description = "Moves one file over 127.0.0.1 by a plain TCP copy and by our UDP transport, clean and through"
                + " emulated links, and prints median rates: the UDP rate as a ratio to the TCP copy of the same run,"
                + " or as a share of the emulated link rate. Results go to <out>/transfer-<time>.json, plots of goodput and"
                + " congestion window over time to <out>/transfer-<time>-<scenario>.png.")
public final class TransferCommand implements Callable<Integer> {
    private static final double DEFAULT_LINK_SECONDS = 20;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--size", paramLabel = "SIZE", description = "File size, e.g. 256MiB, 64MiB, 1GiB (default: 256MiB; 4MiB with --quick).")
    String size;

    @Option(names = "--repeat", paramLabel = "N", description = "Runs per row; the median is reported (default: 3; 2 with --quick).")
    Integer repeat;

    @Option(names = "--netem", paramLabel = "SPEC", description = {
        "Run one emulated link with this spec instead of the standard ones, e.g. \"rate=100mbit,delay=15ms,queue=25,loss=2%%\" (see docs/netem.md)."})
    String netem;

    @Option(names = "--scenario", paramLabel = "NAME", split = ",", description = {
        "Rows to run (default: all but get): loopback, wan100-loss0, wan100-loss1, wan100-loss2, wan100-loss5, lan1g-loss0, lan1g-loss1, sat10-loss5, messy100, fair2, fair4;"
            + " and get: a real 'messenger server' process and a timed 'messenger get' process of the whole file against a TCP copy"
            + " of it (e.g. --scenario get --size 1GiB)."})
    List<String> scenarios;

    @Option(names = "--launcher", paramLabel = "PATH", description = "The ./messenger launcher the get row runs (default: the one that"
            + " started this bench).")
    Path launcher;

    @Option(names = "--link-seconds", paramLabel = "SECONDS", description = {
        "An emulated row moves at most this many seconds' worth of its link rate (or 50 round trips' worth, if longer),"
            + " so slow links do not take hours; --size still caps it (default: 20)."})
    Double linkSeconds;

    @Option(names = "--quick", description = "Small file, few runs, two rows: a smoke run of a few seconds.")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the JSON and the plots go (default: ${DEFAULT-VALUE}).", defaultValue = "bench-results")
    Path out;

    @Option(names = "--no-plots", description = "Write no PNG plots.")
    boolean noPlots;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where the test files go (default: /dev/shm if writable, else the temp directory).")
    Path workDirectory;

    @Option(names = "--time-limit", paramLabel = "SECONDS", description = "Give up on one transfer after this long (default: from size and link rate; 10 s with --quick).")
    Long timeLimitSeconds;

    @Option(names = "--cc", paramLabel = "NAME", description = "Congestion control of the UDP transport, e.g. cubic, newreno, bbr (default: the transport's).")
    String congestionControl;

    @Option(names = "--server", paramLabel = "HOST[:PORT]", description = {
        "Instead of the local rows (unless --scenario or --netem asks for them too): download a file that this running"
            + " server shares, as 'messenger get' does, and time it; on 127.0.0.1 against a TCP copy of the same size."})
    String server;

    @Option(names = "--file", paramLabel = "NAME", description = "With --server: the shared file to get (default: the largest one).")
    String serverFile;

    private final Function<String, UdpTransfer> udpTransfers;

    public TransferCommand() {
        this(UdpTransfers::standard);
    }

    /** For tests: a different UDP side, made from the {@code --cc} value (null when not given). */
    TransferCommand(Function<String, UdpTransfer> udpTransfers) {
        this.udpTransfers = udpTransfers;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        long sizeBytes;
        try {
            sizeBytes = size != null ? Sizes.parse(size) : quick ? 4L << 20 : 256L << 20;
        } catch (IllegalArgumentException e) {
            throw usage("--size: " + e.getMessage());
        }
        int repeats = repeat != null ? repeat : quick ? 2 : 3;
        double seconds = linkSeconds != null ? linkSeconds : DEFAULT_LINK_SECONDS;
        if (sizeBytes <= 0 || repeats <= 0 || !(seconds > 0)) {
            throw usage("--size, --repeat and --link-seconds must be above 0");
        }
        ServerAddress serverAddress = serverAddress();
        boolean getRow = scenarios != null && scenarios.stream().anyMatch(name -> name.strip().equals(GetProcessRun.SCENARIO));
        if (getRow) {
            scenarios = scenarios.stream().filter(name -> !name.strip().equals(GetProcessRun.SCENARIO)).toList();
        }
        Path getLauncher = getRow ? launcher() : null;
        List<Scenario> plan = getRow && scenarios.isEmpty() && netem == null ? List.of() : plan(sizeBytes, seconds, serverAddress != null);
        UdpTransfer udp;
        TransferConfig serverConfig;
        try {
            udp = udpTransfers.apply(congestionControl);
            serverConfig = serverAddress == null ? null : serverConfig(serverAddress);
        } catch (IllegalArgumentException e) {
            throw usage("--cc: " + e.getMessage());
        }
        Path parent = workDirectory != null ? workDirectory : BenchFiles.defaultParent();
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());

        console.printf(Locale.ROOT, "Transfer benchmark: %s, %d run(s) per row, medians shown; %d CPUs, Java %s%n",
                plan.isEmpty() && serverAddress != null ? "files from " + serverAddress : "up to " + Sizes.format(sizeBytes) + " per flow in " + parent,
                repeats, Runtime.getRuntime().availableProcessors(), Runtime.version());
        if (!plan.isEmpty()) {
            console.printf("UDP side: %s%n", udp.unavailableReason() == null ? udp.describe() : "not measured: " + udp.unavailableReason());
        }
        console.flush();

        List<Map<String, Object>> rows = new ArrayList<>();
        ScenarioRunner.PlotFiles plots = noPlots ? null : new ScenarioRunner.PlotFiles(out, "transfer-" + stamp + "-");
        try (ScenarioRunner runner = new ScenarioRunner(parent, udp, repeats, console, this::limit, plots)) {
            for (Scenario scenario : plan) {
                rows.addAll(runner.run(scenario));
            }
            if (getRow) {
                rows.addAll(new GetProcessRun(getLauncher, parent, sizeBytes, repeats, console, limit(sizeBytes, 0)).run(runner.tcp()));
            }
            if (serverAddress != null) {
                ServerRun run = new ServerRun(serverAddress, serverFile, serverConfig, repeats, Duration.ofSeconds(10), console);
                try {
                    rows.addAll(run.run(runner, parent, limit(sizeBytes, 0)));
                } catch (ChatClientException | IllegalArgumentException | TimeoutException e) {
                    rows.add(serverFailure(console, serverAddress, e.getMessage()));
                } catch (ExecutionException e) {
                    rows.add(serverFailure(console, serverAddress, e.getCause().getMessage()));
                }
            }
        }
        boolean allVerified = rows.stream().noneMatch(row -> "failed".equals(row.get("status")));
        Targets.printSummary(console, rows);

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "transfer");
        report.put("startedAt", Instant.now().toString());
        report.put("sizeBytes", sizeBytes);
        report.put("linkSeconds", seconds);
        report.put("repeats", repeats);
        report.put("quick", quick);
        report.put("workDirectory", parent.toString());
        report.put("cpus", Runtime.getRuntime().availableProcessors());
        report.put("java", Runtime.version().toString());
        report.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        report.put("udpTransport", udp.unavailableReason() == null ? udp.describe() : null);
        report.put("congestionControl", congestionControl);
        report.put("udpUnavailableReason", udp.unavailableReason());
        report.put("targets", Targets.toJson(rows));
        report.put("rows", rows);
        Path written = writeJson(report, stamp);
        console.printf("Results: %s%s%n", written, plots == null ? "" : " (plots beside it: " + plots.prefix() + "<scenario>.png)");
        console.flush();
        return allVerified ? 0 : 1;
    }

    /** The launcher the get row runs: --launcher, else the one that started this bench (it says so in a system property). */
    private Path launcher() {
        Path chosen = launcher;
        if (chosen == null) {
            String property = System.getProperty("messenger.launcher");
            if (property == null || property.isBlank()) {
                throw usage("--scenario get runs ./messenger: start the bench as './messenger bench transfer', or give --launcher PATH");
            }
            chosen = Path.of(property);
        }
        if (!Files.isExecutable(chosen)) {
            throw usage("--launcher " + chosen + ": not an executable file; give the path of ./messenger");
        }
        return chosen.toAbsolutePath();
    }

    private ServerAddress serverAddress() {
        if (server == null) {
            if (serverFile != null) {
                throw usage("--file needs --server");
            }
            return null;
        }
        try {
            return ServerAddress.parse(server);
        } catch (IllegalArgumentException e) {
            throw usage("--server: " + e.getMessage());
        }
    }

    /** As 'messenger get' picks it: large datagrams to a server on this machine, path-sized ones elsewhere. */
    private TransferConfig serverConfig(ServerAddress address) {
        TransferConfig config = ServerRun.isLoopback(address) ? TransferConfig.loopback() : TransferConfig.defaults();
        return congestionControl == null ? config : config.withCongestionControl(congestionControl);
    }

    private static Map<String, Object> serverFailure(PrintWriter console, ServerAddress address, String message) {
        console.printf("server: %s%n", message);
        console.flush();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scenario", "server");
        row.put("path", "udp");
        row.put("server", address.toString());
        row.put("status", "failed");
        row.put("note", message);
        return row;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private List<Scenario> plan(long sizeBytes, double seconds, boolean againstServer) {
        List<Scenario> standard = Scenario.standard(sizeBytes, seconds);
        if (netem != null) {
            Scenario custom;
            try {
                custom = Scenario.custom(netem, sizeBytes, seconds);
            } catch (IllegalArgumentException e) {
                throw usage("--netem: " + e.getMessage());
            }
            if (scenarios != null) {
                return with(select(standard), custom);
            }
            return againstServer ? List.of(custom) : List.of(Scenario.loopback(sizeBytes), custom);
        }
        if (scenarios == null) {
            if (againstServer) {
                return List.of();
            }
            return quick ? List.of(Scenario.loopback(sizeBytes), byName(standard, "wan100-loss0")) : standard;
        }
        return select(standard);
    }

    private List<Scenario> select(List<Scenario> standard) {
        List<Scenario> chosen = new ArrayList<>();
        for (String name : scenarios) {
            chosen.add(byName(standard, name.strip()));
        }
        return chosen;
    }

    private Scenario byName(List<Scenario> standard, String name) {
        for (Scenario s : standard) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        List<String> names = standard.stream().map(Scenario::name).toList();
        throw usage("--scenario: no scenario \"" + name + "\"; choose from " + names);
    }

    private static List<Scenario> with(List<Scenario> list, Scenario extra) {
        List<Scenario> all = new ArrayList<>(list);
        all.add(extra);
        return all;
    }

    /** Explicit limit, or generous: 3x the time the link needs plus 30 s, at least 60 s. */
    private Duration limit(long sizeBytes, long linkRateBitsPerSecond) {
        if (timeLimitSeconds != null) {
            return Duration.ofSeconds(timeLimitSeconds);
        }
        if (quick) {
            return Duration.ofSeconds(10);
        }
        long seconds = 60 + sizeBytes / (10L << 20);
        if (linkRateBitsPerSecond > 0) {
            seconds = Math.max(seconds, 30 + 3 * sizeBytes * 8 / linkRateBitsPerSecond);
        }
        return Duration.ofSeconds(seconds);
    }

    private Path writeJson(Map<String, Object> report, String stamp) throws IOException {
        Files.createDirectories(out);
        Path file = out.resolve("transfer-" + stamp + ".json");
        Files.writeString(file, Json.write(report));
        Files.copy(file, out.resolve("transfer-latest.json"), StandardCopyOption.REPLACE_EXISTING);
        return file;
    }
}
