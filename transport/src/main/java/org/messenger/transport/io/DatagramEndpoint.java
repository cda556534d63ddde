package org.messenger.transport.io;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A protocol endpoint that does no I/O and reads no clock of its own ("sans-IO"): a driver feeds
 * it datagrams and time, and it hands back datagrams to send. The same endpoint runs over a real
 * {@code DatagramChannel} (a driver thread) and inside the simulated network (virtual time, one
 * thread), which is what makes transfers under loss reproducible from a seed.
 *
 * <p>Its methods are called from one thread at a time.
 */
public interface DatagramEndpoint {
    /**
     * One datagram arrived from {@code from}. The buffer (position to limit) is only valid during
     * the call. Anything malformed, forged or unexpected is counted and dropped; nothing is thrown.
     */
    void onDatagram(ByteBuffer datagram, InetSocketAddress from, long nowNanos);

    /**
     * Does whatever is due at {@code nowNanos} (timers, acknowledgements, paced sends) and sends
     * through {@code out}. Returns the instant, in the same nanosecond scale, at which it next has
     * something to do, or {@link Long#MAX_VALUE} when only an arriving datagram can give it work.
     */
    long poll(long nowNanos, DatagramSender out);

    /**
     * The driver stopped for good: nothing more will arrive or be polled. Frees what the endpoint
     * holds outside the Java heap (the transfers' native cipher contexts).
     */
    default void stopped() {}
}
