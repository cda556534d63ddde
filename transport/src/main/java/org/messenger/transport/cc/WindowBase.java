package org.messenger.transport.cc;

/**
 * What NewReno and CUBIC share (RFC 9002 §7.2, §7.3): initial and minimum window, slow start,
 * the recovery period, and HyStart++ (RFC 9406) to leave slow start before the first loss when
 * the round-trip time starts growing.
 */
abstract class WindowBase implements CongestionController {
    protected final int maxDatagramBytes;
    protected final long minWindowBytes;
    protected long cwndBytes;
    protected long ssthreshBytes = Long.MAX_VALUE;
    /** Send time of the first packet of the current recovery period (RFC 9002 §7.3.2). */
    protected long recoveryStartNanos = Long.MIN_VALUE;
    protected final HyStart hyStart = new HyStart();

    WindowBase(int maxDatagramBytes) {
        this.maxDatagramBytes = maxDatagramBytes;
        // RFC 9002 §7.2: kInitialWindow = min(10 * max_datagram_size, max(14720, 2 * max_datagram_size)),
        // kMinimumWindow = 2 * max_datagram_size.
        this.cwndBytes = Math.min(10L * maxDatagramBytes, Math.max(14_720L, 2L * maxDatagramBytes));
        this.minWindowBytes = 2L * maxDatagramBytes;
    }

    @Override
    public long cwndBytes() {
        return cwndBytes;
    }

    @Override
    public long ssthreshBytes() {
        return ssthreshBytes;
    }

    @Override
    public boolean inSlowStart() {
        return cwndBytes < ssthreshBytes;
    }

    @Override
    public boolean inRecovery(long sentTimeNanos) {
        return sentTimeNanos <= recoveryStartNanos;
    }

    @Override
    public void onPacketSent(long sentTimeNanos, int bytes, long bytesInFlight) {
        hyStart.onPacketSent(sentTimeNanos);
    }

    @Override
    public void onPacketAcked(long sentTimeNanos, int bytes, boolean appLimited, long nowNanos,
            org.messenger.transport.recovery.RttEstimator rtt) {
        // RFC 9002 §7.3.2: no increase for packets sent during recovery.
        if (inRecovery(sentTimeNanos)) return;
        if (inSlowStart()) {
            if (hyStart.onAckInSlowStart(sentTimeNanos, rtt.latestAdjustedRttNanos(), nowNanos)) {
                ssthreshBytes = cwndBytes; // RFC 9406 §4.3: leave slow start, keep the window
                onSlowStartExit(nowNanos);
                return;
            }
            if (appLimited) return; // RFC 9002 §7.8
            cwndBytes += bytes; // RFC 9002 §7.3.1
            return;
        }
        if (appLimited) return;
        onAckInCongestionAvoidance(sentTimeNanos, bytes, nowNanos, rtt);
    }

    protected void onSlowStartExit(long nowNanos) {}

    protected abstract void onAckInCongestionAvoidance(long sentTimeNanos, int bytes, long nowNanos,
            org.messenger.transport.recovery.RttEstimator rtt);

    @Override
    public void onCongestionEvent(long sentTimeNanos, long nowNanos) {
        if (inRecovery(sentTimeNanos)) return; // one reduction per loss episode
        recoveryStartNanos = nowNanos;
        reduce(nowNanos);
    }

    protected abstract void reduce(long nowNanos);

    @Override
    public void onPersistentCongestion(long nowNanos) {
        cwndBytes = minWindowBytes;
        // RFC 9002 §B.8: congestion_recovery_start_time = 0, so later losses count again.
        recoveryStartNanos = Long.MIN_VALUE;
    }
}
