package org.messenger.chat;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the members of a channel may wait to be told of other users' JOINs and PARTs (and the
 * QUITs of users who were in that channel alone), so that a storm of them reaches each member as
 * one {@link HubEvent.PresenceBatch} per window instead of one event per JOIN.
 *
 * <p>When 10,000 clients connect and each joins the lobby, telling every member of each JOIN at
 * once visits 50 million (member, JOIN) pairs; with a window the hub keeps the channel's JOINs and
 * PARTs in order and visits each member once per window with all of them, which a protocol
 * adapter can encode once for every member. Nothing is reordered: any other event the hub
 * delivers first tells every waiting batch (see {@link LocalChatHub}).
 *
 * @param delay the longest a JOIN or PART waits: short enough that a person does not notice
 * @param maxEvents a channel's window ends early when it holds this many events, which bounds
 *     what a member is given at once
 * @param scheduler runs the end of a window after {@code delay}; the server's I/O thread, or a
 *     manual one in tests
 */
public record PresenceWindow(Duration delay, int maxEvents, Scheduler scheduler) {
    /** Longer than this would be a visible lag in a channel's member list. */
    public static final Duration MAX_DELAY = Duration.ofSeconds(1);

    /** Runs a task once, about {@code delayNanos} from now, on any thread (it takes the hub's lock). */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(Runnable task, long delayNanos);
    }

    public PresenceWindow {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(scheduler, "scheduler");
        if (delay.isNegative() || delay.isZero() || delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("a presence window must be longer than 0 and at most " + MAX_DELAY.toMillis()
                    + " ms, not " + delay.toMillis() + " ms");
        }
        if (maxEvents < 1 || maxEvents > 100_000) {
            throw new IllegalArgumentException("a presence window holds 1 to 100000 events, not " + maxEvents);
        }
    }
}
