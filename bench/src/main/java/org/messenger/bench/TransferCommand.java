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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench transfer}: the same file over a plain TCP copy (the baseline) and over our UDP
 * transport on 127.0.0.1, then over emulated links (the impairment layer on both ends' egress).
 * Prints a table of medians and writes JSON to {@code bench-results/}.
 */
@Command(
        name = "transfer",
        mixinStandardHelpOptions = true,
        description = "Moves one file over 127.0.0.1 by a plain TCP copy and by our UDP transport, clean and through"
                + " emulated links, and prints median rates: the UDP rate as a ratio to the TCP copy of the same run,"
                + " or as a share of the emulated link rate. Results also go to <out>/transfer-<time>.json.")
public final class TransferCommand implements Callable<Integer> {

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
        "Rows to run (default: all): loopback, wan100-loss0, wan100-loss1, wan100-loss2, wan100-loss5, lan1g-loss0, lan1g-loss1, sat10-loss5, messy100, fair2, fair4."})
    List<String> scenarios;

    @Option(names = "--quick", description = "Small file, few runs, two rows: a smoke run of a few seconds.")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the JSON goes (default: ${DEFAULT-VALUE}).", defaultValue = "bench-results")
    Path out;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where the test files go (default: /dev/shm if writable, else the temp directory).")
    Path workDirectory;

    @Option(names = "--time-limit", paramLabel = "SECONDS", description = "Give up on one transfer after this long (default: from size and link rate; 10 s with --quick).")
    Long timeLimitSeconds;

    @Option(names = "--cc", paramLabel = "NAME", description = "Congestion control of the UDP transport, e.g. cubic, newreno, bbr (default: the transport's).")
    String congestionControl;

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
        long sizeBytes = size != null ? Sizes.parse(size) : quick ? 4L << 20 : 256L << 20;
        int repeats = repeat != null ? repeat : quick ? 2 : 3;
        if (sizeBytes <= 0 || repeats <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--size and --repeat must be above 0");
        }
        List<Scenario> plan = plan(sizeBytes);
        UdpTransfer udp;
        try {
            udp = udpTransfers.apply(congestionControl);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--cc: " + e.getMessage());
        }
        Path parent = workDirectory != null ? workDirectory : BenchFiles.defaultParent();

        console.printf(Locale.ROOT, "Transfer benchmark: %s file in %s, %d run(s) per row, medians shown; %d CPUs, Java %s%n",
                Sizes.format(sizeBytes), parent, repeats, Runtime.getRuntime().availableProcessors(), Runtime.version());
        console.printf("UDP side: %s%n", udp.unavailableReason() == null ? udp.describe() : "not measured: " + udp.unavailableReason());
        console.flush();

        List<Map<String, Object>> rows = new ArrayList<>();
        boolean allVerified = true;
        try (BenchFiles files = BenchFiles.create(parent, sizeBytes)) {
            TcpCopy tcp = new TcpCopy();
            // Warm-up: JIT, socket buffers, destination pages. Not counted.
            files.resetDestination();
            tcp.copy(files.source(), files.destination(), sizeBytes, limit(sizeBytes, 0));
            for (Scenario scenario : plan) {
                List<Map<String, Object>> scenarioRows = runScenario(scenario, files, tcp, udp, repeats, console);
                for (Map<String, Object> row : scenarioRows) {
                    allVerified &= !"failed".equals(row.get("status"));
                }
                rows.addAll(scenarioRows);
            }
        }

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "transfer");
        report.put("startedAt", Instant.now().toString());
        report.put("sizeBytes", sizeBytes);
        report.put("repeats", repeats);
        report.put("quick", quick);
        report.put("workDirectory", parent.toString());
        report.put("cpus", Runtime.getRuntime().availableProcessors());
        report.put("java", Runtime.version().toString());
        report.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        report.put("udpTransport", udp.unavailableReason() == null ? udp.describe() : null);
        report.put("congestionControl", congestionControl);
        report.put("udpUnavailableReason", udp.unavailableReason());
        report.put("rows", rows);
        Path written = writeJson(report);
        console.printf("Results: %s%n", written);
        console.flush();
        return allVerified ? 0 : 1;
    }

    private List<Scenario> plan(long sizeBytes) {
        List<Scenario> standard = Scenario.standard(sizeBytes);
        if (netem != null) {
            Scenario custom;
            try {
                custom = Scenario.custom(netem);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--netem: " + e.getMessage());
            }
            return scenarios == null ? List.of(Scenario.loopback(), custom) : with(select(standard), custom);
        }
        if (scenarios == null) {
            return quick ? List.of(Scenario.loopback(), byName(standard, "wan100-loss0")) : standard;
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
        throw new CommandLine.ParameterException(spec.commandLine(), "--scenario: no scenario \"" + name + "\"; choose from " + names);
    }

    private static List<Scenario> with(List<Scenario> list, Scenario extra) {
        List<Scenario> all = new ArrayList<>(list);
        all.add(extra);
        return all;
    }

    private List<Map<String, Object>> runScenario(Scenario scenario, BenchFiles files, TcpCopy tcp, UdpTransfer udp,
            int repeats, PrintWriter console) throws Exception {
        if (scenario.flows() > 1) {
            Map<String, Object> row = runFairness(scenario, files, udp, repeats);
            print(console, scenario, row);
            return List.of(row);
        }
        long size = files.size();
        double[] tcpSeconds = new double[scenario.withTcpBaseline() ? repeats : 0];
        double[] udpSeconds = new double[udp.unavailableReason() == null ? repeats : 0];
        long[] retransmitted = new long[udpSeconds.length];
        Map<String, Object> lastUdpDetails = null;
        String tcpFailure = null;
        String udpFailure = null;
        // Alternate TCP and UDP runs so both see the same machine noise.
        for (int i = 0; i < repeats; i++) {
            if (i < tcpSeconds.length && tcpFailure == null) {
                files.resetDestination();
                long nanos = tcp.copy(files.source(), files.destination(), size, limit(size, 0));
                tcpSeconds[i] = nanos / 1e9;
                if (!files.destinationMatches()) {
                    tcpFailure = "destination differs from source after TCP copy";
                }
            }
            if (i < udpSeconds.length && udpFailure == null) {
                files.resetDestination();
                try {
                    UdpTransfer.Result result = udp.transfer(files.source(), files.destination(), size,
                            scenario.toReceiver(), scenario.toSender(), limit(size, scenario.linkRateBitsPerSecond()));
                    udpSeconds[i] = result.elapsedNanos() / 1e9;
                    retransmitted[i] = result.retransmittedBytes();
                    lastUdpDetails = result.details();
                    if (!files.destinationMatches()) {
                        udpFailure = "destination differs from source after UDP transfer";
                    }
                } catch (Exception e) {
                    udpFailure = "transfer failed: " + e.getMessage();
                }
            }
        }

        List<Map<String, Object>> rows = new ArrayList<>();
        Double tcpMedianGbps = null;
        if (scenario.withTcpBaseline()) {
            Map<String, Object> row = row(scenario, "tcp", size, tcpSeconds, tcpFailure);
            tcpMedianGbps = tcpFailure == null ? (Double) row.get("medianGbps") : null;
            rows.add(row);
            print(console, scenario, row);
        }
        Map<String, Object> udpRow;
        if (udp.unavailableReason() != null) {
            udpRow = row(scenario, "udp", size, new double[0], null);
            udpRow.put("status", "unavailable");
            udpRow.put("note", udp.unavailableReason());
        } else {
            udpRow = row(scenario, "udp", size, udpSeconds, udpFailure);
            if (udpFailure == null) {
                double median = (Double) udpRow.get("medianGbps");
                if (tcpMedianGbps != null) {
                    udpRow.put("ratioToTcp", median / tcpMedianGbps);
                }
                long[] known = Arrays.stream(retransmitted).filter(r -> r >= 0).sorted().toArray();
                udpRow.put("retransmittedBytesMedian", known.length == 0 ? null : known[known.length / 2]);
                udpRow.put("overhead", known.length == 0 ? null : (double) known[known.length / 2] / size);
            }
            udpRow.put("lastRunDetails", lastUdpDetails);
        }
        if (scenario.linkRateBitsPerSecond() > 0 && udpRow.get("medianGbps") instanceof Double median) {
            udpRow.put("shareOfLink", median * 1e9 / scenario.linkRateBitsPerSecond());
        }
        rows.add(udpRow);
        print(console, scenario, udpRow);
        return rows;
    }

    private Map<String, Object> runFairness(Scenario scenario, BenchFiles files, UdpTransfer udp, int repeats) throws Exception {
        long size = files.size();
        int flows = scenario.flows();
        if (udp.unavailableReason() != null) {
            Map<String, Object> row = row(scenario, "udp", size, new double[0], null);
            row.put("flows", flows);
            row.put("status", "unavailable");
            row.put("note", udp.unavailableReason());
            return row;
        }
        List<Path> destinations = files.destinations(flows);
        double[] seconds = new double[repeats];
        double[] jain = new double[repeats];
        List<List<Double>> sharesGbps = new ArrayList<>();
        List<long[]> lastTimeline = List.of();
        String failure = null;
        for (int i = 0; i < repeats && failure == null; i++) {
            for (Path destination : destinations) {
                files.reset(destination);
            }
            try {
                UdpTransfer.FlowsResult result = udp.transferConcurrently(files.source(), destinations, size,
                        scenario.toReceiver(), scenario.toSender(), limit(size * flows, scenario.linkRateBitsPerSecond()));
                long slowest = 0;
                for (UdpTransfer.Result flow : result.flows()) {
                    slowest = Math.max(slowest, flow.elapsedNanos());
                }
                // Aggregate goodput: every flow's bytes over the time until the last one finished.
                seconds[i] = slowest / 1e9;
                jain[i] = jainIndex(result.sharedPhaseBytesPerSecond());
                List<Double> shares = new ArrayList<>();
                for (double bytesPerSecond : result.sharedPhaseBytesPerSecond()) {
                    shares.add(bytesPerSecond * 8 / 1e9);
                }
                sharesGbps.add(shares);
                lastTimeline = result.timeline();
                for (Path destination : destinations) {
                    if (!files.matches(destination)) {
                        failure = "a destination differs from the source after the concurrent transfers";
                    }
                }
            } catch (UnsupportedOperationException e) {
                Map<String, Object> row = row(scenario, "udp", size, new double[0], null);
                row.put("flows", flows);
                row.put("status", "unavailable");
                row.put("note", e.getMessage());
                return row;
            } catch (Exception e) {
                failure = "transfer failed: " + e.getMessage();
            }
        }
        Map<String, Object> row = row(scenario, "udp", size * flows, failure == null ? seconds : new double[0], failure);
        row.put("flows", flows);
        if (failure == null) {
            double median = (Double) row.get("medianGbps");
            row.put("shareOfLink", median * 1e9 / scenario.linkRateBitsPerSecond());
            row.put("runsJainIndex", toList(jain));
            row.put("jainIndex", median(jain));
            row.put("runsSharedPhaseGbpsPerFlow", sharesGbps);
            List<List<Long>> timeline = new ArrayList<>();
            for (long[] sample : lastTimeline) {
                List<Long> point = new ArrayList<>();
                for (long v : sample) {
                    point.add(v);
                }
                timeline.add(point);
            }
            row.put("lastRunTimeline", Map.of("columns", "elapsedNanos, then bytes received by each flow", "samples", timeline));
        }
        return row;
    }

    /** Jain's fairness index: (sum x)^2 / (n * sum x^2); 1 when all are equal, 1/n when one takes all. */
    static double jainIndex(double[] rates) {
        double sum = 0;
        double squares = 0;
        for (double x : rates) {
            sum += x;
            squares += x * x;
        }
        return squares == 0 ? Double.NaN : sum * sum / (rates.length * squares);
    }

    private static List<Double> toList(double[] values) {
        List<Double> list = new ArrayList<>();
        for (double v : values) {
            list.add(v);
        }
        return list;
    }

    private static Map<String, Object> row(Scenario scenario, String path, long size, double[] seconds, String failure) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scenario", scenario.name());
        row.put("description", scenario.description());
        row.put("path", path);
        row.put("netemToReceiver", scenario.toReceiver().isNone() ? null : scenario.toReceiver().toString());
        row.put("netemToSender", scenario.toSender().isNone() ? null : scenario.toSender().toString());
        row.put("linkRateBitsPerSecond", scenario.linkRateBitsPerSecond() == 0 ? null : scenario.linkRateBitsPerSecond());
        row.put("status", failure == null ? "ok" : "failed");
        if (failure != null) {
            row.put("note", failure);
        }
        List<Double> runSeconds = new ArrayList<>();
        List<Double> runGbps = new ArrayList<>();
        for (double s : seconds) {
            runSeconds.add(s);
            runGbps.add(size * 8 / s / 1e9);
        }
        row.put("runsSeconds", runSeconds);
        row.put("runsGbps", runGbps);
        if (failure == null && seconds.length > 0) {
            double medianSeconds = median(seconds);
            row.put("medianSeconds", medianSeconds);
            row.put("medianGbps", size * 8 / medianSeconds / 1e9);
        }
        return row;
    }

    /** The median; for an even count, the mean of the two middle values. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void print(PrintWriter console, Scenario scenario, Map<String, Object> row) {
        String figure;
        if (row.get("medianGbps") instanceof Double gbps) {
            figure = String.format(Locale.ROOT, "%8.3f Gbit/s", gbps);
            if (row.get("ratioToTcp") instanceof Double ratio) {
                figure += String.format(Locale.ROOT, "   %.2fx TCP", ratio);
            } else if ("tcp".equals(row.get("path"))) {
                figure += "   (baseline)";
            }
            if (row.get("shareOfLink") instanceof Double share) {
                figure += String.format(Locale.ROOT, "   %5.1f%% of link", share * 100);
            }
            if (row.get("jainIndex") instanceof Double jain) {
                figure += String.format(Locale.ROOT, "   Jain %.3f", jain);
            }
            if (row.get("overhead") instanceof Double overhead) {
                figure += String.format(Locale.ROOT, "   retransmitted %.1f%%", overhead * 100);
            }
        } else {
            figure = row.get("status") + ": " + row.get("note");
        }
        console.printf(Locale.ROOT, "%-13s %-4s %s%n", scenario.name(), row.get("path"), figure);
        console.flush();
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

    private Path writeJson(Map<String, Object> report) throws IOException {
        Files.createDirectories(out);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path file = out.resolve("transfer-" + stamp + ".json");
        Files.writeString(file, Json.write(report));
        Files.copy(file, out.resolve("transfer-latest.json"), StandardCopyOption.REPLACE_EXISTING);
        return file;
    }
}
