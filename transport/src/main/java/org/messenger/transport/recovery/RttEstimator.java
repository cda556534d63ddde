package org.messenger.transport.recovery;

import org.messenger.transport.time.Saturating;

/**
 * Round-trip time estimation, RFC 9002 §5, in nanoseconds.
 */
public final class RttEstimator {
    /** RFC 9002 §6.2.2: kInitialRtt = 333 ms. */
    public static final long INITIAL_RTT_NANOS = 333_000_000L;
    /** RFC 9002 §6.1.2: kGranularity = 1 ms. */
    public static final long GRANULARITY_NANOS = 1_000_000L;

    private long latestRttNanos;
    private long latestAdjustedRttNanos;
    private long minRttNanos;
    private long smoothedRttNanos = INITIAL_RTT_NANOS;
    private long rttVarNanos = INITIAL_RTT_NANOS / 2;
    private long firstSampleTimeNanos;
    private boolean hasSample;

    /**
     * Takes one sample (RFC 9002 §5.1-5.3). {@code ackDelayNanos} is what the peer reported,
     * already capped by the caller to the peer's max_ack_delay once the handshake is confirmed.
     * A negative delay counts as 0: it comes from the peer, and subtracting it would inflate the
     * estimate without bound (issue 14, item 1). All sums saturate.
     */
    public void onSample(long latestRttNanos, long ackDelayNanos, long nowNanos) {
        if (latestRttNanos <= 0) latestRttNanos = 1; // a clock that did not move; keep estimates positive
        if (ackDelayNanos < 0) ackDelayNanos = 0;
        this.latestRttNanos = latestRttNanos;
        if (!hasSample) {
            // §5.2: first sample.
            minRttNanos = latestRttNanos;
            smoothedRttNanos = latestRttNanos;
            rttVarNanos = latestRttNanos / 2;
            firstSampleTimeNanos = nowNanos;
            latestAdjustedRttNanos = latestRttNanos;
            hasSample = true;
            return;
        }
        minRttNanos = Math.min(minRttNanos, latestRttNanos);
        // §5.3: subtract ack delay only if what remains is not below min_rtt.
        long adjusted = latestRttNanos;
        if (latestRttNanos >= Saturating.add(minRttNanos, ackDelayNanos)) adjusted = latestRttNanos - ackDelayNanos;
        latestAdjustedRttNanos = adjusted;
        long delta = Math.abs(smoothedRttNanos - adjusted); // both positive: no overflow
        rttVarNanos = Saturating.add(Saturating.multiply(rttVarNanos, 3), delta) / 4;
        smoothedRttNanos = Saturating.add(Saturating.multiply(smoothedRttNanos, 7), adjusted) / 8;
    }

    public boolean hasSample() {
        return hasSample;
    }

    public long latestRttNanos() {
        return latestRttNanos;
    }

    /**
     * The latest sample minus the peer's reported ack delay (when that does not go below
     * min_rtt): the path's delay without the receiver's deliberate wait, for delay-based signals.
     */
    public long latestAdjustedRttNanos() {
        return latestAdjustedRttNanos;
    }

    /** min_rtt, or 0 before the first sample. */
    public long minRttNanos() {
        return minRttNanos;
    }

    public long smoothedRttNanos() {
        return smoothedRttNanos;
    }

    public long rttVarNanos() {
        return rttVarNanos;
    }

    public long firstSampleTimeNanos() {
        return firstSampleTimeNanos;
    }

    /**
     * The PTO period without backoff, RFC 9002 §6.2.1:
     * smoothed_rtt + max(4*rttvar, kGranularity) + max_ack_delay, saturating, never below kGranularity.
     */
    public long ptoNanos(long maxAckDelayNanos) {
        long variance = Math.max(Saturating.multiply(rttVarNanos, 4), GRANULARITY_NANOS);
        return Saturating.add(Saturating.add(smoothedRttNanos, variance), Math.max(0, maxAckDelayNanos));
    }
}
