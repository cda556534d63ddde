package org.messenger.irc.server.limits;

/** Time arithmetic that sticks at the ends of {@code long} instead of wrapping round. */
final class Saturating {
    private Saturating() {}

    static long add(long a, long b) {
        long sum = a + b;
        // Overflow only when both have the sign the sum lacks (Hacker's Delight §2-13).
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }

    static long multiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
            return low;
        }
        return (a < 0) == (b < 0) ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
}
