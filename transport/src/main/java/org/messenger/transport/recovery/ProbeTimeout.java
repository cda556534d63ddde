package org.messenger.transport.recovery;

/**
 * The probe timeout, RFC 9002 §6.2: when no acknowledgement arrives for PTO after the last
 * ack-eliciting packet, send probes; each consecutive expiry doubles the period.
 */
public final class ProbeTimeout {
    /** Backoff stops doubling here so a long outage still probes now and then. */
    private static final int MAX_BACKOFF_EXPONENT = 6;
    /**
     * And the backed-off period never exceeds this (unless one PTO is longer): a burst of lost
     * ACKs must not stretch the probes past the idle timeout (RFC 9000 §10.1 wants it ≥ 3 PTO).
     */
    public static final long MAX_BACKED_OFF_PERIOD_NANOS = 2_000_000_000L;
    private int ptoCount;

    public int ptoCount() {
        return ptoCount;
    }

    /**
     * Deadline of the PTO timer (RFC 9002 §6.2.1): last ack-eliciting send time +
     * (smoothed_rtt + max(4*rttvar, kGranularity) + max_ack_delay) * 2^pto_count, or
     * {@link Long#MAX_VALUE} if nothing ack-eliciting is in flight.
     */
    public long deadlineNanos(long lastAckElicitingSentNanos, boolean ackElicitingInFlight, RttEstimator rtt,
            long maxAckDelayNanos) {
        if (!ackElicitingInFlight) return Long.MAX_VALUE;
        long base = rtt.ptoNanos(maxAckDelayNanos);
        long period = Math.min(base << Math.min(ptoCount, MAX_BACKOFF_EXPONENT),
                Math.max(base, MAX_BACKED_OFF_PERIOD_NANOS));
        return lastAckElicitingSentNanos + period;
    }

    /** The timer fired: back off (RFC 9002 §6.2.1). */
    public void onExpired() {
        ptoCount++;
    }

    /** An acknowledgement of new data arrived (RFC 9002 §6.2.1: reset pto_count). */
    public void reset() {
        ptoCount = 0;
    }
}
