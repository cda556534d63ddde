package org.messenger.transport.cc;

import org.messenger.transport.recovery.RttEstimator;

/**
 * A congestion control algorithm, driven by the sender's loss recovery. Every callback runs on
 * the endpoint's thread and takes "now" from the caller; sizes are in bytes, times in nanos.
 */
public interface CongestionController {
    /** Congestion window: how many bytes may be in flight. */
    long cwndBytes();

    long ssthreshBytes();

    boolean inSlowStart();

    /** A packet that counts in flight left. */
    void onPacketSent(long sentTimeNanos, int bytes, long bytesInFlight);

    /**
     * A packet that counted in flight was acknowledged. {@code appLimited}: when it was sent the
     * sender had less to send than the window allowed, so the window was not tested and must
     * not grow (RFC 9002 §7.8).
     */
    void onPacketAcked(long sentTimeNanos, int bytes, boolean appLimited, long nowNanos, RttEstimator rtt);

    /**
     * Loss of a packet sent at {@code sentTimeNanos} (RFC 9002 §7.3.2): reduces the window unless
     * that packet was sent during the current recovery period (one reduction per episode).
     */
    void onCongestionEvent(long sentTimeNanos, long nowNanos);

    /**
     * One delivery rate sample per ACK frame (for rate-based controllers): {@code priorDelivered}
     * is the delivered count when the newest acknowledged packet was sent.
     */
    default void onRateSample(long deliveredTotal, long priorDelivered, long rateBytesPerSecond, boolean appLimited,
            long nowNanos, RttEstimator rtt) {}

    /** Every packet declared lost (before {@link #onCongestionEvent} for the pass). */
    default void onPacketLost(int bytes, long nowNanos) {}

    /** RFC 9002 §7.6.2: collapse to the minimum window. */
    void onPersistentCongestion(long nowNanos);

    /** True while in a recovery period that began after {@code sentTimeNanos} was sent. */
    boolean inRecovery(long sentTimeNanos);

    /**
     * Rate at which to pace, bytes per second (RFC 9002 §7.7: a multiple of cwnd / smoothed_rtt
     * so that the window is spread over the round trip instead of sent in one burst).
     */
    default long pacingRateBytesPerSecond(RttEstimator rtt) {
        double gain = inSlowStart() ? 2.0 : 1.25;
        long srtt = Math.max(rtt.smoothedRttNanos(), 1_000L);
        return (long) Math.min(Long.MAX_VALUE / 2.0, gain * cwndBytes() * 1e9 / srtt);
    }

    String name();

    /** Makes a controller by name ("cubic", "newreno") for a given datagram size. */
    static CongestionController create(String name, int maxDatagramBytes) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "newreno", "reno" -> new NewReno(maxDatagramBytes);
            case "cubic" -> new Cubic(maxDatagramBytes);
            case "bbr" -> new Bbr(maxDatagramBytes);
            default -> throw new IllegalArgumentException(
                    "Unknown congestion controller '" + name + "'. Use one of: cubic, newreno, bbr.");
        };
    }
}
