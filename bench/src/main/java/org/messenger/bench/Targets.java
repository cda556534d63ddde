package org.messenger.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The goals issue 7 sets for the transfer benchmark, and the closing summary table: every UDP row
 * with its figures, its target if it has one, and whether this run met it. A missed target is
 * reported, never an error: speed on a shared machine is a measurement, not a test.
 */
final class Targets {
    private Targets() {}

    /** A lower bound on one figure of one scenario's UDP row. */
    record Target(String scenario, String metric, double atLeast, String text) {}

    static final List<Target> ISSUE = List.of(
            // Issue 14: encrypted, ahead of TLS 1.3 over TCP and close to the plain TCP copy.
            new Target("loopback", "ratioToTls", 1.0, ">= 1.0x TLS"),
            new Target("loopback", "ratioToTcp", 0.85, ">= 0.85x TCP"),
            new Target("wan100-loss0", "shareOfLink", 0.95, ">= 95% of link"),
            new Target("wan100-loss2", "shareOfLink", 0.90, ">= 90% of link"),
            new Target("sat10-loss5", "shareOfLink", 0.80, ">= 80% of link"),
            new Target("fair2", "jainIndex", 0.98, "Jain >= 0.98"),
            new Target("fair4", "jainIndex", 0.98, "Jain >= 0.98"),
            // Issue 16: what a user runs, whole process, at least as fast as the TCP copy.
            new Target(GetProcessRun.SCENARIO, "ratioToTcp", 1.0, ">= 1.0x TCP"));

    /**
     * "met" (every target of the scenario), "missed", or "no figure" (the row failed, or a
     * baseline is missing); null when the scenario has no target.
     */
    static String verdict(Map<String, Object> row) {
        List<Target> targets = targetsOf(row);
        if (targets.isEmpty()) {
            return null;
        }
        boolean met = true;
        for (Target target : targets) {
            if (!(row.get(target.metric()) instanceof Double value)) {
                return "no figure";
            }
            met &= value >= target.atLeast();
        }
        return met ? "met" : "missed";
    }

    /** The first target of the row's scenario, or null when it has none. */
    static Target targetOf(Map<String, Object> row) {
        List<Target> targets = targetsOf(row);
        return targets.isEmpty() ? null : targets.getFirst();
    }

    /** Every target of the row's scenario (empty for none, and for baseline rows). */
    static List<Target> targetsOf(Map<String, Object> row) {
        List<Target> targets = new ArrayList<>();
        if (!measuresOurs(row)) {
            return targets;
        }
        for (Target t : ISSUE) {
            if (t.scenario().equals(row.get("scenario"))) {
                targets.add(t);
            }
        }
        return targets;
    }

    /** For the JSON: one entry per target whose scenario ran. */
    static List<Map<String, Object>> toJson(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            for (Target target : targetsOf(row)) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("scenario", target.scenario());
                entry.put("metric", target.metric());
                entry.put("atLeast", target.atLeast());
                Object value = row.get(target.metric());
                entry.put("value", value);
                entry.put("verdict", value instanceof Double v ? (v >= target.atLeast() ? "met" : "missed") : "no figure");
                out.add(entry);
            }
        }
        return out;
    }

    /** The summary as a Markdown table (so it pastes into docs/performance.md as it is). */
    static void printSummary(PrintWriter console, List<Map<String, Object>> rows) {
        console.println();
        console.println("| scenario | file | goodput | vs limit | retransmitted / file | Jain | Jain per 1 s, min / median | target | |");
        console.println("|---|---|---|---|---|---|---|---|---|");
        for (Map<String, Object> row : rows) {
            if (!measuresOurs(row)) {
                continue;
            }
            List<Target> targets = targetsOf(row);
            String verdict = verdict(row);
            console.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    row.get("scenario"),
                    fileColumn(row),
                    row.get("medianGbps") instanceof Double gbps ? rate(gbps) : String.valueOf(row.get("status")),
                    versus(row),
                    row.get("overhead") instanceof Double o ? String.format(Locale.ROOT, "%.1f%%", o * 100) : "",
                    row.get("jainIndex") instanceof Double j ? String.format(Locale.ROOT, "%.3f", down(j, 1000)) : "",
                    windowedJain(row),
                    String.join(", ", targets.stream().map(Target::text).toList()),
                    verdict == null ? "" : verdict);
        }
        console.flush();
    }

    /** Rows of our transfer (the transport alone, or a whole 'messenger get'), not of a baseline. */
    private static boolean measuresOurs(Map<String, Object> row) {
        return "udp".equals(row.get("path")) || "get".equals(row.get("path"));
    }

    /** The windowed index once settled, e.g. "0.951 / 0.993 (from 3 s)"; empty for rows without one. */
    private static String windowedJain(Map<String, Object> row) {
        if (row.get("windowedJainMin") instanceof Double min && row.get("windowedJainMedian") instanceof Double median) {
            return String.format(Locale.ROOT, "%.3f / %.3f (from %.0f s)", down(min, 1000), down(median, 1000),
                    (Double) row.get("windowedJainFromSeconds"));
        }
        return "";
    }

    private static String fileColumn(Map<String, Object> row) {
        String size = row.get("fileBytes") instanceof Number n ? Sizes.format(n.longValue()) : "";
        return row.get("flows") instanceof Number flows ? flows + " x " + size : size;
    }

    private static String versus(Map<String, Object> row) {
        if (row.get("ratioToTcp") instanceof Double ratio) {
            String tcp = String.format(Locale.ROOT, "%.2fx TCP", down(ratio, 100));
            return row.get("ratioToTls") instanceof Double tls
                    ? String.format(Locale.ROOT, "%.2fx TLS, %s", down(tls, 100), tcp) : tcp;
        }
        if (row.get("shareOfLink") instanceof Double share) {
            return String.format(Locale.ROOT, "%.1f%% of link", down(share * 100, 10));
        }
        return "";
    }

    /**
     * Rounded down to {@code 1/scale}: a figure compared with a target is never shown above what
     * was measured (0.9797 shows as 0.979, not as a "missed" 0.980).
     */
    static double down(double value, int scale) {
        return Math.floor(value * scale) / scale;
    }

    static String rate(double gbps) {
        return gbps >= 1 ? String.format(Locale.ROOT, "%.2f Gbit/s", gbps) : String.format(Locale.ROOT, "%.1f Mbit/s", gbps * 1000);
    }
}
