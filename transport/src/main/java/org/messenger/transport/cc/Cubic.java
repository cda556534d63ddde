package org.messenger.transport.cc;

import org.messenger.transport.recovery.RttEstimator;

/**
 * CUBIC, RFC 9438, with fast convergence and the Reno-friendly region. Windows are bytes; the
 * cubic function works in segments of max_datagram_size as the RFC does.
 */
public final class Cubic extends WindowBase {
    /** RFC 9438 §4.6: beta_cubic. */
    static final double BETA = 0.7;
    /** RFC 9438 §5: C. */
    static final double C = 0.4;
    /** RFC 9438 §4.3: alpha_cubic = 3 (1 - beta) / (1 + beta). */
    static final double ALPHA = 3.0 * (1 - BETA) / (1 + BETA);

    private double wMaxSegments;
    private double kSeconds;
    private long epochStartNanos = -1;
    private double wEstSegments;
    private double cwndPriorSegments;

    public Cubic(int maxDatagramBytes) {
        super(maxDatagramBytes);
    }

    private double segments(long bytes) {
        return (double) bytes / maxDatagramBytes;
    }

    /** W_cubic(t) = C (t - K)^3 + W_max, RFC 9438 §4.2, in segments. */
    double wCubic(double tSeconds) {
        double d = tSeconds - kSeconds;
        return C * d * d * d + wMaxSegments;
    }

    @Override
    protected void onSlowStartExit(long nowNanos) {
        epochStartNanos = -1;
    }

    @Override
    protected void onAckInCongestionAvoidance(long sentTimeNanos, int bytes, long nowNanos, RttEstimator rtt) {
        double cwnd = segments(cwndBytes);
        if (epochStartNanos < 0) {
            // RFC 9438 §4.2: a new congestion avoidance epoch.
            epochStartNanos = nowNanos;
            if (wMaxSegments <= cwnd) {
                kSeconds = 0;
                wMaxSegments = cwnd;
            } else {
                kSeconds = Math.cbrt((wMaxSegments - cwnd) / C);
            }
            wEstSegments = cwnd;
            cwndPriorSegments = Math.max(cwndPriorSegments, cwnd);
        }
        double t = (nowNanos - epochStartNanos) / 1e9;
        double rttSeconds = rtt.smoothedRttNanos() / 1e9;
        // RFC 9438 §4.3: W_est grows like Reno with alpha_cubic until it reaches cwnd_prior, then 1.
        double alpha = wEstSegments >= cwndPriorSegments ? 1.0 : ALPHA;
        wEstSegments += alpha * segments(bytes) / cwnd;
        double cubic = wCubic(t);
        if (cubic < wEstSegments) {
            cwndBytes = Math.max(cwndBytes, (long) (wEstSegments * maxDatagramBytes));
            return;
        }
        // RFC 9438 §4.4/4.5: target = W_cubic(t + RTT), clamped to [cwnd, 1.5 cwnd].
        double target = Math.min(Math.max(wCubic(t + rttSeconds), cwnd), 1.5 * cwnd);
        double increase = (target - cwnd) / cwnd * segments(bytes);
        cwndBytes += (long) (increase * maxDatagramBytes);
    }

    @Override
    protected void reduce(long nowNanos) {
        double cwnd = segments(cwndBytes);
        cwndPriorSegments = cwnd;
        // RFC 9438 §4.7: fast convergence.
        if (cwnd < wMaxSegments) {
            wMaxSegments = cwnd * (1 + BETA) / 2;
        } else {
            wMaxSegments = cwnd;
        }
        ssthreshBytes = Math.max((long) (cwndBytes * BETA), minWindowBytes);
        cwndBytes = ssthreshBytes;
        epochStartNanos = -1;
    }

    @Override
    public void onPersistentCongestion(long nowNanos) {
        super.onPersistentCongestion(nowNanos);
        epochStartNanos = -1;
        wMaxSegments = 0;
    }

    @Override
    public String name() {
        return "cubic";
    }
}
