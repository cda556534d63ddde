package org.messenger.transport.time;

/**
 * Time arithmetic that cannot wrap. Periods and deadlines here are built from numbers a peer
 * chose (its max_ack_delay, the ack delays it reports, the RTT those produce): an overflowing sum
 * turns a deadline far in the future into one far in the past, and a timer that is always due
 * makes its thread spin (issue 14, item 1). Every result sticks at {@link Long#MAX_VALUE}
 * ("never") or {@link Long#MIN_VALUE} instead.
 */
public final class Saturating {
    private Saturating() {}

    /** {@code a + b}, or the nearest bound if that overflows. */
    public static long add(long a, long b) {
        long r = a + b;
        // Overflow iff both operands have the sign opposite to the result's (Hacker's Delight 2-13).
        if (((a ^ r) & (b ^ r)) < 0) return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        return r;
    }

    /** {@code a * b} for {@code b >= 0}, or the nearest bound if that overflows. */
    public static long multiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) return lo;
        return (a < 0) == (b < 0) ? Long.MAX_VALUE : Long.MIN_VALUE;
    }

    /** {@code a * 2^shift} ({@code shift} clamped to 0..62), or the nearest bound if that overflows. */
    public static long shiftLeft(long a, int shift) {
        int s = Math.max(0, Math.min(shift, 62));
        if (a > (Long.MAX_VALUE >> s)) return Long.MAX_VALUE;
        if (a < (Long.MIN_VALUE >> s)) return Long.MIN_VALUE;
        return a << s;
    }
}
