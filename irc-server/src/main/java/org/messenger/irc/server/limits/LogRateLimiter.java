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
     * @param burst how many lines may pass in a row after a quiet spell (at least 1)
     * @param interval then one line per this long
     */
    public LogRateLimiter(int burst, Duration interval) {
        if (burst < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("log rate limit needs burst >= 1 and a positive interval (got "
                    + burst + ", " + interval + ")");
        }
        this.intervalNanos = interval.toNanos();
        this.burstNanos = Saturating.multiply(intervalNanos, burst - 1);
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
            if (theoreticalArrivalNanos.compareAndSet(tat, Saturating.add(start, intervalNanos))) {
                return true;
            }
        }
    }

    /** How many lines were refused since the last call (and forgets them). */
    public long takeSuppressed() {
        return suppressed.getAndSet(0);
    }
}
