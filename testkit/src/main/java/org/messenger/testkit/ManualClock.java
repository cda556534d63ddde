package org.messenger.testkit;

import java.time.Duration;

/**
 * A clock that only moves when a test moves it, so that anything timed (retransmission, ping
 * timeouts, flood control) is checked without real waiting and replays identically.
 *
 * <p>Production code takes time as a function ({@code LongSupplier}, a {@code TimeSource}, ...);
 * pass {@code clock::nanoTime}. Not thread-safe by design: both ends of a simulated exchange run
 * on the test's thread.
 */
public final class ManualClock {
    private long nowNanos;

    public ManualClock() {
        this(0L);
    }

    public ManualClock(long startNanos) {
        this.nowNanos = startNanos;
    }

    public long nanoTime() {
        return nowNanos;
    }

    public void advanceNanos(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("time only moves forward, got " + nanos + " ns");
        }
        nowNanos += nanos;
    }

    public void advance(Duration duration) {
        advanceNanos(duration.toNanos());
    }

    /** Moves to an absolute instant; refuses to go back, which would break every timer. */
    public void advanceTo(long instantNanos) {
        if (instantNanos < nowNanos) {
            throw new IllegalArgumentException("cannot go back from " + nowNanos + " to " + instantNanos);
        }
        nowNanos = instantNanos;
    }
}
