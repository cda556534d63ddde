package org.messenger.transport.recovery;

/**
 * Persistent congestion, RFC 9002 §7.6: every ack-eliciting packet sent over a period longer
 * than 3 x (smoothed_rtt + max(4*rttvar, kGranularity) + max_ack_delay) was lost, with no
 * acknowledgement in between, and the period starts after the first RTT sample.
 *
 * <p>Fed by the loss detector's listener in packet-number order within one detection pass: a run
 * of consecutive lost packet numbers is tracked; an acknowledged packet breaks the run.
 */
public final class PersistentCongestion {
    /** RFC 9002 §7.6.1: kPersistentCongestionThreshold. */
    public static final int THRESHOLD = 3;

    private long runStartSentNanos = -1;
    private long runLastPn = -2;
    private boolean detected;

    /** Starts a detection pass. */
    public void begin() {
        runStartSentNanos = -1;
        runLastPn = -2;
        detected = false;
    }

    public void onAcked(long pn) {
        runStartSentNanos = -1;
        runLastPn = -2;
    }

    public void onLost(long pn, long sentTimeNanos, boolean ackEliciting, RttEstimator rtt, long maxAckDelayNanos) {
        if (!ackEliciting) return;
        // §7.6.2: only packets sent after the first RTT sample count.
        if (!rtt.hasSample() || sentTimeNanos <= rtt.firstSampleTimeNanos()) return;
        if (pn != runLastPn + 1 || runStartSentNanos < 0) {
            runStartSentNanos = sentTimeNanos;
        }
        runLastPn = pn;
        long duration = rtt.ptoNanos(maxAckDelayNanos) * THRESHOLD;
        if (sentTimeNanos - runStartSentNanos > duration) detected = true;
    }

    public boolean detected() {
        return detected;
    }
}
