package org.messenger.transport.netem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.messenger.transport.io.DatagramSender;
import org.messenger.transport.time.TimeSource;

/**
 * A {@link DatagramSender} that puts a {@link NetemLink} in front of another sender (usually a
 * real {@link DatagramChannel}): what an endpoint sends is delayed, rate-limited, lost, duplicated,
 * corrupted or reordered as the {@link NetemSpec} says, in real time. This is what {@code --netem}
 * turns on; impairing the egress of both peers impairs both directions.
 *
 * <h2>How a driver loop uses it</h2>
 * The driver owns the socket and one thread; the wrapper needs that thread to call {@link #flush}
 * when datagrams fall due, so it reports its own wake-up time:
 * <pre>{@code
 * DatagramChannel channel = ...;                      // non-blocking, bound
 * TimeSource time = TimeSource.system();
 * DatagramSender out = netem.isNone()
 *         ? ImpairedSender.channelSender(channel)
 *         : new ImpairedSender(ImpairedSender.channelSender(channel), netem, time);
 * while (running) {
 *     // 1. datagrams that arrived: endpoint.onDatagram(buffer, from, time.nanoTime()) for each
 *     //    (read the clock per datagram: stamping a whole batch with the turn's start time
 *     //     makes RTT samples too small by the time the batch took)
 *     // 2. let the endpoint send; it may call out.send(...) many times
 *     long now = time.nanoTime();
 *     long wake = endpoint.poll(now, out);
 *     // 3. put on the wire what the emulated link delivers by now
 *     if (out instanceof ImpairedSender impaired) {
 *         impaired.flush(now);
 *         wake = Math.min(wake, impaired.nextReleaseNanos());
 *     }
 *     // 4. wait for a datagram or until `wake`, whichever comes first
 *     //    (selector.select(ms) is too coarse below 1 ms: for short waits use selectNow()
 *     //     plus LockSupport.parkNanos(wake - now), or spin)
 * }
 * }</pre>
 * {@link #send} always returns true: a datagram the emulated network drops is gone, as on a real
 * network, and the caller must not retry it. {@code send} itself releases whatever is already due
 * (with no delay and no rate, a datagram goes straight through). If the wrapped sender refuses a
 * datagram (socket buffer full), it stays first in line and {@link #nextReleaseNanos()} stays in the
 * past; retry with {@code flush} on the next turn (or when the channel is writable).
 *
 * <p>One thread only (the driver's). {@link #stats()} counts what the emulated link did.
 */
public final class ImpairedSender implements DatagramSender {
    private final DatagramSender downstream;
    private final NetemLink link;
    private final TimeSource time;
    private final NetemLink.Receiver toDownstream;

    /** Impairs with {@code spec}; its seed, or a random one if it names none (see {@link #link()}). */
    public ImpairedSender(DatagramSender downstream, NetemSpec spec, TimeSource time) {
        this(downstream, new NetemLink(spec), time);
    }

    /** Impairs through a link built by the caller (own seed, own delay-line limit). */
    public ImpairedSender(DatagramSender downstream, NetemLink link, TimeSource time) {
        this.downstream = downstream;
        this.link = link;
        this.time = time;
        this.toDownstream = (datagram, from, to, nowNanos) -> this.downstream.send(datagram, to);
    }

    /**
     * A plain sender over a channel: {@code channel.send}, false when a non-blocking channel has no
     * room. An {@link IOException} becomes an {@link UncheckedIOException}.
     */
    public static DatagramSender channelSender(DatagramChannel channel) {
        return (datagram, to) -> {
            try {
                return channel.send(datagram, to) > 0 || !datagram.hasRemaining();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot send a datagram to " + to + ": " + e.getMessage(), e);
            }
        };
    }

    /** Takes a copy of the datagram into the emulated link, then releases what is due. */
    @Override
    public boolean send(ByteBuffer datagram, InetSocketAddress to) {
        long now = time.nanoTime();
        link.offer(datagram, null, to, now);
        link.release(now, toDownstream);
        return true;
    }

    /** When {@link #flush} next has something to put on the wire; {@link Long#MAX_VALUE} if nothing is held. */
    public long nextReleaseNanos() {
        return link.nextReleaseNanos();
    }

    /** Sends every datagram due by {@code nowNanos} to the wrapped sender; returns how many went. */
    public int flush(long nowNanos) {
        return link.release(nowNanos, toDownstream);
    }

    /** Datagrams waiting in the emulated link. */
    public int heldPackets() {
        return link.heldPackets();
    }

    public NetemStats stats() {
        return link.stats();
    }

    public NetemLink link() {
        return link;
    }
}
