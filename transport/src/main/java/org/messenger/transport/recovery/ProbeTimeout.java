package org.messenger.transport.recovery;

import org.messenger.transport.time.Saturating;

/**
 * The probe timeout, RFC 9002 §6.2: when no acknowledgement arrives for PTO after the last
 * ack-eliciting packet, send probes; each consecutive expiry doubles the period.
 */
public final class ProbeTimeout {
    /** Backoff stops doubling here so a long outage still probes now and then. */
    private static final int MAX_BACKOFF_EXPONENT = 6;
    /**
     * And the backed-off period never exceeds this or two unbacked-off periods, whichever is
     * longer. RFC 9002 §6.2.1 asks for exponential backoff but sets no ceiling. The ceiling decides
     * how long data waits after an outage ends: the path is found again only by the next probe,
     * which comes up to one capped period later. With 2 s, a 2 s blackhole on the bench's
     * 30 ms-RTT messy100 row cost 1.8 s more, every time (the backoff starts with the outage, so
     * the schedule is always the same), and each lost probe round 2 s more. 1 s still leaves a
     * 30 ms path four doublings, and a probe round is two datagrams, which a path that is
     * down does not mind. A long path keeps one doubling (a 1 s RTT satellite link: 2.2 s), and a
     * burst of lost ACKs cannot stretch the probes past the idle timeout (RFC 9000 §10.1 wants it
     * at least 3 PTO).
     */
    public static final long MAX_BACKED_OFF_PERIOD_NANOS = 1_000_000_000L;
    private int ptoCount;
    /** The timer counts from here: the last ack-eliciting send other than a second probe. */
    private long anchorNanos;
    /** When the second probe of the last expiry is due, or {@link Long#MAX_VALUE}. */
    private long secondProbeAtNanos = Long.MAX_VALUE;

    public int ptoCount() {
        return ptoCount;
    }

    /**
     * Deadline of the PTO timer (RFC 9002 §6.2.1): last ack-eliciting send time + the backed-off
     * {@link #periodNanos period}, or {@link Long#MAX_VALUE} if nothing ack-eliciting is in flight.
     */
    public long deadlineNanos(long lastAckElicitingSentNanos, boolean ackElicitingInFlight, RttEstimator rtt,
            long maxAckDelayNanos) {
        if (!ackElicitingInFlight) return Long.MAX_VALUE;
        return Saturating.add(lastAckElicitingSentNanos, periodNanos(rtt, maxAckDelayNanos));
    }

    /**
     * (smoothed_rtt + max(4*rttvar, kGranularity) + max_ack_delay) * 2^pto_count, capped at
     * max({@link #MAX_BACKED_OFF_PERIOD_NANOS}, 2 x the period without backoff). Saturating, and
     * never below kGranularity: a period of zero or less would make the timer due again at once.
     */
    public long periodNanos(RttEstimator rtt, long maxAckDelayNanos) {
        return backedOffNanos(rtt.ptoNanos(maxAckDelayNanos), ptoCount);
    }

    /**
     * {@code baseNanos} doubled {@code expiries} times, with this class's ceiling: the rule for
     * every timer that repeats an unanswered packet, so that none of them can wait past the idle
     * timeout. The receiver's HELLO_DONE is one: while the sender has not seen it, the sender may
     * have spent its anti-amplification budget and can send nothing, not even a probe, so only
     * the receiver's repeats move the transfer on (RFC 9002 §6.2.2.1).
     */
    public static long backedOffNanos(long baseNanos, int expiries) {
        long base = Math.max(baseNanos, RttEstimator.GRANULARITY_NANOS);
        return Math.min(Saturating.shiftLeft(base, Math.min(Math.max(expiries, 0), MAX_BACKOFF_EXPONENT)),
                Math.max(Saturating.multiply(base, 2), MAX_BACKED_OFF_PERIOD_NANOS));
    }

    /** The timer's deadline, counted from the last ack-eliciting packet that moved the anchor. */
    public long deadlineNanos(boolean ackElicitingInFlight, RttEstimator rtt, long maxAckDelayNanos) {
        return deadlineNanos(anchorNanos, ackElicitingInFlight, rtt, maxAckDelayNanos);
    }

    /**
     * An ack-eliciting packet left. The second probe of an expiry does not move the anchor, so
     * that the two probes split each backed-off period evenly.
     */
    public void onAckElicitingSent(long nowNanos, boolean secondProbe) {
        if (!secondProbe) anchorNanos = nowNanos;
    }

    /** The timer fired: back off (RFC 9002 §6.2.1). */
    public void onExpired() {
        if (ptoCount < Integer.MAX_VALUE) ptoCount++;
    }

    /**
     * The timer fired: back off, and have the second probe (RFC 9002 §6.2.4 allows two) follow
     * half a backed-off period after the first instead of right behind it. Back to back, both
     * fell into one loss burst, and their ACKs into another; spread out, a path coming back after
     * an outage is found up to half a period sooner, and the second probe is not sent at all when
     * the first one's ACK is back by then (docs/transport.md §7 "After an outage").
     */
    public void onExpired(long nowNanos, RttEstimator rtt, long maxAckDelayNanos) {
        if (ptoCount < Integer.MAX_VALUE) ptoCount++;
        secondProbeAtNanos = Saturating.add(nowNanos, periodNanos(rtt, maxAckDelayNanos) / 2);
    }

    public long secondProbeAtNanos() {
        return secondProbeAtNanos;
    }

    /** Whether the second probe is due now; if so it is taken (due once). */
    public boolean takeSecondProbe(long nowNanos) {
        if (secondProbeAtNanos > nowNanos) return false;
        secondProbeAtNanos = Long.MAX_VALUE;
        return true;
    }

    /** An acknowledgement of new data arrived (RFC 9002 §6.2.1: reset pto_count); no second probe. */
    public void reset() {
        ptoCount = 0;
        secondProbeAtNanos = Long.MAX_VALUE;
    }
}
