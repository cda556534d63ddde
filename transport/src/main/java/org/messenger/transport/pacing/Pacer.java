package org.messenger.transport.pacing;

/**
 * A token bucket that spreads sends at a given rate (RFC 9002 §7.7). The bucket holds a small
 * burst so that a driver whose timers are coarser than one datagram's interval still keeps the
 * pace on average: what the rate gives in {@link #BURST_NANOS}, but never more than
 * {@link #MAX_BURST_PACKETS} datagrams, and never less than {@link #MIN_BURST_PACKETS}. Without
 * the datagram ceiling, 2 ms of a rate computed from a sub-millisecond RTT was more than the whole
 * window, and single polls sent 4,000-13,000 datagrams at once (issue 14, item 10).
 */
public final class Pacer {
    static final int MIN_BURST_PACKETS = 10;
    /** The most datagrams that may leave back to back, whatever the rate. */
    public static final int MAX_BURST_PACKETS = 64;
    static final long BURST_NANOS = 2_000_000L;

    private long rateBytesPerSecond = Long.MAX_VALUE;
    private long capacityBytes;
    private double tokens;
    private long lastRefillNanos;
    private final int maxDatagramBytes;

    public Pacer(int maxDatagramBytes) {
        this.maxDatagramBytes = maxDatagramBytes;
        this.capacityBytes = (long) MIN_BURST_PACKETS * maxDatagramBytes;
        this.tokens = capacityBytes;
    }

    public void setRate(long bytesPerSecond) {
        rateBytesPerSecond = Math.max(1, bytesPerSecond);
        long burst = bytesPerSecond > Long.MAX_VALUE / BURST_NANOS ? Long.MAX_VALUE / 4
                : bytesPerSecond * BURST_NANOS / 1_000_000_000L;
        burst = Math.min(burst, (long) MAX_BURST_PACKETS * maxDatagramBytes);
        capacityBytes = Math.max((long) MIN_BURST_PACKETS * maxDatagramBytes, burst);
        if (tokens > capacityBytes) tokens = capacityBytes;
    }

    public long rateBytesPerSecond() {
        return rateBytesPerSecond;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastRefillNanos;
        if (elapsed <= 0) return;
        lastRefillNanos = nowNanos;
        double add = (double) elapsed * rateBytesPerSecond / 1e9;
        tokens = Math.min(capacityBytes, tokens + add);
    }

    /** Earliest instant a datagram of {@code bytes} may leave. */
    public long nextSendNanos(int bytes, long nowNanos) {
        refill(nowNanos);
        if (tokens >= bytes) return nowNanos;
        double missing = bytes - tokens;
        return org.messenger.transport.time.Saturating.add(nowNanos,
                Math.max(1, (long) Math.ceil(missing * 1e9 / rateBytesPerSecond)));
    }

    public void onSent(int bytes, long nowNanos) {
        refill(nowNanos);
        tokens -= bytes;
    }
}
