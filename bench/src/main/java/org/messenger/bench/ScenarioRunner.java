package org.messenger.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.messenger.transport.netem.NetemSpec;

/**
 * Runs the rows of one scenario: TCP and UDP runs alternated so that both see the same machine
 * noise, medians, the retransmission overhead, fairness figures, and a plot of the median run.
 * Test files are made once per size and kept for every row of that size.
 */
final class ScenarioRunner implements AutoCloseable {
    /** Unmeasured warm-up rounds at most (each a TCP copy, a TLS copy and one of our transfers of the file). */
    static final int MAX_WARM_UP_ROUNDS = 10;
    private final Path workParent;
    private final TcpCopy tcp = new TcpCopy();
    private final TlsCopy tls = new TlsCopy();
    private final UdpTransfer udp;
    private final int repeats;
    private final PrintWriter console;
    private final BiFunction<Long, Long, Duration> limit;
    private final PlotFiles plots;
    private final Map<Long, BenchFiles> filesBySize = new HashMap<>();

    /** Where each scenario's PNG goes; {@code null} directory for none. */
    record PlotFiles(Path directory, String prefix) {
        Path forScenario(String scenario) {
            return forScenario(scenario, "");
        }

        /** A second picture of the row, e.g. {@code -jain}. */
        Path forScenario(String scenario, String suffix) {
            return directory.resolve(prefix + scenario + suffix + ".png");
        }
    }

    /**
     * @param limit time allowed for one transfer of (bytes, link bits per second; 0 for unlimited)
     * @param plots where plots go, or null for none
     */
    ScenarioRunner(Path workParent, UdpTransfer udp, int repeats, PrintWriter console, BiFunction<Long, Long, Duration> limit,
            PlotFiles plots) {
        this.workParent = workParent;
        this.udp = udp;
        this.repeats = repeats;
        this.console = console;
        this.limit = limit;
        this.plots = plots;
    }

    /**
     * The files for {@code size}; the first time, after unmeasured rounds of the TCP copy, the TLS
     * copy and our transfer over clean loopback that warm up the pages and the JIT: at least two,
     * until two rounds in a row compiled less than {@link JitSettling#QUIET_MILLIS_PER_SLICE}, at
     * most {@link #MAX_WARM_UP_ROUNDS}. The baselines used to get one round and our transfer none,
     * so its first measured runs also paid for compiling it.
     */
    BenchFiles files(long size) throws Exception {
        BenchFiles files = filesBySize.get(size);
        if (files == null) {
            files = BenchFiles.create(workParent, size);
            filesBySize.put(size, files);
            JitSettling jit = JitSettling.atMost(MAX_WARM_UP_ROUNDS);
            List<Long> compiled = new ArrayList<>();
            while (jit.wantsAnotherSlice()) {
                long compiledBefore = JitSettling.compilationMillis();
                files.resetDestination();
                tcp.copy(files.source(), files.destination(), size, limit.apply(size, 0L));
                files.resetDestination();
                tls.copy(files.source(), files.destination(), size, limit.apply(size, 0L));
                if (udp.unavailableReason() == null) {
                    files.resetDestination();
                    try {
                        udp.transfer(files.source(), files.destination(), size, NetemSpec.NONE, NetemSpec.NONE, limit.apply(size, 0L));
                    } catch (Exception e) {
                        // Not measured: the measured runs meet and report the same failure.
                    }
                }
                long millis = compiledBefore < 0 ? -1 : JitSettling.compilationMillis() - compiledBefore;
                compiled.add(millis);
                jit.sliceDone(millis);
            }
            console.printf("warm-up for %s: %d unmeasured round(s), JIT %s (ms compiled per round: %s)%n", Sizes.format(size),
                    jit.slices(), jit.settled() ? "quiet" : "still compiling", compiled);
            console.flush();
        }
        return files;
    }

    TcpCopy tcp() {
        return tcp;
    }

    List<Map<String, Object>> run(Scenario scenario) throws Exception {
        if (udp.unavailableReason() != null && !scenario.withTcpBaseline()) {
            Map<String, Object> row = Rows.unavailable(scenario, udp.unavailableReason());
            Rows.print(console, row);
            return List.of(row);
        }
        if (scenario.flows() > 1) {
            Map<String, Object> row = runFairness(scenario);
            Rows.print(console, row);
            return List.of(row);
        }
        return runSingle(scenario);
    }

    private List<Map<String, Object>> runSingle(Scenario scenario) throws Exception {
        long size = scenario.fileBytes();
        BenchFiles files = files(size);
        boolean udpUsable = udp.unavailableReason() == null;
        double[] tcpSeconds = new double[scenario.withTcpBaseline() ? repeats : 0];
        double[] tlsSeconds = new double[tcpSeconds.length];
        String tlsFailure = null;
        double[] udpSeconds = new double[udpUsable ? repeats : 0];
        long[] retransmitted = new long[udpSeconds.length];
        FlowSeries[] series = new FlowSeries[udpSeconds.length];
        List<Map<String, Object>> details = new ArrayList<>();
        String tcpFailure = null;
        String udpFailure = null;
        UdpTransfer.IncompleteTransferException incomplete = null;
        for (int i = 0; i < repeats; i++) {
            if (i < tcpSeconds.length && tcpFailure == null) {
                files.resetDestination();
                tcpSeconds[i] = tcp.copy(files.source(), files.destination(), size, limit.apply(size, 0L)) / 1e9;
                if (!files.destinationMatches()) {
                    tcpFailure = "destination differs from source after TCP copy";
                }
            }
            if (i < tlsSeconds.length && tlsFailure == null) {
                files.resetDestination();
                try {
                    tlsSeconds[i] = tls.copy(files.source(), files.destination(), size, limit.apply(size, 0L)) / 1e9;
                    if (!files.destinationMatches()) {
                        tlsFailure = "destination differs from source after TLS copy";
                    }
                } catch (Exception e) {
                    tlsFailure = "TLS copy failed: " + e.getMessage();
                }
            }
            if (i < udpSeconds.length && udpFailure == null) {
                files.resetDestination();
                try {
                    UdpTransfer.Result result = udp.transfer(files.source(), files.destination(), size,
                            scenario.toReceiver(), scenario.toSender(), limit.apply(size, scenario.linkRateBitsPerSecond()));
                    udpSeconds[i] = result.elapsedNanos() / 1e9;
                    retransmitted[i] = result.retransmittedBytes();
                    series[i] = result.series();
                    details.add(result.details());
                    if (!files.destinationMatches()) {
                        udpFailure = "destination differs from source after UDP transfer";
                    }
                } catch (UdpTransfer.IncompleteTransferException e) {
                    udpFailure = e.getMessage();
                    incomplete = e;
                } catch (Exception e) {
                    udpFailure = "transfer failed: " + e.getMessage();
                }
            }
        }

        List<Map<String, Object>> rows = new ArrayList<>();
        Double tcpMedianGbps = null;
        if (scenario.withTcpBaseline()) {
            Map<String, Object> row = Rows.row(scenario, "tcp", size, tcpSeconds, tcpFailure);
            tcpMedianGbps = tcpFailure == null ? (Double) row.get("medianGbps") : null;
            rows.add(row);
            Rows.print(console, row);
        }
        Double tlsMedianGbps = null;
        if (scenario.withTcpBaseline()) {
            Map<String, Object> row = Rows.row(scenario, "tls", size, tlsSeconds, tlsFailure);
            row.put("note", tlsFailure != null ? tlsFailure
                    : "the same copy over " + TlsCopy.PROTOCOL + " with " + TlsCopy.CIPHER_SUITE + " (JDK SSLSocket)");
            tlsMedianGbps = tlsFailure == null ? (Double) row.get("medianGbps") : null;
            rows.add(row);
            Rows.print(console, row);
        }
        Map<String, Object> udpRow;
        if (!udpUsable) {
            udpRow = Rows.unavailable(scenario, udp.unavailableReason());
        } else {
            udpRow = Rows.row(scenario, "udp", size, udpFailure == null ? udpSeconds : new double[0], udpFailure);
            if (udpFailure == null) {
                double median = (Double) udpRow.get("medianGbps");
                if (tlsMedianGbps != null) {
                    udpRow.put("ratioToTls", median / tlsMedianGbps);
                }
                if (tcpMedianGbps != null) {
                    udpRow.put("ratioToTcp", median / tcpMedianGbps);
                }
                if (scenario.linkRateBitsPerSecond() > 0) {
                    udpRow.put("shareOfLink", median * 1e9 / scenario.linkRateBitsPerSecond());
                }
                long[] known = Arrays.stream(retransmitted).filter(r -> r >= 0).sorted().toArray();
                udpRow.put("retransmittedBytesMedian", known.length == 0 ? null : known[known.length / 2]);
                udpRow.put("overhead", known.length == 0 ? null : (double) known[known.length / 2] / size);
                int typical = Rows.medianIndex(udpSeconds);
                udpRow.put("medianRun", typical);
                udpRow.put("medianRunDetails", details.get(typical));
                FlowSeries s = series[typical];
                if (s != null) {
                    udpRow.put("medianRunSeries", s.toJson());
                    plot(udpRow, scenario, List.of(new Plots.Flow("our UDP transport", s)), true);
                }
            } else if (incomplete != null) {
                recordIncomplete(udpRow, scenario, incomplete, "our UDP transport");
            } else if (!details.isEmpty()) {
                udpRow.put("lastRunDetails", details.getLast());
            }
        }
        rows.add(udpRow);
        Rows.print(console, udpRow);
        return rows;
    }

    private Map<String, Object> runFairness(Scenario scenario) throws Exception {
        long size = scenario.fileBytes();
        int flows = scenario.flows();
        BenchFiles files = files(size);
        List<Path> destinations = files.destinations(flows);
        double[] seconds = new double[repeats];
        double[] jain = new double[repeats];
        long[] retransmitted = new long[repeats];
        List<List<Double>> sharesGbps = new ArrayList<>();
        List<UdpTransfer.FlowsResult> results = new ArrayList<>();
        String failure = null;
        UdpTransfer.IncompleteTransferException incomplete = null;
        for (int i = 0; i < repeats && failure == null; i++) {
            for (Path destination : destinations) {
                files.reset(destination);
            }
            try {
                UdpTransfer.FlowsResult result = udp.transferConcurrently(files.source(), destinations, size,
                        scenario.toReceiver(), scenario.toSender(), limit.apply(size * flows, scenario.linkRateBitsPerSecond()));
                long slowest = 0;
                for (UdpTransfer.Result flow : result.flows()) {
                    slowest = Math.max(slowest, flow.elapsedNanos());
                    retransmitted[i] += Math.max(0, flow.retransmittedBytes());
                }
                // Aggregate goodput: every flow's bytes over the time until the last one finished.
                seconds[i] = slowest / 1e9;
                jain[i] = Rows.jainIndex(result.sharedPhaseBytesPerSecond());
                List<Double> shares = new ArrayList<>();
                for (double bytesPerSecond : result.sharedPhaseBytesPerSecond()) {
                    shares.add(bytesPerSecond * 8 / 1e9);
                }
                sharesGbps.add(shares);
                results.add(result);
                for (Path destination : destinations) {
                    if (!files.matches(destination)) {
                        failure = "a destination differs from the source after the concurrent transfers";
                    }
                }
            } catch (UnsupportedOperationException e) {
                return Rows.unavailable(scenario, e.getMessage());
            } catch (UdpTransfer.IncompleteTransferException e) {
                failure = e.getMessage();
                incomplete = e;
            } catch (Exception e) {
                failure = "transfer failed: " + e.getMessage();
            }
        }
        Map<String, Object> row = Rows.row(scenario, "udp", size * flows, failure == null ? seconds : new double[0], failure);
        row.put("flows", flows);
        if (failure != null) {
            if (incomplete != null) {
                recordIncomplete(row, scenario, incomplete, "flow ");
            }
            return row;
        }
        double median = (Double) row.get("medianGbps");
        row.put("shareOfLink", median * 1e9 / scenario.linkRateBitsPerSecond());
        long[] sortedRetransmitted = retransmitted.clone();
        Arrays.sort(sortedRetransmitted);
        row.put("retransmittedBytesMedian", sortedRetransmitted[repeats / 2]);
        row.put("overhead", (double) sortedRetransmitted[repeats / 2] / (size * flows));
        row.put("runsJainIndex", Rows.toList(jain));
        row.put("jainIndex", Rows.median(jain));
        row.put("jainIndexMeaning", "from each flow's goodput while all of them were running (start until the first finished)");
        row.put("runsSharedPhaseGbpsPerFlow", sharesGbps);
        int typical = Rows.medianIndex(seconds);
        UdpTransfer.FlowsResult chosen = results.get(typical);
        row.put("medianRun", typical);
        List<List<Long>> timeline = new ArrayList<>();
        for (long[] sample : chosen.timeline()) {
            List<Long> point = new ArrayList<>();
            for (long v : sample) {
                point.add(v);
            }
            timeline.add(point);
        }
        row.put("medianRunTimeline", Map.of("columns", "elapsedNanos, then bytes received by each flow", "samples", timeline));
        List<Object> perFlow = new ArrayList<>();
        List<Plots.Flow> lines = new ArrayList<>();
        for (int f = 0; f < chosen.flows().size(); f++) {
            FlowSeries s = chosen.flows().get(f).series();
            if (s != null) {
                perFlow.add(s.toJson());
                lines.add(new Plots.Flow("flow " + (f + 1), s));
            }
        }
        row.put("medianRunSeriesPerFlow", perFlow);
        if (!lines.isEmpty()) {
            plot(row, scenario, lines, true);
        }
        windowedJain(row, scenario, chosen.timeline(), size);
        return row;
    }

    /** Jain's index per window of the pictured run: its series, its min and median once settled, and its plot. */
    private void windowedJain(Map<String, Object> row, Scenario scenario, List<long[]> timeline, long size) {
        long[] flowBytes = new long[scenario.flows()];
        Arrays.fill(flowBytes, size);
        List<WindowedJain.Window> windows = WindowedJain.compute(timeline, flowBytes, WindowedJain.WINDOW_NANOS);
        row.put("medianRunWindowedJain", WindowedJain.toJson(windows, WindowedJain.WINDOW_NANOS));
        WindowedJain.Summary settled = WindowedJain.summary(windows, WindowedJain.SETTLE_NANOS);
        row.put("windowedJainFromSeconds", WindowedJain.SETTLE_NANOS / 1e9);
        row.put("windowedJainWindows", settled == null ? 0 : settled.windows());
        row.put("windowedJainMin", settled == null ? null : settled.min());
        row.put("windowedJainMedian", settled == null ? null : settled.median());
        if (plots == null || windows.isEmpty()) {
            return;
        }
        Targets.Target target = Targets.targetOf(row);
        String title = String.format(Locale.ROOT, "%s: Jain's index per %d s window, %d flows", scenario.name(),
                WindowedJain.WINDOW_NANOS / 1_000_000_000L, scenario.flows());
        try {
            Path file = Plots.writeJain(plots.forScenario(scenario.name(), "-jain"), title, windows, WindowedJain.WINDOW_NANOS,
                    scenario.flows(), row.get("jainIndex") instanceof Double j ? j : Double.NaN,
                    target == null ? Double.NaN : target.atLeast(), timeline.getLast()[0] / 1e9);
            row.put("jainPlot", file.getFileName().toString());
        } catch (IOException | RuntimeException | LinkageError e) {
            row.put("jainPlotError", "cannot draw the plot: " + e);
            console.printf("%s: no Jain plot (%s)%n", scenario.name(), e);
        }
    }

    /** A run that did not finish: its counters, and its samples and plot, which show where it stalled. */
    private void recordIncomplete(Map<String, Object> row, Scenario scenario, UdpTransfer.IncompleteTransferException e,
            String name) {
        row.put("lastRunDetails", e.details());
        List<Object> json = new ArrayList<>();
        List<Plots.Flow> lines = new ArrayList<>();
        for (int f = 0; f < e.series().size(); f++) {
            FlowSeries s = e.series().get(f);
            json.add(s.toJson());
            lines.add(new Plots.Flow(e.series().size() == 1 ? name : name + (f + 1), s));
        }
        row.put("failedRunSeriesPerFlow", json);
        if (lines.stream().anyMatch(l -> l.series().size() > 0)) {
            plot(row, scenario, lines, false);
        }
    }

    /** Draws the row's picture; a machine that cannot draw still gets its figures, with the reason in the row. */
    void plot(Map<String, Object> row, Scenario scenario, List<Plots.Flow> flows, boolean finished) {
        if (plots == null) {
            return;
        }
        // "did not finish" first: a long description is what gets cut off at the right edge.
        String title = String.format(Locale.ROOT, "%s%s: %s", scenario.name(), finished ? "" : " (did not finish)",
                scenario.description());
        try {
            Path file = Plots.write(plots.forScenario(scenario.name()), title, flows, scenario.linkRateBitsPerSecond() / 1e6);
            row.put("plot", file.getFileName().toString());
        } catch (IOException | RuntimeException | LinkageError e) {
            row.put("plotError", "cannot draw the plot: " + e);
            console.printf("%s: no plot (%s)%n", scenario.name(), e);
        }
    }

    @Override
    public void close() {
        for (BenchFiles files : filesBySize.values()) {
            files.close();
        }
    }
}
