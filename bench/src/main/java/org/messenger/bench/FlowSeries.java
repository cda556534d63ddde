package org.messenger.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.messenger.transport.TransferListener;
import org.messenger.transport.TransferStats;

/**
 * One flow's sending side over time: the transport's progress snapshots (every 100 ms of the
 * endpoint's time, {@code Transfer.PROGRESS_INTERVAL_NANOS}) and the final one, stamped with this
 * benchmark's clock so that several flows share one time axis. Goodput is the growth of the
 * acknowledged bytes between samples.
 *
 * <p>Filled on the sending socket's I/O thread, read by the benchmark's thread afterwards: appends
 * and copies are synchronized. Ten samples a second is far from any hot path.
 */
final class FlowSeries implements TransferListener {
    private static final int COLUMNS = 6;
    private static final int T = 0;
    private static final int ACKED = 1;
    private static final int CWND = 2;
    private static final int SRTT = 3;
    private static final int PACING = 4;
    private static final int RETRANSMITTED = 5;

    private final long startNanos;
    private long[] samples = new long[COLUMNS * 512];
    private int count;

    /** @param startNanos the {@link System#nanoTime()} instant that is time 0 of the series */
    FlowSeries(long startNanos) {
        this.startNanos = startNanos;
    }

    @Override
    public void onStarted(TransferStats stats) {
        add(stats);
    }

    @Override
    public void onProgress(TransferStats stats) {
        add(stats);
    }

    @Override
    public void onComplete(TransferStats stats) {
        add(stats);
    }

    @Override
    public void onFailed(org.messenger.transport.TransferException error, TransferStats stats) {
        add(stats);
    }

    /** Appends one snapshot, stamped now. */
    synchronized void add(TransferStats stats) {
        add(System.nanoTime() - startNanos, stats.doneBytes(), stats.cwndBytes(), stats.smoothedRttNanos(),
                stats.pacingRateBytesPerSecond(), stats.retransmittedBytes());
    }

    /** Appends one sample; {@code elapsedNanos} from the series' start. */
    synchronized void add(long elapsedNanos, long ackedBytes, long cwndBytes, long smoothedRttNanos,
            long pacingBytesPerSecond, long retransmittedBytes) {
        if ((count + 1) * COLUMNS > samples.length) {
            samples = Arrays.copyOf(samples, samples.length * 2);
        }
        int at = count * COLUMNS;
        samples[at + T] = elapsedNanos;
        samples[at + ACKED] = ackedBytes;
        samples[at + CWND] = cwndBytes;
        samples[at + SRTT] = smoothedRttNanos;
        samples[at + PACING] = pacingBytesPerSecond;
        samples[at + RETRANSMITTED] = retransmittedBytes;
        count++;
    }

    synchronized int size() {
        return count;
    }

    /** Seconds since the start, one per sample. */
    synchronized double[] seconds() {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = samples[i * COLUMNS + T] / 1e9;
        }
        return out;
    }

    /**
     * Goodput in Mbit/s over the interval ending at each sample (acknowledged bytes grown over the
     * time since the sample before; from time 0 for the first).
     */
    synchronized double[] goodputMbps() {
        double[] out = new double[count];
        long previousT = 0;
        long previousAcked = 0;
        for (int i = 0; i < count; i++) {
            long t = samples[i * COLUMNS + T];
            long acked = samples[i * COLUMNS + ACKED];
            out[i] = t > previousT ? (acked - previousAcked) * 8e3 / (t - previousT) : out[Math.max(0, i - 1)];
            previousT = t;
            previousAcked = acked;
        }
        return out;
    }

    /** Congestion window in KiB, one per sample. */
    synchronized double[] cwndKib() {
        return column(CWND, 1.0 / 1024);
    }

    synchronized double[] smoothedRttMillis() {
        return column(SRTT, 1e-6);
    }

    private double[] column(int column, double scale) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = samples[i * COLUMNS + column] * scale;
        }
        return out;
    }

    /** For the JSON: column names and one list per column. */
    synchronized Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", "the sender's transport snapshots, about every 100 ms");
        json.put("elapsedMillis", longs(T, 1_000_000));
        json.put("ackedBytes", longs(ACKED, 1));
        json.put("goodputMbps", rounded(goodputMbps()));
        json.put("cwndBytes", longs(CWND, 1));
        json.put("smoothedRttMicros", longs(SRTT, 1000));
        json.put("pacingBytesPerSecond", longs(PACING, 1));
        json.put("retransmittedBytes", longs(RETRANSMITTED, 1));
        return json;
    }

    private List<Long> longs(int column, long divisor) {
        List<Long> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(samples[i * COLUMNS + column] / divisor);
        }
        return out;
    }

    private static List<Double> rounded(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(Math.round(v * 1000) / 1000.0);
        }
        return out;
    }
}
