package org.messenger.transport;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongConsumer;
import java.util.random.RandomGenerator;
import org.messenger.transport.io.DatagramEndpoint;
import org.messenger.transport.io.DatagramSender;
import org.messenger.transport.packet.CloseCode;
import org.messenger.transport.packet.PacketReader;
import org.messenger.transport.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All transfers behind one UDP socket, sending and receiving, multiplexed by transfer id (and
 * direction: the flag in each packet says whether its author receives the file). Sans-IO: a
 * {@link org.messenger.transport.io.SocketDriver} or the simulated network feeds it.
 *
 * <p>{@link #send} and {@link #receive} may be called from any thread; the transfer starts on the
 * endpoint's next turn. Everything else runs on the endpoint's thread.
 */
public final class TransferEndpoint implements DatagramEndpoint {
    private static final Logger log = LoggerFactory.getLogger(TransferEndpoint.class);
    private static final long ERROR_LOG_INTERVAL_NANOS = 10_000_000_000L;
    private long lastErrorLogNanos = Long.MIN_VALUE;
    final EndpointCounters counters = new EndpointCounters();
    final Egress egress = new Egress();
    private final PacketReader reader = new PacketReader();
    private final TransferConfig config;
    private final TimeSource clock;
    private final RandomGenerator random;
    private final LongMap<SenderTransfer> senders = new LongMap<>();
    private final LongMap<ReceiverTransfer> receivers = new LongMap<>();
    private final ArrayList<Transfer> active = new ArrayList<>();
    private final ConcurrentLinkedQueue<LongConsumer> commands = new ConcurrentLinkedQueue<>();
    private volatile Runnable wakeup = () -> { };
    private SenderTransfer lastSender;
    private long turn;
    private ReceiverTransfer lastReceiver;
    /** Version-1 refusals waiting for the next turn (at most {@link #MAX_REFUSALS_QUEUED}). */
    private final ArrayDeque<ByteBuffer> refusals = new ArrayDeque<>();
    private final ArrayDeque<InetSocketAddress> refusalTargets = new ArrayDeque<>();
    private static final int MAX_REFUSALS_QUEUED = 16;
    private final long[] v1Id = new long[1];
    private final byte[] v1Nonce = new byte[org.messenger.transport.packet.Packet.NONCE_BYTES];
    private final byte[] v1Mac = Version1Refusal.newMacBuffer();

    public TransferEndpoint(TransferConfig config, TimeSource clock) {
        this(config, clock, new SecureRandom());
    }

    /**
     * {@code random} picks the packet numbers senders skip (RFC 9000 §21.4); it must be
     * unpredictable to the peer. Tests pass a seeded one so that a run replays exactly.
     */
    public TransferEndpoint(TransferConfig config, TimeSource clock, RandomGenerator random) {
        this.config = config;
        this.clock = clock;
        this.random = random;
    }

    public TransferConfig config() {
        return config;
    }

    public EndpointCounters counters() {
        return counters;
    }

    /** Called by a driver so that commands from other threads wake it up. */
    public void setWakeup(Runnable wakeup) {
        this.wakeup = wakeup;
    }

    /**
     * Offers {@code ranges} of {@code source} to the receiver that presents {@code ticket}
     * (which it got over a trusted channel). The transfer starts when that receiver's HELLO
     * arrives. {@code expectedPeer} (nullable) restricts which IP address may claim it.
     */
    public TransferHandle send(FileChannel source, ByteRanges ranges, TransferTicket ticket,
            InetSocketAddress expectedPeer, TransferListener listener) {
        SenderTransfer t = new SenderTransfer(this, source, ranges, ticket, expectedPeer, config, listener, random,
                clock.nanoTime());
        submit(now -> {
            if (senders.putIfAbsent(ticket.transferId(), t) != null) {
                t.fail(new TransferException(org.messenger.transport.packet.CloseCode.PROTOCOL_VIOLATION, false,
                        "Transfer id " + Long.toHexString(ticket.transferId()) + " is already offered here", null),
                        now);
                return;
            }
            active.add(t);
        });
        return t;
    }

    /**
     * Fetches {@code wanted} ranges into {@code target} from the sender at {@code senderAddress},
     * authenticating with {@code ticket}. Bytes land at their own offsets in {@code target}.
     */
    public ReceiveHandle receive(FileChannel target, ByteRanges wanted, InetSocketAddress senderAddress,
            TransferTicket ticket, TransferListener listener) {
        ReceiverTransfer t = new ReceiverTransfer(this, target, wanted, senderAddress, ticket, config, listener,
                clock.nanoTime());
        submit(now -> {
            if (receivers.putIfAbsent(ticket.transferId(), t) != null) {
                t.fail(new TransferException(org.messenger.transport.packet.CloseCode.PROTOCOL_VIOLATION, false,
                        "Transfer id " + Long.toHexString(ticket.transferId()) + " is already being received here",
                        null), now);
                return;
            }
            active.add(t);
        });
        return t;
    }

    /** Applies the commands other threads queued, in order. Endpoint thread only. */
    private void runCommands(long nowNanos) {
        for (LongConsumer c; (c = commands.poll()) != null; ) c.accept(nowNanos);
    }

    /** Runs {@code command} on the endpoint's thread at its next turn, with that turn's time. */
    void submit(LongConsumer command) {
        commands.add(command);
        wakeup.run();
    }

    /** Number of transfers still known (including closing ones). */
    public int transferCount() {
        return active.size();
    }

    @Override
    public void onDatagram(ByteBuffer datagram, InetSocketAddress from, long nowNanos) {
        counters.add(EndpointCounters.DATAGRAMS_RECEIVED);
        int size = datagram.remaining();
        switch (reader.open(datagram)) {
            case PacketReader.OK -> { }
            case PacketReader.TOO_SHORT -> {
                counters.add(EndpointCounters.TOO_SHORT);
                return;
            }
            case PacketReader.BAD_VERSION -> {
                counters.add(EndpointCounters.BAD_VERSION);
                if (reader.version() == org.messenger.transport.packet.Packet.VERSION_1) onVersion1(datagram, from, nowNanos);
                return;
            }
            default -> {
                counters.add(EndpointCounters.MALFORMED);
                return;
            }
        }
        long id = reader.transferId();
        Transfer t;
        if (reader.fromReceiver()) {
            SenderTransfer s = lastSender;
            if (s == null || s.transferId != id) {
                s = senders.get(id);
                if (s != null) lastSender = s;
            }
            t = s;
        } else {
            ReceiverTransfer r = lastReceiver;
            if (r == null || r.transferId != id) {
                r = receivers.get(id);
                if (r != null) lastReceiver = r;
            }
            t = r;
        }
        if (t == null && !commands.isEmpty()) {
            // A transfer offered or awaited just now may still sit in the command queue, which the
            // turn's poll empties after the turn's datagrams. A HELLO that overtook its offer (the
            // receiver got the ticket and answered within one turn) was dropped here, and the
            // receiver sent it again only after a whole initial PTO: about a second of nothing.
            runCommands(nowNanos);
            t = reader.fromReceiver() ? senders.get(id) : receivers.get(id);
        }
        if (t == null) {
            counters.add(EndpointCounters.UNKNOWN_TRANSFER); // no reply: do not help scanners (issue 4)
            return;
        }
        try {
            t.onPacket(reader, from, size, nowNanos);
        } catch (RuntimeException e) {
            // One datagram must not end the socket thread and every transfer on it (issue 14,
            // item 8): drop it, count it, say so (rate-limited).
            onInternalError(e, "handling a datagram for transfer " + Long.toHexString(id) + " from " + from, nowNanos);
        }
    }

    private void onInternalError(RuntimeException e, String where, long nowNanos) {
        counters.add(EndpointCounters.INTERNAL_ERROR);
        if (lastErrorLogNanos == Long.MIN_VALUE || nowNanos - lastErrorLogNanos >= ERROR_LOG_INTERVAL_NANOS) {
            lastErrorLogNanos = nowNanos;
            log.error("Transfer endpoint: failed while {} ({} such failures so far; the endpoint goes on)."
                    + " This is a bug: please report it with this log.", where, counters.internalErrors(), e);
        }
    }

    /**
     * An older client (transfer protocol 1) asks for a transfer offered here: if its HELLO proves
     * it holds the ticket, tell it in its own version to update, and fail the offer with the same
     * news for the server's user. Anything else of version 1 is only counted.
     */
    private void onVersion1(ByteBuffer datagram, InetSocketAddress from, long nowNanos) {
        if (!Version1Refusal.parseHello(datagram, v1Id, v1Nonce, v1Mac)) return;
        SenderTransfer s = senders.get(v1Id[0]);
        if (s == null || !Version1Refusal.authentic(s.token, s.transferId, v1Nonce, v1Mac)) return;
        if (refusals.size() < MAX_REFUSALS_QUEUED) {
            refusals.add(Version1Refusal.answer(s.token, s.transferId, v1Nonce));
            refusalTargets.add(from);
        }
        s.closeLocally(org.messenger.transport.packet.CloseCode.PROTOCOL_VIOLATION, Version1Refusal.REASON_FOR_SERVER,
                null, nowNanos);
    }

    @Override
    public long poll(long nowNanos, DatagramSender out) {
        egress.use(out);
        runCommands(nowNanos);
        if (!egress.retryPending(nowNanos)) return nowNanos + Egress.BLOCKED_RECHECK_NANOS;
        while (!refusals.isEmpty()) out.send(refusals.poll(), refusalTargets.poll()); // best effort, never retried
        long wake = Long.MAX_VALUE;
        boolean anyFinished = false;
        // Who goes first rotates: transfers sharing this socket's path send their due bursts one
        // after another, and a fixed order would hand the first one the free queue space at the
        // bottleneck and the later ones its drops, every turn (unfair loss, then unfair rates).
        int n = active.size();
        int first = n == 0 ? 0 : (int) (turn++ % n);
        for (int k = 0; k < n; k++) {
            Transfer t = active.get((first + k) % n);
            try {
                wake = Math.min(wake, t.poll(nowNanos, egress));
            } catch (RuntimeException e) {
                // A transfer whose turn fails would fail again every turn: end it, keep the others.
                onInternalError(e, "running transfer " + Long.toHexString(t.transferId), nowNanos);
                egress.dropPending(t);
                t.abandon(new TransferException(CloseCode.PROTOCOL_VIOLATION, false,
                        "The transfer stopped on an internal error (" + e + "); please report it", e), nowNanos);
            }
            anyFinished |= t.finished();
        }
        if (anyFinished) removeFinished();
        // A datagram held for a full socket leaves before anything else: whichever transfer's turn
        // it was (one closing, say, whose own timer is far off), the next turn comes soon.
        if (egress.blocked()) wake = Math.min(wake, nowNanos + Egress.BLOCKED_RECHECK_NANOS);
        return wake;
    }

    /** True while a datagram the socket refused waits to leave (for tests). */
    boolean holdsRefusedDatagram() {
        return egress.blocked();
    }

    private void removeFinished() {
        for (int i = active.size() - 1; i >= 0; i--) {
            Transfer t = active.get(i);
            if (!t.finished()) continue;
            active.remove(i);
            egress.dropPending(t);
            t.release();
            if (t instanceof SenderTransfer s) {
                senders.remove(s.transferId, s);
                if (lastSender == s) lastSender = null;
            } else if (t instanceof ReceiverTransfer r) {
                receivers.remove(r.transferId, r);
                if (lastReceiver == r) lastReceiver = null;
            }
        }
    }

    /** The socket stopped: every transfer still here frees its protections' native memory. */
    @Override
    public void stopped() {
        for (Transfer t : active) t.release();
    }

    /** Ends every transfer with CLOSE(shutdown); they linger briefly, then are dropped. */
    public void shutdown() {
        submit(now -> {
            for (Transfer t : active) {
                t.closeLocally(org.messenger.transport.packet.CloseCode.SHUTDOWN, "The endpoint is shutting down",
                        null, now);
            }
        });
    }
}
