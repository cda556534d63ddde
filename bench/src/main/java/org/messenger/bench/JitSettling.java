package org.messenger.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * When a warm-up has done its job: the JIT compilers of the JVMs being measured have gone quiet
 * (for {@code bench chat} the server's and this load generator's; for {@code bench transfer} this
 * JVM's, which runs both ends and the baselines). A server runs for days and compiles its hot paths once; a
 * benchmark that starts timing while the optimising compiler still works charges that one-off
 * cost to every message (on two cores its threads take the CPU the server and the receivers
 * need). The TLS pipeline has more code to compile than the plain one and so kept compiling for
 * 10-20 s of a 30 s measured phase after the fixed 5 s warm-up (docs/performance.md), which
 * made a one-off cost look like a price of TLS.
 *
 * <p>In {@code bench transfer} a slice is one unmeasured round of the TCP copy, the TLS copy and
 * our transfer: the baselines were warmed up once and ours not at all, so its first measured
 * runs carried its compilation (and the JDK's AES-GCM ran in the interpreter for part of them).
 *
 * <p>In {@code bench chat}, after the fixed warm-up, sending goes on in {@link #SLICE}s until {@link #QUIET_SLICES} slices
 * in a row in which each JVM compiled for less than {@link #QUIET_MILLIS_PER_SLICE} (C2 works in
 * waves: one quiet slice was seen followed by 0.5-0.8 s more compiling), or until the extra time
 * allowed is used up (then the row says the JIT was still busy). A JVM whose compile time cannot be read
 * (a server we did not start) is judged by the other alone.
 */
public final class JitSettling {
    /** A slice of {@code bench chat}'s warm-up. */
    public static final Duration SLICE = Duration.ofSeconds(2);
    /** 2.5 % of one core over a slice: a compiler that busy is still warming the server up. */
    static final long QUIET_MILLIS_PER_SLICE = 50;
    /** Quiet slices in a row that count as settled. */
    static final int QUIET_SLICES = 2;

    private final long maxSlices;
    private long slices;
    private int quietInARow;

    private JitSettling(long maxSlices) {
        this.maxSlices = maxSlices;
    }

    /** At most {@code extra} of {@link #SLICE}s beyond a fixed warm-up; zero turns the wait off. */
    public static JitSettling within(Duration extra) {
        if (extra.isNegative()) {
            throw new IllegalArgumentException("the extra warm-up cannot be negative: " + extra);
        }
        return new JitSettling(extra.toMillis() / SLICE.toMillis());
    }

    /** At most {@code maxSlices} slices of any length. */
    public static JitSettling atMost(int maxSlices) {
        if (maxSlices < 0) {
            throw new IllegalArgumentException("the number of warm-up slices cannot be negative: " + maxSlices);
        }
        return new JitSettling(maxSlices);
    }

    /** Milliseconds this JVM's JIT compilers have worked so far, or -1 when it cannot tell. */
    public static long compilationMillis() {
        var compiler = ManagementFactory.getCompilationMXBean();
        return compiler != null && compiler.isCompilationTimeMonitoringSupported() ? compiler.getTotalCompilationTime() : -1;
    }

    /** True while another slice of warm-up should be sent. */
    public boolean wantsAnotherSlice() {
        return !settled() && slices < maxSlices;
    }

    /**
     * Records one slice: how many milliseconds each JVM measured spent compiling during it, -1
     * for a JVM that cannot tell (it is judged by the others alone).
     */
    public void sliceDone(long... compileMillis) {
        slices++;
        boolean quiet = true;
        for (long millis : compileMillis) {
            quiet &= millis < QUIET_MILLIS_PER_SLICE;
        }
        quietInARow = quiet ? quietInARow + 1 : 0;
    }

    /** Whether the last {@link #QUIET_SLICES} slices found both compilers quiet. */
    public boolean settled() {
        return quietInARow >= QUIET_SLICES;
    }

    /** Slices done so far. */
    public long slices() {
        return slices;
    }
}
