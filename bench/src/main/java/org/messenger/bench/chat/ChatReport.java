package org.messenger.bench.chat;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Prints the results of {@code bench chat} as one table: a row per figure, a column per server,
 * and the ratio of our server to each other server of the same run (the floor relay always,
 * {@code --against} when given). Lower is better for every figure shown.
 */
final class ChatReport {
    static final double TARGET_P99_MILLIS = 50;
    static final double TARGET_RESIDENT_BYTES_PER_CLIENT = 4096;
    /** Issue 15: with history persistence on, p99 within 10 % of the same build with it off, in the same run. */
    static final double TARGET_PERSISTENCE_P99_RATIO = 1.10;

    /** Issue 13: p99 over TLS within this factor of plain TCP, in the same run. */
    static final double TARGET_TLS_P99_RATIO = 1.5;

    private record Figure(String label, String key, Function<Double, String> format) {}

    private static final List<Figure> LOAD_FIGURES = List.of(
            new Figure("latency p50 (ms)", "latencyP50Millis", ChatReport::millis),
            new Figure("latency p99 (ms)", "latencyP99Millis", ChatReport::millis),
            new Figure("latency p99.9 (ms)", "latencyP999Millis", ChatReport::millis),
            new Figure("latency max (ms)", "latencyMaxMillis", ChatReport::millis),
            new Figure("deliveries lost", "lost", v -> String.format(Locale.ROOT, "%.0f", v)),
            new Figure("server CPU (% of a core)", "serverCpuShareOfCore", v -> String.format(Locale.ROOT, "%.1f", v * 100)),
            new Figure("server CPU per delivery (us)", "serverCpuMicrosPerDelivery", v -> String.format(Locale.ROOT, "%.2f", v)),
            // The load generator's own share of the machine and its GC pauses while measuring:
            // a generator that is starved or paused shows up in every server's latency.
            new Figure("load generator CPU (% of a core)", "generatorCpuShareOfCore", v -> String.format(Locale.ROOT, "%.1f", v * 100)),
            new Figure("load generator GC pauses (ms)", "generatorGcMillis", v -> String.format(Locale.ROOT, "%.0f", v)),
            // How long the warm-up ran (its fixed part, then until both JIT compilers were quiet),
            // and what they still compiled while timing: a busy compiler takes the CPU the
            // server needs, a one-off cost that would otherwise be charged to every message.
            new Figure("warm-up until JIT quiet (s)", "warmupSeconds", v -> String.format(Locale.ROOT, "%.1f", v)),
            new Figure("server JIT while measured (ms)", "serverJitMillisMeasured", v -> String.format(Locale.ROOT, "%.0f", v)),
            new Figure("load generator JIT while measured (ms)", "generatorJitMillisMeasured", v -> String.format(Locale.ROOT, "%.0f", v)));

    private static final List<Figure> MEMORY_FIGURES = List.of(
            new Figure("connect + register all (s)", "connectSeconds", v -> String.format(Locale.ROOT, "%.2f", v)),
            new Figure("empty server resident (MiB)", "emptyResidentBytes", v -> String.format(Locale.ROOT, "%.1f", v / (1 << 20))),
            new Figure("resident per client (KiB)", "residentBytesPerClient", v -> String.format(Locale.ROOT, "%.2f", v / 1024)),
            new Figure("live heap per client (KiB)", "liveHeapBytesPerClient", v -> String.format(Locale.ROOT, "%.2f", v / 1024)));

    /** Shown when a TLS row ran (bench chat --tls): the server's side of full handshakes. */
    private static final List<Figure> TLS_FIGURES = List.of(
            new Figure("TLS handshakes per second", "handshakesPerSecond", v -> String.format(Locale.ROOT, "%.0f", v)),
            new Figure("server CPU per handshake (us)", "serverCpuMicrosPerHandshake", v -> String.format(Locale.ROOT, "%.0f", v)),
            new Figure("handshakes per server core-second", "handshakesPerServerCoreSecond", v -> String.format(Locale.ROOT, "%.0f", v)));

    private static final List<Figure> IDLE_FIGURES = List.of(
            new Figure("server CPU while idle (% of a core)", "serverCpuShareOfCore", v -> String.format(Locale.ROOT, "%.2f", v * 100)));

    private ChatReport() {}

    /**
     * Our server's row is the one named "messenger" (or "messenger-tls" when TLS ran: then the
     * plain server is its first baseline); every other row is a baseline it is compared with.
     */
    static void print(PrintWriter out, List<Map<String, Object>> rows, boolean idle) {
        Map<String, Object> tlsRow = rowNamed(rows, "messenger-tls");
        Map<String, Object> plainRow = rowNamed(rows, "messenger");
        Map<String, Object> ours = tlsRow != null ? tlsRow : plainRow;
        List<Map<String, Object>> others = new ArrayList<>();
        if (tlsRow != null && plainRow != null) {
            others.add(plainRow);
        }
        for (Map<String, Object> row : rows) {
            if (row != ours && row != plainRow) {
                others.add(row);
            }
        }
        List<String> header = new ArrayList<>();
        header.add("");
        if (ours != null) {
            header.add(String.valueOf(ours.get("server")));
        }
        for (Map<String, Object> other : others) {
            header.add(other.get("server") + ("relay".equals(other.get("server")) ? " (floor)" : ""));
            if (ours != null) {
                header.add("ratio");
            }
        }
        List<List<String>> table = new ArrayList<>();
        table.add(header);
        List<Figure> figures = new ArrayList<>(idle ? IDLE_FIGURES : LOAD_FIGURES);
        figures.addAll(MEMORY_FIGURES);
        if (tlsRow != null) {
            figures.addAll(TLS_FIGURES);
        }
        if (!idle) {
            table.add(deliveryLine(ours, others));
        }
        for (Figure figure : figures) {
            List<String> line = new ArrayList<>();
            line.add(figure.label());
            Double mine = ours == null ? null : number(ours.get(figure.key()));
            if (ours != null) {
                line.add(mine == null ? "-" : figure.format().apply(mine));
            }
            for (Map<String, Object> other : others) {
                Double theirs = number(other.get(figure.key()));
                line.add(theirs == null ? "-" : figure.format().apply(theirs));
                if (ours != null) {
                    line.add(mine == null || theirs == null || theirs == 0 ? "-" : String.format(Locale.ROOT, "%.2fx", mine / theirs));
                }
            }
            table.add(line);
        }
        printTable(out, table);
        for (Map<String, Object> row : rows) {
            if (!"ok".equals(row.get("status"))) {
                out.printf("%s: %s: %s%n", row.get("server"), row.get("status"), row.get("note"));
            }
        }
        if (plainRow != null) {
            printTargets(out, plainRow, idle);
        }
        if (tlsRow != null) {
            printTlsTargets(out, tlsRow, plainRow, idle);
        }
        if (!idle) {
            printPersistence(out, rows);
        }
        out.flush();
    }

    /** The row of {@code server} if it ran to the end, else null. */
    private static Map<String, Object> row(List<Map<String, Object>> rows, String server) {
        Map<String, Object> row = rowNamed(rows, server);
        return row != null && "ok".equals(row.get("status")) ? row : null;
    }

    private static Map<String, Object> rowNamed(List<Map<String, Object>> rows, String name) {
        for (Map<String, Object> row : rows) {
            if (name.equals(row.get("server"))) {
                return row;
            }
        }
        return null;
    }

    /** p99 of messenger-history over p99 of messenger, when both ran in this run. */
    static java.util.Optional<Double> persistenceP99Ratio(List<Map<String, Object>> rows) {
        Map<String, Object> off = row(rows, "messenger");
        Map<String, Object> on = row(rows, "messenger-history");
        Double offP99 = off == null ? null : number(off.get("latencyP99Millis"));
        Double onP99 = on == null ? null : number(on.get("latencyP99Millis"));
        return offP99 == null || onP99 == null || offP99 == 0 ? java.util.Optional.empty() : java.util.Optional.of(onP99 / offP99);
    }

    private static void printPersistence(PrintWriter out, List<Map<String, Object>> rows) {
        java.util.Optional<Double> ratio = persistenceP99Ratio(rows);
        if (ratio.isEmpty()) {
            return;
        }
        Map<String, Object> off = row(rows, "messenger");
        Map<String, Object> on = row(rows, "messenger-history");
        Double lost = number(on.get("lost"));
        out.printf(Locale.ROOT, "history persistence on vs off (same build, same run): p99 %.1f ms vs %.1f ms = %.2fx (target <= %.2fx: %s),"
                        + " %s with it on%n",
                number(on.get("latencyP99Millis")), number(off.get("latencyP99Millis")), ratio.get(), TARGET_PERSISTENCE_P99_RATIO,
                ratio.get() <= TARGET_PERSISTENCE_P99_RATIO ? "met" : "MISSED",
                lost == null ? "deliveries not counted" : lost == 0 ? "nothing lost" : String.format(Locale.ROOT, "%.0f deliveries LOST", lost));
    }

    /** Issue 13's figures for TLS, each against the plain server of the same run. */
    private static void printTlsTargets(PrintWriter out, Map<String, Object> tls, Map<String, Object> plain, boolean idle) {
        List<String> verdicts = new ArrayList<>();
        Double perSecond = number(tls.get("handshakesPerSecond"));
        Double perCore = number(tls.get("handshakesPerServerCoreSecond"));
        if (perSecond != null) {
            verdicts.add(String.format(Locale.ROOT, "%.0f full handshakes/s (%s engine; %s per server core-second)", perSecond,
                    tls.get("tlsEngine"), perCore == null ? "-" : String.format(Locale.ROOT, "%.0f", perCore)));
        }
        Double tlsP99 = number(tls.get("latencyP99Millis"));
        Double plainP99 = plain == null ? null : number(plain.get("latencyP99Millis"));
        if (!idle && tlsP99 != null && plainP99 != null && plainP99 > 0) {
            double ratio = tlsP99 / plainP99;
            verdicts.add(String.format(Locale.ROOT, "p99 %.1f ms over TLS against %.1f ms plain = %.2fx %s %.1fx", tlsP99, plainP99,
                    ratio, ratio <= TARGET_TLS_P99_RATIO ? "<=" : ">", TARGET_TLS_P99_RATIO));
        }
        Double tlsResident = number(tls.get("residentBytesPerClient"));
        Double plainResident = plain == null ? null : number(plain.get("residentBytesPerClient"));
        if (idle && tlsResident != null) {
            verdicts.add(String.format(Locale.ROOT, "%.2f KiB resident per idle TLS client%s", tlsResident / 1024,
                    plainResident == null || plainResident <= 0 ? ""
                            : String.format(Locale.ROOT, " against %.2f KiB plain (%.2fx)", plainResident / 1024, tlsResident / plainResident)));
        }
        if (!verdicts.isEmpty()) {
            out.println("messenger over TLS (issue 13; p99 within " + TARGET_TLS_P99_RATIO + "x plain): " + String.join(", ", verdicts));
        }
    }

    private static List<String> deliveryLine(Map<String, Object> ours, List<Map<String, Object>> others) {
        List<String> line = new ArrayList<>();
        line.add("delivered / sent deliveries");
        if (ours != null) {
            line.add(delivered(ours));
        }
        for (Map<String, Object> other : others) {
            line.add(delivered(other));
            if (ours != null) {
                line.add("");
            }
        }
        return line;
    }

    private static String delivered(Map<String, Object> row) {
        Double got = number(row.get("deliveriesReceived"));
        Double expected = number(row.get("deliveriesExpected"));
        return got == null || expected == null ? "-" : String.format(Locale.ROOT, "%.0f / %.0f", got, expected);
    }

    private static void printTargets(PrintWriter out, Map<String, Object> ours, boolean idle) {
        List<String> verdicts = new ArrayList<>();
        if (!idle) {
            Double p99 = number(ours.get("latencyP99Millis"));
            Double lost = number(ours.get("lost"));
            if (p99 != null) {
                verdicts.add(String.format(Locale.ROOT, "p99 %.1f ms %s %.0f ms", p99, p99 <= TARGET_P99_MILLIS ? "<=" : ">", TARGET_P99_MILLIS));
            }
            if (lost != null) {
                verdicts.add(lost == 0 ? "nothing lost" : String.format(Locale.ROOT, "%.0f deliveries LOST", lost));
            }
        }
        Double perClient = number(ours.get("residentBytesPerClient"));
        if (!idle) {
            // Under load the resident figure includes socket buffers and garbage in flight; the
            // target is about what a connection costs at rest.
            verdicts.add("memory target: measure it with --idle --clients 10000");
        } else if (perClient != null) {
            verdicts.add(String.format(Locale.ROOT, "%.2f KiB resident per client %s 4 KiB", perClient / 1024,
                    perClient <= TARGET_RESIDENT_BYTES_PER_CLIENT ? "<=" : ">"));
        }
        if (!verdicts.isEmpty()) {
            out.println("messenger against the targets (p99 <= 50 ms with nothing lost at 1,000 clients and the default rates;"
                    + " <= 4 KiB resident per idle client at 10,000): " + String.join(", ", verdicts));
        }
    }

    private static void printTable(PrintWriter out, List<List<String>> table) {
        int columns = table.getFirst().size();
        int[] widths = new int[columns];
        for (List<String> line : table) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        for (List<String> line : table) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String cell = line.get(i);
                if (i == 0) {
                    sb.append(cell).append(" ".repeat(widths[i] - cell.length()));
                } else {
                    sb.append("  ").append(" ".repeat(widths[i] - cell.length())).append(cell);
                }
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    private static String millis(double v) {
        return String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.1f", v);
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }
}
