package org.messenger.bench.chat;

import java.time.Duration;

/**
 * When a warm-up has done its job: the JIT compilers of both JVMs, the server's and this load
 * generator's, have gone quiet. A server runs for days and compiles its hot paths once; a
 * benchmark that starts timing while the optimising compiler still works charges that one-off
 * cost to every message (on two cores its threads take the CPU the server and the receivers
 * need). The TLS pipeline has more code to compile than the plain one and so kept compiling for
 * 10-20 s of a 30 s measured phase after the fixed 5 s warm-up (docs/performance.md), which
 * made a one-off cost look like a price of TLS.
 *
 * <p>After the fixed warm-up, sending goes on in {@link #SLICE}s until {@link #QUIET_SLICES} slices
 * in a row in which each JVM compiled for less than {@link #QUIET_MILLIS_PER_SLICE} (C2 works in
 * waves: one quiet slice was seen followed by 0.5-0.8 s more compiling), or until the extra time
 * allowed is used up (then the row says the JIT was still busy). A JVM whose compile time cannot be read
 * (a server we did not start) is judged by the other alone.
 */
final class JitSettling {
    static final Duration SLICE = Duration.ofSeconds(2);
    /** 2.5 % of one core over a slice: a compiler that busy is still warming the server up. */
    static final long QUIET_MILLIS_PER_SLICE = 50;
    /** Quiet slices in a row that count as settled. */
    static final int QUIET_SLICES = 2;

    private final long maxSlices;
    private long slices;
    private int quietInARow;

    /** {@code extra}: the longest the warm-up may run beyond its fixed part; zero turns the wait off. */
    JitSettling(Duration extra) {
        if (extra.isNegative()) {
            throw new IllegalArgumentException("the extra warm-up cannot be negative: " + extra);
        }
        this.maxSlices = extra.toMillis() / SLICE.toMillis();
    }

    /** True while another slice of warm-up should be sent. */
    boolean wantsAnotherSlice() {
        return !settled() && slices < maxSlices;
    }

    /**
     * Records one slice: how many milliseconds each JVM spent compiling during it, -1 when that
     * JVM cannot tell.
     */
    void sliceDone(long serverCompileMillis, long generatorCompileMillis) {
        slices++;
        boolean serverQuiet = serverCompileMillis < QUIET_MILLIS_PER_SLICE;
        boolean generatorQuiet = generatorCompileMillis < QUIET_MILLIS_PER_SLICE;
        quietInARow = serverQuiet && generatorQuiet ? quietInARow + 1 : 0;
    }

    /** Whether the last {@link #QUIET_SLICES} slices found both compilers quiet. */
    boolean settled() {
        return quietInARow >= QUIET_SLICES;
    }

    /** Slices sent beyond the fixed warm-up. */
    long extraSlices() {
        return slices;
    }
}
