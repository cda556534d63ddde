package org.messenger.chat;

import java.time.Duration;

/**
 * Per-client flood control after RFC 1459 §8.10: each message pushes the client's "message timer"
 * {@code costPerMessage} into the future; messages are processed only while that timer is less
 * than {@code burst} ahead of now, so a client gets a burst and then a steady rate of one message
 * per {@code costPerMessage}. What to do with messages that must wait (queue, then drop the
 * client when the queue is full) is up to the protocol adapter.
 *
 * <p>Like Ergo's fakelag, time is not read here: callers pass {@code nowNanos} from an injected
 * clock, so tests run on a manual clock. Not thread-safe: one connection owns one instance.
 */
public final class FloodControl {
    private final long costPerMessageNanos;
    private final long burstNanos;
    private long timerNanos;
    private boolean started;

    public FloodControl(Duration costPerMessage, Duration burst) {
        if (costPerMessage.isNegative() || burst.isNegative()) {
            throw new IllegalArgumentException("flood control durations must not be negative");
        }
        this.costPerMessageNanos = costPerMessage.toNanos();
        this.burstNanos = burst.toNanos();
    }

    /** How many messages in a row a rested client may send before being throttled. */
    public long burstMessages() {
        return costPerMessageNanos == 0 ? Long.MAX_VALUE : burstNanos / costPerMessageNanos;
    }

    /** Charges one message and returns true when it may be processed now; returns false (charging nothing) otherwise. */
    public boolean tryAcquire(long nowNanos) {
        catchUp(nowNanos);
        if (timerNanos - nowNanos >= burstNanos && costPerMessageNanos > 0) {
            return false;
        }
        timerNanos += costPerMessageNanos;
        return true;
    }

    /** How long until {@link #tryAcquire} would succeed: 0 when it would now. */
    public long nanosUntilAllowed(long nowNanos) {
        catchUp(nowNanos);
        long wait = timerNanos - burstNanos - nowNanos;
        return costPerMessageNanos == 0 ? 0 : Math.max(0, wait + 1);
    }

    // RFC 1459 §8.10: "check to see if client's message timer is less than current time (set to be equal if it is)".
    private void catchUp(long nowNanos) {
        if (!started || timerNanos - nowNanos < 0) {
            timerNanos = nowNanos;
            started = true;
        }
    }
}
