package org.messenger.transport.io;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;
import org.messenger.transport.Buffers;
import org.messenger.transport.netem.ImpairedSender;
import org.messenger.transport.netem.NetemSpec;
import org.messenger.transport.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link DatagramEndpoint} over a real, non-blocking {@link DatagramChannel} on a thread
 * of its own (a duty cycle in the manner of Aeron's sender): each turn it reads up to
 * {@link #RECEIVE_BATCH} datagrams, lets the endpoint send what is due, and waits until the
 * endpoint's next wake-up or the next arriving datagram. With an impairment spec, everything the
 * endpoint sends passes the {@link ImpairedSender} first (the built-in netem).
 *
 * <p>When the socket refuses a datagram (its send buffer is full), the driver waits for the socket
 * to turn writable ({@code OP_WRITE}) and takes the next turn then, rather than re-polling at a
 * fixed interval; the endpoint holds the datagram meanwhile.
 */
public final class SocketDriver implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SocketDriver.class);
    /** Datagrams read per turn before the endpoint gets to send. */
    public static final int RECEIVE_BATCH = 64;
    /** Socket buffers asked for; the kernel caps them at net.core.[rw]mem_max (4 MiB here). */
    public static final int SOCKET_BUFFER_BYTES = 4 << 20;
    /** Shorter waits park the thread instead of selecting (select has millisecond resolution). */
    private static final long PARK_BELOW_NANOS = 1_000_000L;
    /**
     * Turns in a row that the endpoint may ask for "again, now" without receiving or sending
     * anything before the driver stops believing it. A timer stuck in the past (issue 14: a
     * deadline that overflowed) otherwise turns into a hot loop; honest endpoints need one or two
     * such turns (a phase change), never this many.
     */
    static final int MAX_IDLE_IMMEDIATE_TURNS = 16;
    /** How long the driver then waits anyway: bounds a stuck endpoint to ~1,000 turns a second. */
    static final long STUCK_WAIT_NANOS = 1_000_000L;
    private static final long STUCK_LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final DatagramChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final DatagramEndpoint endpoint;
    private final TimeSource clock;
    private final ImpairedSender impaired;
    private final DatagramSender out;
    private final ByteBuffer receiveBuffer = Buffers.alignedDirect(128 * 1024);
    private final Thread thread;
    private final int receiveBufferBytes;
    private final int sendBufferBytes;
    private volatile boolean running = true;
    private volatile boolean stopRequested;
    private volatile boolean parked;
    /** The socket refused a datagram during this turn (driver thread only). */
    private boolean sendRefused;
    /** The last wait ended because the socket turned writable: the next wait is a timed one (no loop on a socket that lies). */
    private boolean refusedWhileWritable;
    private long sendErrors;
    // Written by the driver's thread only (a release store, no fence on x86); read by others.
    private final AtomicLong turns = new AtomicLong();
    private final AtomicLong datagramsSent = new AtomicLong();
    private final AtomicLong stuckWaits = new AtomicLong();
    private final AtomicLong endpointErrors = new AtomicLong();
    private final AtomicLong writableWakeups = new AtomicLong();
    private long lastErrorLogNanos = Long.MIN_VALUE;
    private long lastStuckLogNanos = Long.MIN_VALUE;

    /**
     * Binds a channel to {@code bind} and starts the thread. {@code egressImpairment} may be null
     * (no impairment) or a spec such as {@code rate=100mbit,delay=15ms,queue=25}.
     */
    public SocketDriver(InetSocketAddress bind, DatagramEndpoint endpoint, TimeSource clock,
            NetemSpec egressImpairment, String threadName) throws IOException {
        this(bind, endpoint, clock, egressImpairment, threadName, UnaryOperator.identity());
    }

    /**
     * As above; {@code socketSender} wraps the socket's own sender (tests use it to make the socket
     * refuse a datagram, which a loopback socket never does by itself).
     */
    SocketDriver(InetSocketAddress bind, DatagramEndpoint endpoint, TimeSource clock, NetemSpec egressImpairment,
            String threadName, UnaryOperator<DatagramSender> socketSender) throws IOException {
        this.endpoint = endpoint;
        this.clock = clock;
        this.channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
            channel.bind(bind);
            channel.configureBlocking(false);
            receiveBufferBytes = channel.getOption(StandardSocketOptions.SO_RCVBUF);
            sendBufferBytes = channel.getOption(StandardSocketOptions.SO_SNDBUF);
            selector = Selector.open();
            key = channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            channel.close();
            throw new IOException("Cannot open a UDP socket on " + bind + ": " + e.getMessage(), e);
        }
        DatagramSender socket = socketSender.apply(this::sendDirect);
        DatagramSender direct = (datagram, to) -> {
            if (socket.send(datagram, to)) return true;
            sendRefused = true;
            return false;
        };
        if (egressImpairment != null && !egressImpairment.isNone()) {
            impaired = new ImpairedSender(direct, egressImpairment, clock);
            out = impaired;
        } else {
            impaired = null;
            out = direct;
        }
        log.debug("UDP socket {}: receive buffer {} B, send buffer {} B (asked {} B)", localAddress(),
                receiveBufferBytes, sendBufferBytes, SOCKET_BUFFER_BYTES);
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("socket closed", e);
        }
    }

    /** The receive buffer the kernel granted (it silently caps what we ask). */
    public int receiveBufferBytes() {
        return receiveBufferBytes;
    }

    public int sendBufferBytes() {
        return sendBufferBytes;
    }

    /** The impairment stage, or null. */
    public ImpairedSender impairment() {
        return impaired;
    }

    /** Makes the thread take a turn now (new commands are waiting). */
    public void wakeup() {
        if (parked) LockSupport.unpark(thread);
        selector.wakeup();
    }

    /** Turns of the duty cycle so far (each reads, polls the endpoint and maybe waits). */
    public long turns() {
        return turns.get();
    }

    /** Times a wait ended because the socket, full before, could take datagrams again. */
    public long writableWakeups() {
        return writableWakeups.get();
    }

    /** Datagrams handed to the socket so far. */
    public long datagramsSent() {
        return datagramsSent.get();
    }

    /** Times the endpoint asked for an immediate turn too often without doing anything, and waited anyway. */
    public long stuckWaits() {
        return stuckWaits.get();
    }

    /**
     * Exceptions the endpoint let escape (a bug: it contains its own per datagram). Each is logged
     * (rate-limited) and the thread goes on, so that one bad datagram cannot end every transfer on
     * the socket.
     */
    public long endpointErrors() {
        return endpointErrors.get();
    }

    private void onEndpointError(RuntimeException e, String where, long nowNanos) {
        endpointErrors.lazySet(endpointErrors.getPlain() + 1);
        if (lastErrorLogNanos == Long.MIN_VALUE || nowNanos - lastErrorLogNanos >= STUCK_LOG_INTERVAL_NANOS) {
            lastErrorLogNanos = nowNanos;
            log.error("Transfer socket {}: the endpoint failed while {} ({} errors so far; the socket goes on)."
                    + " This is a bug: please report it with this log.", localAddress(), where,
                    endpointErrors.getPlain(), e);
        }
    }

    private boolean sendDirect(ByteBuffer datagram, InetSocketAddress to) {
        try {
            boolean sent = channel.send(datagram, to) > 0;
            if (sent) datagramsSent.lazySet(datagramsSent.getPlain() + 1);
            return sent;
        } catch (IOException e) {
            // A datagram that cannot be sent is lost like any other; recovery will resend it.
            if (sendErrors++ % 1000 == 0) log.warn("Cannot send a UDP datagram to {}: {}", to, e.getMessage());
            return true;
        }
    }

    private void run() {
        int idleImmediateTurns = 0;
        try {
            while (running) {
                turns.lazySet(turns.getPlain() + 1);
                long sentBefore = datagramsSent.getPlain();
                // After a stop request, one last full turn lets queued commands (shutdown) send CLOSE.
                boolean lastTurn = stopRequested;
                int received = 0;
                for (; received < RECEIVE_BATCH; received++) {
                    receiveBuffer.clear();
                    SocketAddress from = channel.receive(receiveBuffer);
                    if (from == null) break;
                    receiveBuffer.flip();
                    // A fresh reading per datagram (tens of ns against a syscall of microseconds)
                    // keeps RTT samples and ACK delays exact when a batch takes a while.
                    long at = clock.nanoTime();
                    try {
                        endpoint.onDatagram(receiveBuffer, (InetSocketAddress) from, at);
                    } catch (RuntimeException e) {
                        onEndpointError(e, "handling a datagram from " + from, at);
                    }
                }
                long now = clock.nanoTime();
                long wake;
                sendRefused = false;
                try {
                    wake = endpoint.poll(now, out);
                } catch (RuntimeException e) {
                    onEndpointError(e, "taking its turn", now);
                    wake = now + STUCK_WAIT_NANOS;
                }
                if (impaired != null) {
                    impaired.flush(now);
                    wake = Math.min(wake, impaired.nextReleaseNanos());
                }
                if (lastTurn) {
                    if (impaired != null) impaired.flush(Long.MAX_VALUE); // let the emulated link empty at once
                    break;
                }
                if (received > 0 || datagramsSent.getPlain() != sentBefore) {
                    idleImmediateTurns = 0;
                    if (received > 0) continue; // more may be waiting
                }
                long wait = wake - clock.nanoTime();
                if (sendRefused && !refusedWhileWritable) {
                    // The socket is full: the next turn is worth taking once it can take more.
                    idleImmediateTurns = 0;
                    awaitWritable(wait);
                    selector.selectedKeys().clear();
                    continue;
                }
                refusedWhileWritable = false;
                if (wait <= 0) {
                    if (++idleImmediateTurns < MAX_IDLE_IMMEDIATE_TURNS) continue;
                    wait = STUCK_WAIT_NANOS;
                    stuckWaits.lazySet(stuckWaits.getPlain() + 1);
                    if (now - lastStuckLogNanos >= STUCK_LOG_INTERVAL_NANOS || lastStuckLogNanos == Long.MIN_VALUE) {
                        lastStuckLogNanos = now;
                        log.warn("Transfer socket {}: the endpoint asked for {} turns in a row without doing anything;"
                                + " waiting {} ms between turns instead of spinning ({} times so far). This is a bug:"
                                + " please report it with the log.", localAddress(), MAX_IDLE_IMMEDIATE_TURNS,
                                STUCK_WAIT_NANOS / 1_000_000, stuckWaits.getPlain());
                    }
                } else {
                    idleImmediateTurns = 0;
                }
                if (wait < PARK_BELOW_NANOS) {
                    parked = true;
                    if (selector.selectNow() == 0) LockSupport.parkNanos(wait);
                    parked = false;
                } else {
                    selector.select(Math.min(wait / 1_000_000L, 1_000L));
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | RuntimeException e) {
            if (running) log.error("Transfer socket {} stopped: {}", channel, e.toString(), e);
        } finally {
            running = false;
            try {
                endpoint.stopped();
            } catch (RuntimeException e) {
                log.error("Transfer socket {}: releasing its transfers failed: {}", channel, e.toString(), e);
            }
        }
    }

    /**
     * Waits until the socket can take datagrams again (or one arrives, or {@code waitNanos} pass,
     * at least a millisecond: select's resolution). The wait after a writable wake-up is always a
     * timed one, so a socket that reports itself writable and still refuses cannot make a loop.
     */
    private void awaitWritable(long waitNanos) throws IOException {
        key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        try {
            selector.select(Math.max(1L, Math.min((waitNanos + 999_999L) / 1_000_000L, 1_000L)));
        } finally {
            key.interestOps(SelectionKey.OP_READ);
        }
        if (key.isValid() && selector.selectedKeys().contains(key) && key.isWritable()) {
            writableWakeups.lazySet(writableWakeups.getPlain() + 1);
            refusedWhileWritable = true; // so the next wait is a timed one, whatever that turn sends
        }
    }

    public boolean isRunning() {
        return running;
    }

    /** Takes one last turn (so queued CLOSE frames leave), then stops the thread and the socket. */
    @Override
    public void close() throws IOException {
        stopRequested = true;
        wakeup();
        try {
            if (thread.isAlive()) thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
        selector.close();
        channel.close();
    }
}
