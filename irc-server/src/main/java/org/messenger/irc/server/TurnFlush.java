package org.messenger.irc.server;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The connections of one I/O thread with lines queued in the current turn, flushed together
 * by one task that runs after the turn's reads: one write and one flush per connection per
 * turn, however many lines it got. Belongs to its thread (one per event loop, never shared).
 *
 * <p>A buffer holding only other people's JOINs, PARTs and QUITs waits up to
 * {@link #PRESENCE_DELAY_NANOS} instead, flushed by a second task with every other such
 * buffer of the thread. The hub's presence windows now gather a channel's JOINs and PARTs
 * (and the QUITs of users in one channel) before they reach a connection, as one batch that
 * leaves at once; what still waits here is the QUIT of a user in several channels, and any
 * presence line from a hub without windows. Flushed every turn, a disconnect storm in a big
 * channel was one write (and one wake-up of the reader) per member for every turn with a QUIT
 * in it. Nothing is reordered: an urgent line for the same client takes the waiting lines with
 * it, and the client whose command caused the event gets its own line at once.
 */
final class TurnFlush {
    /** How long a bystander's JOIN, PART or QUIT may wait for company: too short for a person to notice. */
    static final long PRESENCE_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** A waiting buffer larger than this leaves at the end of the turn anyway. */
    static final int PRESENCE_BATCH_BYTES = 8192;

    private static final FastThreadLocal<TurnFlush> PER_THREAD = new FastThreadLocal<>() {
        @Override
        protected TurnFlush initialValue() {
            return new TurnFlush();
        }
    };

    /** Buffers with an urgent line: flushed by a task that runs after the turn's reads. */
    private final Batch urgent = new Batch();
    /** Buffers of presence lines only: flushed by a task {@link #PRESENCE_DELAY_NANOS} later. */
    private final Batch waiting = new Batch();
    /** The connection whose input this thread is handling, if any: its own events are never held back. */
    IrcConnection actor;

    static TurnFlush forThisThread() {
        return PER_THREAD.get();
    }

    void add(IrcConnection connection, EventLoop loop, boolean isUrgent) {
        if (isUrgent) {
            if (urgent.add(connection)) {
                loop.execute(urgent);
            }
        } else if (waiting.add(connection)) {
            loop.schedule(waiting, PRESENCE_DELAY_NANOS, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Connections to flush together by one task. A connection flushed early and given a new
     * buffer may be listed twice: its second flush finds nothing to send.
     */
    private static final class Batch implements Runnable {
        private ArrayList<IrcConnection> queued = new ArrayList<>();
        private ArrayList<IrcConnection> flushing = new ArrayList<>();
        private boolean scheduled;

        /** Lists {@code connection}; true if the task must be scheduled. */
        boolean add(IrcConnection connection) {
            queued.add(connection);
            if (scheduled) {
                return false;
            }
            scheduled = true;
            return true;
        }

        @Override
        public void run() {
            scheduled = false;
            // A flush can fail and close a connection, whose QUIT then queues lines for others:
            // those go to the next task's list, not into the one being walked.
            ArrayList<IrcConnection> batch = queued;
            queued = flushing;
            flushing = batch;
            try {
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).flushPending();
                }
            } finally {
                batch.clear();
            }
        }
    }
}
