package org.messenger.transport.time;

/**
 * Where protocol code gets "now", in nanoseconds on a monotonic scale with an arbitrary origin.
 *
 * <p>Protocol logic never reads the wall clock: a driver reads this once per loop turn and passes
 * {@code nowNanos} down, so that tests drive time by hand (a manual clock's {@code ::nanoTime})
 * and the simulator runs thousands of transfers in virtual time.
 */
@FunctionalInterface
public interface TimeSource {
    long nanoTime();

    /** The JVM's monotonic clock, for real sockets. */
    static TimeSource system() {
        return System::nanoTime;
    }
}
