package org.messenger.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.locks.LockSupport;
import org.messenger.transport.io.DatagramEndpoint;
import org.messenger.transport.io.DatagramSender;
import org.messenger.transport.netem.ImpairedSender;
import org.messenger.transport.netem.NetemSpec;
import org.messenger.transport.netem.NetemStats;
import org.messenger.transport.time.TimeSource;

/**
 * Runs one sans-IO endpoint over a UDP socket on 127.0.0.1 in its own thread, with the egress
 * impaired as {@code netem} says: the driver loop documented on {@link ImpairedSender}. The
 * benchmark's own, until the transport offers a socket driver of its own.
 */
final class LoopbackDriver implements AutoCloseable {
    private static final int SOCKET_BUFFER_BYTES = 4 << 20;
    private static final long SPIN_BELOW_NANOS = 1_000_000L;
    private static final int MAX_RECEIVES_PER_TURN = 256;

    private final DatagramChannel channel;
    private final Selector selector;
    private final DatagramEndpoint endpoint;
    private final TimeSource time;
    private final DatagramSender wire;
    private final ImpairedSender impaired;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    LoopbackDriver(String name, DatagramEndpoint endpoint, NetemSpec netem, TimeSource time) throws IOException {
        this.endpoint = endpoint;
        this.time = time;
        this.channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        channel.configureBlocking(false);
        this.selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
        this.wire = ImpairedSender.channelSender(channel);
        this.impaired = netem.isNone() ? null : new ImpairedSender(wire, netem, time);
        this.thread = Thread.ofPlatform().name("bench-udp-" + name).daemon().unstarted(this::loop);
    }

    /** The endpoint's {@code setWakeup} should call this, so commands from other threads wake the loop. */
    void wakeup() {
        selector.wakeup();
    }

    void start() {
        thread.start();
    }

    InetSocketAddress address() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the emulated link did to this side's egress, or null on a clean path. */
    NetemStats netemStats() {
        return impaired == null ? null : impaired.stats();
    }

    Throwable failure() {
        return failure;
    }

    private void loop() {
        ByteBuffer in = AlignedBuffers.allocate(64 * 1024);
        DatagramSender out = impaired == null ? wire : impaired;
        try {
            while (running) {
                for (int i = 0; i < MAX_RECEIVES_PER_TURN; i++) {
                    in.clear();
                    SocketAddress from = channel.receive(in);
                    if (from == null) {
                        break;
                    }
                    in.flip();
                    // Stamped one by one: a batch can take long enough to skew RTT samples.
                    endpoint.onDatagram(in, (InetSocketAddress) from, time.nanoTime());
                }
                long now = time.nanoTime();
                long wake = endpoint.poll(now, out);
                if (impaired != null) {
                    impaired.flush(now);
                    wake = Math.min(wake, impaired.nextReleaseNanos());
                }
                long waitNanos = wake - time.nanoTime();
                if (waitNanos <= 0) {
                    continue;
                }
                if (waitNanos >= SPIN_BELOW_NANOS) {
                    selector.select(Math.max(1, (waitNanos - SPIN_BELOW_NANOS / 2) / 1_000_000L));
                } else if (selector.selectNow() == 0) {
                    LockSupport.parkNanos(Math.min(waitNanos, 50_000L));
                }
                selector.selectedKeys().clear();
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        selector.close();
        channel.close();
    }
}
