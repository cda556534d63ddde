package org.messenger.transport.cc;

/**
 * HyStart++ delay-increase detection (RFC 9406 §4.2), without the conservative slow start phase:
 * per round trip, track the minimum RTT of the first samples; if this round's minimum exceeds
 * the last round's by an eighth (clamped to 4..16 ms), slow start ends before the queue overflows.
 */
final class HyStart {
    static final int N_RTT_SAMPLE = 8; // RFC 9406: N_RTT_SAMPLE
    static final long MIN_RTT_THRESH_NANOS = 4_000_000L;
    static final long MAX_RTT_THRESH_NANOS = 16_000_000L;

    private long roundEndSentNanos = Long.MIN_VALUE; // a round ends when a packet sent after this is acked
    private long lastSentNanos;
    private long lastRoundMinRtt = Long.MAX_VALUE;
    private long currentRoundMinRtt = Long.MAX_VALUE;
    private int rttSampleCount;

    void onPacketSent(long sentNanos) {
        lastSentNanos = sentNanos;
    }

    /** Returns true when slow start should end now. */
    boolean onAckInSlowStart(long sentTimeNanos, long rttNanos, long nowNanos) {
        if (rttNanos <= 0) return false; // no sample yet
        if (sentTimeNanos > roundEndSentNanos) {
            // New round (RFC 9406 §4.2: at the start of each round).
            roundEndSentNanos = lastSentNanos;
            lastRoundMinRtt = currentRoundMinRtt;
            currentRoundMinRtt = Long.MAX_VALUE;
            rttSampleCount = 0;
        }
        currentRoundMinRtt = Math.min(currentRoundMinRtt, rttNanos);
        rttSampleCount++;
        if (rttSampleCount >= N_RTT_SAMPLE && lastRoundMinRtt != Long.MAX_VALUE
                && currentRoundMinRtt != Long.MAX_VALUE) {
            long thresh = Math.max(MIN_RTT_THRESH_NANOS, Math.min(lastRoundMinRtt / 8, MAX_RTT_THRESH_NANOS));
            return currentRoundMinRtt >= lastRoundMinRtt + thresh;
        }
        return false;
    }
}
