package org.messenger.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jain's fairness index over time for a fairness row: one index per fixed window (1 s), from the
 * bytes each flow received in that window, over only the flows that were running for the whole
 * window. The whole-run index can hide a flow starved for seconds and then caught up; the
 * windowed one shows it.
 *
 * <p>Why "running for the whole window": a flow that finishes inside a window received less in it
 * than its share only because it ran out of file, which is not unfairness; and the timeline shows
 * completion only at its next sample, so counting part of such a window would understate its rate.
 * A window with fewer than two such flows has no index (one flow is trivially "fair"), nor has one
 * in which no counted flow received anything (a blackout: fairness is undefined).
 *
 * <p>Pure: the input is the benchmark's timeline, no sockets or clocks.
 */
final class WindowedJain {
    /** The index of the row: from one-second windows. */
    static final long WINDOW_NANOS = 1_000_000_000L;
    /**
     * Windows starting before this are left out of the summary: start-up (slow start, the first
     * probing rounds) is unequal by design; 3 s is about 100 round trips on the 30 ms fairness path.
     */
    static final long SETTLE_NANOS = 3_000_000_000L;

    private WindowedJain() {}

    /** One window {@code [startNanos, startNanos + window)}: how many flows counted and their index. */
    record Window(long startNanos, int activeFlows, double index) {}

    /** Minimum and median of the windows that start at or after the settle time; {@code windows} is how many. */
    record Summary(double min, double median, int windows) {}

    /**
     * @param timeline samples {@code {elapsedNanos, bytes received by flow 0, flow 1, ...}} in time
     *     order, all flows starting at time 0 with 0 bytes (as {@link UdpTransfer.FlowsResult} has them)
     * @param flowBytes each flow's size: a flow is running until it has received that many
     * @param windowNanos window length; windows start at 0 and only whole windows are computed
     * @return the windows that have an index, in time order
     */
    static List<Window> compute(List<long[]> timeline, long[] flowBytes, long windowNanos) {
        if (windowNanos <= 0) {
            throw new IllegalArgumentException("window must be above 0 ns, got " + windowNanos);
        }
        List<Window> windows = new ArrayList<>();
        if (timeline.isEmpty()) {
            return windows;
        }
        int flows = flowBytes.length;
        long endNanos = timeline.getLast()[0];
        // The last instant at which each flow was certainly still running: its last sample short of
        // its size (-1 when even the first sample had it all).
        long[] runningUntil = new long[flows];
        Arrays.fill(runningUntil, -1);
        for (long[] sample : timeline) {
            if (sample.length != flows + 1) {
                throw new IllegalArgumentException("every sample needs the time and " + flows + " flows, got " + sample.length + " values");
            }
            for (int f = 0; f < flows; f++) {
                if (sample[f + 1] < flowBytes[f]) {
                    runningUntil[f] = sample[0];
                }
            }
        }
        double[] rates = new double[flows];
        for (long start = 0; start + windowNanos <= endNanos; start += windowNanos) {
            long end = start + windowNanos;
            int active = 0;
            double moved = 0;
            for (int f = 0; f < flows; f++) {
                if (runningUntil[f] >= end) {
                    rates[active] = bytesAt(timeline, f, end) - bytesAt(timeline, f, start);
                    moved += rates[active];
                    active++;
                }
            }
            if (active >= 2 && moved > 0) {
                windows.add(new Window(start, active, Rows.jainIndex(Arrays.copyOf(rates, active))));
            }
        }
        return windows;
    }

    /** Min and median over the windows from {@code fromNanos} on; null when there are none. */
    static Summary summary(List<Window> windows, long fromNanos) {
        double[] values = windows.stream().filter(w -> w.startNanos() >= fromNanos).mapToDouble(Window::index).toArray();
        if (values.length == 0) {
            return null;
        }
        double min = Double.POSITIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
        }
        return new Summary(min, Rows.median(values), values.length);
    }

    /** For the row's JSON: the meaning, then one list per column. */
    static Map<String, Object> toJson(List<Window> windows, long windowNanos) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("windowMillis", windowNanos / 1_000_000);
        json.put("meaning", "Jain's index of the bytes each flow received per window, over the flows running for the"
                + " whole window; windows with fewer than two such flows are left out");
        List<Long> starts = new ArrayList<>();
        List<Integer> active = new ArrayList<>();
        List<Double> index = new ArrayList<>();
        for (Window w : windows) {
            starts.add(w.startNanos() / 1_000_000);
            active.add(w.activeFlows());
            index.add(Math.round(w.index() * 10_000) / 10_000.0);
        }
        json.put("startMillis", starts);
        json.put("activeFlows", active);
        json.put("index", index);
        return json;
    }

    /**
     * Flow {@code f}'s received bytes at {@code nanos}, interpolated linearly between the samples
     * around it (from 0 bytes at time 0 before the first sample).
     */
    static double bytesAt(List<long[]> timeline, int f, long nanos) {
        long previousT = 0;
        long previousBytes = 0;
        for (long[] sample : timeline) {
            long t = sample[0];
            long bytes = sample[f + 1];
            if (t >= nanos) {
                if (t == previousT) {
                    return bytes;
                }
                return previousBytes + (double) (bytes - previousBytes) * (nanos - previousT) / (t - previousT);
            }
            previousT = t;
            previousBytes = bytes;
        }
        return previousBytes;
    }
}
