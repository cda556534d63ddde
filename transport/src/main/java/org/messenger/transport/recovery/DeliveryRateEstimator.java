package org.messenger.transport.recovery;

/**
 * Delivery rate samples (draft-cheng-iccrg-delivery-rate-estimation): for each ACK, the bytes
 * delivered between sending the newest acknowledged packet and its acknowledgement, divided by
 * the longer of its send and ack intervals. BBR builds its bottleneck bandwidth estimate on them.
 * State per packet lives in the {@link SentPacketRing}.
 */
public final class DeliveryRateEstimator {
    private long delivered;
    private long deliveredTimeNanos;
    private long firstSentTimeNanos;
    private long appLimitedUntil;

    // The sample being built from one ACK.
    private long priorDelivered = -1;
    private long priorTimeNanos;
    private long sendElapsedNanos;
    private long ackElapsedNanos;
    private boolean sampleAppLimited;

    // The last finished sample.
    private long sampleDeliveredBytes;
    private long sampleIntervalNanos;

    public long delivered() {
        return delivered;
    }

    public long deliveredTimeNanos() {
        return deliveredTimeNanos;
    }

    public long firstSentTimeNanos() {
        return firstSentTimeNanos;
    }

    /** Called before a packet is recorded as sent; returns whether it is sent app-limited. */
    public boolean onPacketSent(long nowNanos, long bytesInFlightBefore) {
        if (bytesInFlightBefore == 0) {
            firstSentTimeNanos = nowNanos;
            deliveredTimeNanos = nowNanos;
        }
        return appLimitedUntil != 0;
    }

    /** The sender had nothing to send although the window allowed it. */
    public void onAppLimited(long bytesInFlight) {
        appLimitedUntil = Math.max(1, delivered + bytesInFlight);
    }

    public void beginAck() {
        priorDelivered = -1;
    }

    public void onPacketAcked(long pn, SentPacketRing ring, long nowNanos) {
        delivered += ring.sizeBytes(pn);
        deliveredTimeNanos = nowNanos;
        long pDelivered = ring.deliveredAtSend(pn);
        if (pDelivered >= priorDelivered) {
            priorDelivered = pDelivered;
            priorTimeNanos = ring.deliveredTimeAtSend(pn);
            sampleAppLimited = ring.appLimited(pn);
            sendElapsedNanos = ring.sentTimeNanos(pn) - ring.firstSentTimeAtSend(pn);
            ackElapsedNanos = nowNanos - priorTimeNanos;
            firstSentTimeNanos = ring.sentTimeNanos(pn);
        }
        if (appLimitedUntil != 0 && delivered > appLimitedUntil) appLimitedUntil = 0;
    }

    /** Finishes the sample of this ACK; returns false when there is none worth using. */
    public boolean endAck(long minRttNanos) {
        if (priorDelivered < 0) return false;
        sampleDeliveredBytes = delivered - priorDelivered;
        sampleIntervalNanos = Math.max(sendElapsedNanos, ackElapsedNanos);
        // An interval shorter than min_rtt means ACK compression: ignore it.
        return sampleIntervalNanos > 0 && sampleIntervalNanos >= minRttNanos && sampleDeliveredBytes > 0;
    }

    public long sampleDeliveredBytes() {
        return sampleDeliveredBytes;
    }

    public long sampleIntervalNanos() {
        return sampleIntervalNanos;
    }

    public boolean sampleAppLimited() {
        return sampleAppLimited;
    }

    /** Delivered count at send time of the newest packet of the last sample (round counting). */
    public long samplePriorDelivered() {
        return priorDelivered;
    }

    public long sampleRateBytesPerSecond() {
        return sampleIntervalNanos <= 0 ? 0 : (long) (sampleDeliveredBytes * 1e9 / sampleIntervalNanos);
    }
}
