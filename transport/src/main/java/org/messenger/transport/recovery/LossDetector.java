package org.messenger.transport.recovery;

import org.messenger.transport.time.Saturating;

import org.messenger.transport.ack.AckFrame;

/**
 * Acknowledgement processing and loss detection, RFC 9002 §6.1 (single packet number space).
 * A packet is lost when a packet sent at least {@link #PACKET_THRESHOLD} later was acknowledged,
 * or when it was sent more than 9/8 x max(smoothed_rtt, latest_rtt) before the newest
 * acknowledgement and is still unacknowledged.
 */
public final class LossDetector {
    /** RFC 9002 §6.1.1: kPacketThreshold. */
    public static final int PACKET_THRESHOLD = 3;

    /** What the owner does with settled packets; called in increasing packet number order. */
    public interface Listener {
        void onPacketAcked(long pn, long nowNanos);

        void onPacketLost(long pn, long nowNanos);
    }

    /** Result of {@link #onAck}: the ACK names a packet number that was never sent. */
    public static final int ACK_INVALID = -1;
    /** Result of {@link #onAck}: the ACK names a skipped packet number (an optimistic ACK, RFC 9000 §21.4). */
    public static final int ACK_SKIPPED = -2;

    private final SentPacketRing sent;
    private final RttEstimator rtt;
    private long largestAckedPn = -1;
    private long lossTimeNanos = Long.MAX_VALUE;

    public LossDetector(SentPacketRing sent, RttEstimator rtt) {
        this.sent = sent;
        this.rtt = rtt;
    }

    public long largestAckedPn() {
        return largestAckedPn;
    }

    /** When the time-threshold timer fires, or {@link Long#MAX_VALUE}. */
    public long lossTimeNanos() {
        return lossTimeNanos;
    }

    /**
     * Processes an ACK frame (RFC 9002 §A.7): marks newly acknowledged packets, takes an RTT sample
     * if the largest acknowledged is new and ack-eliciting, then detects losses. Returns the number
     * of newly acknowledged packets, or {@link #ACK_INVALID} if the frame acknowledges a packet
     * number never sent (nothing is changed then).
     */
    public int onAck(AckFrame ack, long ackDelayNanos, long nowNanos, Listener listener) {
        return onAck(ack, ackDelayNanos, true, nowNanos, listener);
    }

    /**
     * As {@link #onAck(AckFrame, long, long, Listener)}; {@code rttSample} false takes no RTT
     * sample from this frame (the peer says it held the ACK far longer than max_ack_delay).
     */
    public int onAck(AckFrame ack, long ackDelayNanos, boolean rttSample, long nowNanos, Listener listener) {
        if (!sent.wasSent(ack.largest())) return ACK_INVALID;
        if (sent.acksSkipped(ack)) return ACK_SKIPPED;
        boolean largestNewlyAcked = sent.isInFlight(ack.largest());
        boolean largestWasAckEliciting = largestNewlyAcked && sent.ackEliciting(ack.largest());
        long largestSentTime = largestNewlyAcked ? sent.sentTimeNanos(ack.largest()) : 0;
        if (!anyNewlyAcked(ack)) return 0;
        if (ack.largest() > largestAckedPn) largestAckedPn = ack.largest();
        // RFC 9002 §5.1: sample only when the largest acknowledged is newly acknowledged and
        // ack-eliciting; taken before the acked packets are handed on, as in §A.7.
        if (largestWasAckEliciting && rttSample) {
            rtt.onSample(nowNanos - largestSentTime, ackDelayNanos, nowNanos);
        }
        int newly = 0;
        long oldest = sent.oldest();
        // Ranges come highest first; walk them lowest first so the listener sees packets in order.
        for (int r = ack.rangeCount() - 1; r >= 0; r--) {
            long lo = Math.max(ack.low(r), oldest);
            long hi = ack.high(r);
            for (long pn = lo; pn <= hi; pn++) {
                if (sent.isInFlight(pn)) {
                    sent.markAcked(pn);
                    listener.onPacketAcked(pn, nowNanos);
                    newly++;
                }
            }
        }
        detectLostPackets(nowNanos, listener);
        sent.advance();
        return newly;
    }

    private boolean anyNewlyAcked(AckFrame ack) {
        long oldest = sent.oldest();
        for (int r = 0; r < ack.rangeCount(); r++) {
            long lo = Math.max(ack.low(r), oldest);
            for (long pn = ack.high(r); pn >= lo; pn--) {
                if (sent.isInFlight(pn)) return true;
            }
        }
        return false;
    }

    /** RFC 9002 §6.1 / §A.10 DetectAndRemoveLostPackets; also called when the loss timer fires. */
    public void detectLostPackets(long nowNanos, Listener listener) {
        lossTimeNanos = Long.MAX_VALUE;
        if (largestAckedPn < 0) return;
        // §6.1.2: max(kTimeThreshold * max(smoothed_rtt, latest_rtt), kGranularity), kTimeThreshold = 9/8.
        long base = Math.max(rtt.smoothedRttNanos(), rtt.latestRttNanos());
        long lossDelay = Math.max(Saturating.add(base, base / 8), RttEstimator.GRANULARITY_NANOS);
        long lostSendTime = Saturating.add(nowNanos, -lossDelay);
        long end = Math.min(largestAckedPn, sent.nextPacketNumber() - 1);
        for (long pn = sent.oldest(); pn <= end; pn++) {
            if (!sent.isInFlight(pn)) continue;
            long sentTime = sent.sentTimeNanos(pn);
            if (sentTime <= lostSendTime || largestAckedPn >= pn + PACKET_THRESHOLD) {
                sent.markLost(pn);
                listener.onPacketLost(pn, nowNanos);
            } else {
                lossTimeNanos = Math.min(lossTimeNanos, Saturating.add(sentTime, lossDelay));
            }
        }
        sent.advance();
    }
}
