package org.messenger.transport.netem;

/**
 * The link's source of randomness: SplitMix64 (Steele, Lea, Flood 2014), written out here so that a
 * seed gives the same sequence on every JDK, forever, and nothing is allocated per draw.
 */
final class SplitMix64 {
    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** True with probability {@code p}; draws nothing when p is 0 so that unused features cost nothing. */
    boolean chance(double p) {
        return p > 0 && nextDouble() < p;
    }

    /** Uniform in [0, bound), bound > 0. */
    long nextLong(long bound) {
        // Lemire-style rejection would be exact; the modulo bias for bounds far below 2^63 is negligible here.
        return Math.floorMod(nextLong(), bound);
    }
}
