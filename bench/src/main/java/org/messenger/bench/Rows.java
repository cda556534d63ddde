package org.messenger.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The result rows of the transfer benchmark as JSON-ready maps, their statistics and their console lines. */
final class Rows {
    private Rows() {}

    static Map<String, Object> row(Scenario scenario, String path, long bytesPerRun, double[] seconds, String failure) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scenario", scenario.name());
        row.put("description", scenario.description());
        row.put("path", path);
        row.put("fileBytes", scenario.fileBytes());
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
            runGbps.add(bytesPerRun * 8 / s / 1e9);
        }
        row.put("runsSeconds", runSeconds);
        row.put("runsGbps", runGbps);
        if (failure == null && seconds.length > 0) {
            double medianSeconds = median(seconds);
            row.put("medianSeconds", medianSeconds);
            row.put("medianGbps", bytesPerRun * 8 / medianSeconds / 1e9);
        }
        return row;
    }

    static Map<String, Object> unavailable(Scenario scenario, String reason) {
        Map<String, Object> row = row(scenario, "udp", scenario.fileBytes(), new double[0], null);
        if (scenario.flows() > 1) {
            row.put("flows", scenario.flows());
        }
        row.put("status", "unavailable");
        row.put("note", reason);
        return row;
    }

    /** The median; for an even count, the mean of the two middle values. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The index of the value nearest the median: that run's time series stands for the row. */
    static int medianIndex(double[] values) {
        double median = median(values);
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (Math.abs(values[i] - median) <= Math.abs(values[best] - median)) {
                best = i;
            }
        }
        return best;
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

    static List<Double> toList(double[] values) {
        List<Double> list = new ArrayList<>();
        for (double v : values) {
            list.add(v);
        }
        return list;
    }

    /** One line per row as it finishes, so a long run shows progress. */
    static void print(PrintWriter console, Map<String, Object> row) {
        String figure;
        if (row.get("medianGbps") instanceof Double gbps) {
            figure = String.format(Locale.ROOT, "%8.3f Gbit/s", gbps);
            if (row.get("ratioToTls") instanceof Double ratio) {
                figure += String.format(Locale.ROOT, "   %.2fx TLS", Targets.down(ratio, 100));
            }
            if (row.get("ratioToTcp") instanceof Double ratio) {
                // Rounded down like the summary table (Targets), so the two never disagree.
                figure += String.format(Locale.ROOT, "   %.2fx TCP", Targets.down(ratio, 100));
            } else if ("tcp".equals(row.get("path"))) {
                figure += "   (baseline)";
            } else if ("tls".equals(row.get("path"))) {
                figure += String.format(Locale.ROOT, "   (encrypted baseline: %s, %s)", TlsCopy.PROTOCOL, TlsCopy.CIPHER_SUITE);
            }
            if (row.get("shareOfLink") instanceof Double share) {
                figure += String.format(Locale.ROOT, "   %5.1f%% of link", Targets.down(share * 100, 10));
            }
            if (row.get("jainIndex") instanceof Double jain) {
                // Rounded down as in the summary table, so the two never disagree.
                figure += String.format(Locale.ROOT, "   Jain %.3f", Targets.down(jain, 1000));
                if (row.get("windowedJainMin") instanceof Double min && row.get("windowedJainMedian") instanceof Double median) {
                    figure += String.format(Locale.ROOT, " (per 1 s from %.0f s: min %.3f, median %.3f)",
                            (Double) row.get("windowedJainFromSeconds"), Targets.down(min, 1000), Targets.down(median, 1000));
                }
            }
            if (row.get("overhead") instanceof Double overhead) {
                figure += String.format(Locale.ROOT, "   retransmitted %.1f%%", overhead * 100);
            }
        } else {
            figure = row.get("status") + ": " + row.get("note");
        }
        console.printf(Locale.ROOT, "%-13s %-4s %s%n", row.get("scenario"), row.get("path"), figure);
        console.flush();
    }
}
