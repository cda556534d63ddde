package org.messenger.irc.server.limits;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets log lines about client errors through at a bounded rate, so that a client that can provoke
 * one (a malformed line, a refused connection) cannot fill the disk: a burst, then one line per
 * interval. What was held back is counted, and the next line that passes can say how many.
 *
 * <p>The generic cell rate algorithm (a token bucket kept as one "theoretical arrival time"), so
 * it is one compare-and-set and safe from any thread; time comes from the caller.
 */
public final class LogRateLimiter {
    private final long intervalNanos;
    private final long burstNanos;
    private final AtomicLong theoreticalArrivalNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    /**
     * @param burst how many lines may pass in a row after a quiet spell (1 to {@link ConnectionLimits#MAX_BURST})
     * @param interval then one line per this long (at most {@link ConnectionLimits#MAX_INTERVAL})
     */
    public LogRateLimiter(int burst, Duration interval) {
        if (burst < 1 || burst > ConnectionLimits.MAX_BURST || interval.isNegative() || interval.isZero()
                || interval.compareTo(ConnectionLimits.MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("log rate limit needs a burst from 1 to " + ConnectionLimits.MAX_BURST
                    + " and an interval from 1 ns to one day (got " + burst + ", " + interval + ")");
        }
        this.intervalNanos = interval.toNanos();
        this.burstNanos = intervalNanos * (burst - 1); // bounded above: cannot overflow
    }

    /** True when a line may be logged now; false counts it as suppressed. */
    public boolean tryAcquire(long nowNanos) {
        while (true) {
            long tat = theoreticalArrivalNanos.get();
            long start = tat == Long.MIN_VALUE || tat - nowNanos < 0 ? nowNanos : tat;
            if (start - nowNanos > burstNanos) {
                suppressed.incrementAndGet();
                return false;
            }
            // May wrap as nanoTime does; compared by difference only (see ConnectionLimiter.charge).
            if (theoreticalArrivalNanos.compareAndSet(tat, start + intervalNanos)) {
                return true;
            }
        }
    }

    /** How many lines were refused since the last call (and forgets them). */
    public long takeSuppressed() {
        return suppressed.getAndSet(0);
    }
}
