package org.messenger.transport.recovery;

/**
 * The probe timeout, RFC 9002 §6.2: when no acknowledgement arrives for PTO after the last
 * ack-eliciting packet, send probes; each consecutive expiry doubles the period.
 */
public final class ProbeTimeout {
    /** Backoff stops doubling here so a long outage still probes now and then. */
    private static final int MAX_BACKOFF_EXPONENT = 6;
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
        long period = rtt.ptoNanos(maxAckDelayNanos) << Math.min(ptoCount, MAX_BACKOFF_EXPONENT);
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
