package org.messenger.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import org.messenger.transport.ack.AckFrame;
import org.messenger.transport.ack.AckRanges;
import org.messenger.transport.crypto.KeySchedule;
import org.messenger.transport.crypto.PacketProtection;
import org.messenger.transport.crypto.Side;
import org.messenger.transport.flow.FlowController;
import org.messenger.transport.packet.CloseCode;
import org.messenger.transport.packet.Packet;
import org.messenger.transport.packet.PacketNumbers;
import org.messenger.transport.packet.PacketReader;
import org.messenger.transport.packet.PacketWriter;
import org.messenger.transport.recovery.ProbeTimeout;
import org.messenger.transport.recovery.RttEstimator;
import org.messenger.transport.time.Saturating;

/**
 * The file receiver's side of one transfer: opens it with an authenticated HELLO, checks the
 * sender's proof, echoes its nonce (address validation), then writes each DATA byte once at its
 * place in the target file, acknowledges (every 2nd ack-eliciting packet, on reordering, or after
 * max_ack_delay, RFC 9000 §13.2) and grants credit. Its own control packets (HELLO_DONE, pause,
 * resume, keep-alive) are repeated until acknowledged.
 */
final class ReceiverTransfer extends Transfer implements ReceiveHandle {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** RFC 9000 §13.2.2: acknowledge at least every second ack-eliciting packet. */
    static final int ACK_ELICITING_THRESHOLD = 2;
    /**
     * Most received ranges kept (one per hole, plus one). Each range costs a shift on insertion, so
     * a sender scattering one-byte frames made tracking quadratic (issue 14, item 6). At the cap,
     * a packet whose DATA would open a new range is dropped unacknowledged: the sender declares
     * it lost and sends it again, by then usually next to data already here. Loss alone stays
     * far below: 5 % of a 16 MiB window of 1452-byte packets is about 580 holes.
     */
    static final int MAX_RECEIVED_RANGES = 4096;
    static final long INITIAL_HELLO_TIMEOUT_NANOS = 3 * RttEstimator.INITIAL_RTT_NANOS;
    /**
     * The HELLO's backoff stops here, as the PTO's does (ProbeTimeout: max(1 s, 2 x the unbacked
     * period)). Until a HELLO_REPLY arrives, the repeated HELLO is the only thing that lets the
     * sender answer again (its 3x budget is spent on the reply it already sent), so a lost reply
     * costs one whole HELLO period. With the old 8 s ceiling, four replies lost in a row (one loss
     * burst, at 5 % bursty loss about 1 % of transfers) cost 15 s of silence and six cost the
     * idle timeout: the transfer failed with "No packet from the sender for 30 s" (issue 14,
     * item 9). A 2 s ceiling gives about 15 tries within the idle timeout; a HELLO is 1,200 bytes.
     */
    static final long MAX_HELLO_TIMEOUT_NANOS = 2 * INITIAL_HELLO_TIMEOUT_NANOS;

    private final FileChannel target;
    private final ByteRanges wanted;
    private final ByteRanges received = new ByteRanges();
    private final InetSocketAddress sender;
    private final FlowController flow;

    // Handshake.
    private final byte[] receiverNonce = new byte[Packet.NONCE_BYTES];
    private final byte[] senderNonce = new byte[Packet.NONCE_BYTES];
    private long helloRetryNanos;
    private long helloTimeoutNanos = INITIAL_HELLO_TIMEOUT_NANOS;
    private boolean helloDoneAcked;
    private long firstHelloDonePn = -1;

    // Acknowledging the sender's packets.
    private final AckRanges senderPackets = new AckRanges(32);
    private long largestSenderPn = -1;
    private long largestSenderPnTimeNanos;
    private int unackedAckEliciting;
    private long ackDeadlineNanos = Long.MAX_VALUE;
    private boolean ackNow;

    // Our own packets.
    private long nextPn;
    private long largestAckedByPeer = -1;
    private final RttEstimator rtt = new RttEstimator();
    private long controlPn = -1;
    private long controlSentNanos;
    private int controlBackoff;
    private boolean controlDirty = true;
    private long lastSentNanos;

    // Stats.
    private long packetsSent;
    private long packetsReceived;

    ReceiverTransfer(TransferEndpoint endpoint, FileChannel target, ByteRanges wanted, InetSocketAddress sender,
            TransferTicket ticket, TransferConfig config, TransferListener listener, long nowNanos) {
        super(endpoint, ticket.transferId(), ticket.tokenUnsafe(), config, listener, nowNanos);
        this.target = target;
        ByteRanges w = wanted.copy();
        w.coalesceTo(Packet.MAX_HELLO_RANGES); // the HELLO must fit one datagram
        this.wanted = w;
        this.sender = sender;
        this.flow = new FlowController(config.receiveWindowBytes());
        flow.update(received, this.wanted);
        RANDOM.nextBytes(receiverNonce); // fresh per attempt: the traffic keys are new even for a reused ticket
        this.helloRetryNanos = nowNanos;
    }

    @Override
    Side side() {
        return Side.RECEIVER;
    }

    /** Once a HELLO_REPLY arrived both ends hold the traffic keys; before, only the handshake keys. */
    @Override
    PacketProtection closeProtection() {
        return trafficProtection != null ? trafficProtection : handshakeProtection;
    }

    @Override
    InetSocketAddress peer() {
        return sender;
    }

    @Override
    long ptoNanos() {
        return rtt.ptoNanos(0);
    }

    // ---------------------------------------------------------------- receiving

    @Override
    void onPacket(PacketReader r, InetSocketAddress from, int datagramBytes, long nowNanos) {
        if (!from.equals(sender)) {
            counters.add(EndpointCounters.WRONG_PEER);
            return;
        }
        if (r.fromReceiver()) {
            counters.add(EndpointCounters.UNEXPECTED); // our own kind of packet reflected back
            return;
        }
        long pn = PacketNumbers.decode(largestSenderPn, r.truncatedPn(), r.pnLength() * 8);
        if (senderPackets.contains(pn)) {
            counters.add(EndpointCounters.DUPLICATE);
            return;
        }
        // The tag first: nothing of a packet that is not authentic is looked at (RFC 9001 §5.5).
        if (!unprotect(r, pn)) return;
        // Pass 1: validate all frames before acting.
        ByteBuffer buf = r.buffer();
        int framesStart = buf.position();
        boolean hasReply = false;
        boolean hasClose = false;
        boolean ackEliciting = false;
        for (int type = r.nextFrame(); type != PacketReader.END; type = r.nextFrame()) {
            if (type == PacketReader.MALFORMED) {
                counters.add(EndpointCounters.MALFORMED);
                return;
            }
            if (!allowed(type, r.handshake())) {
                counters.add(EndpointCounters.UNEXPECTED);
                return;
            }
            if (type == Packet.DATA && received.rangeCount() >= MAX_RECEIVED_RANGES && r.dataLength() > 0
                    && !received.touches(r.dataOffset(), r.dataOffset() + r.dataLength())) {
                counters.add(EndpointCounters.RANGE_LIMIT);
                return;
            }
            if (type == Packet.HELLO_REPLY) {
                if (!java.util.Arrays.equals(r.nonce(), receiverNonce)) {
                    counters.add(EndpointCounters.BAD_TOKEN); // an answer to some other HELLO
                    return;
                }
                hasReply = true;
            }
            hasClose |= type == Packet.CLOSE;
            ackEliciting |= PacketReader.isAckEliciting(type);
        }
        if (phase == Phase.HANDSHAKE && !hasReply && !hasClose) {
            counters.add(EndpointCounters.UNEXPECTED); // nothing but the answer to our HELLO (or a refusal) yet
            return;
        }
        if (phase == Phase.CLOSING) {
            senderPackets.add(pn);
            if (pn > largestSenderPn) largestSenderPn = pn;
            onPacketWhileClosing(datagramBytes, nowNanos);
            return;
        }
        if (phase == Phase.FINISHED) return;
        buf.position(framesStart);
        // Pass 2: apply.
        for (int type = r.nextFrame(); type != PacketReader.END; type = r.nextFrame()) {
            switch (type) {
                case Packet.HELLO_REPLY -> {
                    if (phase == Phase.HANDSHAKE) {
                        System.arraycopy(r.senderNonce(), 0, senderNonce, 0, Packet.NONCE_BYTES);
                        trafficProtection = KeySchedule.trafficProtection(token, transferId, receiverNonce,
                                senderNonce, Side.RECEIVER, config.aeadLibrary());
                        phase = Phase.ACTIVE;
                        controlDirty = true;
                        listener.onStarted(snapshot(nowNanos));
                    }
                }
                case Packet.DATA -> {
                    if (!onData(r, nowNanos)) return;
                }
                case Packet.ACK -> onAck(r.ack(), nowNanos);
                case Packet.CLOSE -> {
                    lastReceivedNanos = nowNanos;
                    closedByPeer(r.closeCode(), r.closeReason(), nowNanos);
                    return;
                }
                case Packet.PING, Packet.PADDING -> { }
                default -> counters.add(EndpointCounters.UNEXPECTED); // HELLO, HELLO_DONE, FLOW: not for a receiver
            }
        }
        // Record for acknowledgement (RFC 9000 §13.2.1).
        senderPackets.add(pn);
        boolean inOrder = pn == largestSenderPn + 1;
        if (pn > largestSenderPn) {
            largestSenderPn = pn;
            largestSenderPnTimeNanos = nowNanos;
        }
        packetsReceived++;
        lastReceivedNanos = nowNanos;
        if (ackEliciting) {
            unackedAckEliciting++;
            if (!inOrder) ackNow = true; // reordering or loss: tell the sender at once
            if (ackDeadlineNanos == Long.MAX_VALUE) ackDeadlineNanos = Saturating.add(nowNanos, config.maxAckDelayNanos());
        }
        if (phase == Phase.ACTIVE && received.containsAll(wanted)) {
            // Every wanted byte is here: final ACK and CLOSE(done), then linger to repeat them.
            startClosing(CloseCode.DONE, "complete", nowNanos);
            complete(nowNanos);
        }
    }

    /**
     * Which frames a sender's packet may carry: its handshake packets hold the HELLO_REPLY (with
     * the ACK of our HELLO) or a CLOSE sent before we proved we have the traffic keys; file bytes,
     * credit and everything else come only sealed by the AEAD.
     */
    private static boolean allowed(int type, boolean handshakePacket) {
        return switch (type) {
            case Packet.HELLO_REPLY -> handshakePacket;
            case Packet.PADDING, Packet.PING, Packet.CLOSE, Packet.ACK -> true;
            default -> !handshakePacket;
        };
    }

    private boolean onData(PacketReader r, long nowNanos) {
        long off = r.dataOffset();
        int len = r.dataLength();
        long end = off + len;
        if (!wanted.containsAll(off, end) || end > flow.maxOffset()) {
            counters.add(EndpointCounters.OUT_OF_RANGE_DATA);
            return true;
        }
        if (received.containsAll(off, end)) return true; // a spurious retransmission
        ByteBuffer buf = r.buffer();
        int savedLimit = buf.limit();
        int savedPosition = buf.position();
        int base = r.dataPosition();
        try {
            long pos = off;
            while (pos < end) {
                if (received.contains(pos)) {
                    pos = received.firstGapAtOrAfter(pos);
                    continue;
                }
                long stop = Math.min(end, received.nextStartAfter(pos));
                // Each byte is written once, at its place (positional write, no seek, no copy).
                buf.limit(base + (int) (stop - off));
                buf.position(base + (int) (pos - off));
                long at = pos;
                while (buf.hasRemaining()) at += target.write(buf, at);
                synchronized (received) {
                    received.add(pos, stop);
                }
                pos = stop;
            }
        } catch (IOException e) {
            closeLocally(CloseCode.IO_ERROR, "Cannot write the target file: " + e.getMessage(), e, nowNanos);
            return false;
        } finally {
            buf.limit(savedLimit);
            buf.position(savedPosition);
        }
        long before = flow.maxOffset();
        if (flow.update(received, wanted) - before >= flow.windowBytes() / 2) ackNow = true; // big credit step
        return true;
    }

    private void onAck(AckFrame ack, long nowNanos) {
        if (ack.largest() >= nextPn) {
            counters.add(EndpointCounters.INVALID_ACK);
            return;
        }
        if (ack.largest() > largestAckedByPeer) largestAckedByPeer = ack.largest();
        if (!helloDoneAcked && firstHelloDonePn >= 0 && ack.largest() >= firstHelloDonePn) {
            // Any of our packets from the first HELLO_DONE on carried it.
            for (int i = 0; i < ack.rangeCount(); i++) {
                if (ack.high(i) >= firstHelloDonePn) helloDoneAcked = true;
            }
        }
        if (controlPn >= 0 && ack.contains(controlPn)) {
            if (ack.largest() == controlPn) rtt.onSample(nowNanos - controlSentNanos, 0, nowNanos);
            controlPn = -1;
            controlBackoff = 0;
        }
        // Their ACK of our ACKs: no need to repeat ranges below what they have seen (RFC 9000 §13.2.4).
    }

    @Override
    void onPeerDone(long nowNanos) {
        if (received.containsAll(wanted)) {
            complete(nowNanos);
        } else {
            fail(new TransferException(CloseCode.PROTOCOL_VIOLATION, true,
                    "The sender said it was done but " + received.missingFrom(wanted).totalBytes()
                            + " bytes are missing", null), nowNanos);
        }
    }

    // ---------------------------------------------------------------- sending

    @Override
    long poll(long nowNanos, Egress egress) {
        if (phase == Phase.FINISHED) return Long.MAX_VALUE;
        if (phase == Phase.CLOSING) return pollClosing(nowNanos, egress, true, nextPn, largestAckedByPeer);
        if (idleExpired(nowNanos)) {
            closeLocally(CloseCode.IDLE_TIMEOUT, phase == Phase.HANDSHAKE
                    ? "No answer from the sender " + sender + " for " + config.idleTimeoutNanos() / 1_000_000_000L
                            + " s. Is the server running and its UDP port reachable? A server with an older"
                            + " Messenger (transfer protocol 1) ignores this client, which speaks transfer protocol 2:"
                            + " update the server."
                    : "No packet from the sender " + sender + " for " + config.idleTimeoutNanos() / 1_000_000_000L
                            + " s", null, nowNanos);
            return pollClosing(nowNanos, egress, true, nextPn, largestAckedByPeer);
        }
        if (egress.blocked()) return nowNanos + Egress.BLOCKED_RECHECK_NANOS;
        if (phase == Phase.HANDSHAKE) {
            if (nowNanos >= helloRetryNanos) sendHello(nowNanos, egress);
            return Math.min(helloRetryNanos, idleDeadline());
        }
        progressTick(nowNanos);
        long keepAliveAt = Saturating.add(lastSentNanos, config.idleTimeoutNanos() / 3);
        long controlRetryAt = controlRetryAt();
        boolean ackDue = unackedAckEliciting >= ACK_ELICITING_THRESHOLD || (unackedAckEliciting > 0
                && (ackNow || nowNanos >= ackDeadlineNanos));
        boolean controlDue = controlDirty || nowNanos >= controlRetryAt || nowNanos >= keepAliveAt;
        if (ackDue || controlDue) {
            if (nowNanos >= controlRetryAt) controlBackoff = Math.min(controlBackoff + 1, 6);
            sendControl(nowNanos, egress, controlDue);
            if (phase != Phase.ACTIVE) return nowNanos;
        }
        long wake = Math.min(ackDeadlineNanos, idleDeadline());
        wake = Math.min(wake, nextProgressNanos);
        wake = Math.min(wake, keepAliveAt);
        wake = Math.min(wake, controlRetryAt());
        return wake;
    }

    /** When our unacknowledged control packet goes again (backed off), or never. */
    private long controlRetryAt() {
        if (controlPn < 0) return Long.MAX_VALUE;
        // Capped like the sender's PTO: with 6 plain doublings of a 1 s PTO the HELLO_DONE went
        // again only 64 s later, past the idle timeout, while a sender whose budget was spent
        // waited for it; a loss burst on the way back then failed the transfer at 30 s.
        return Saturating.add(controlSentNanos, ProbeTimeout.backedOffNanos(rtt.ptoNanos(0), controlBackoff));
    }

    private void sendHello(long nowNanos, Egress egress) {
        PacketWriter w = egress.begin(config.maxDatagramBytes(), transferId, nextPn, largestAckedByPeer, true,
                handshakeProtection);
        w.hello(receiverNonce, config.maxAckDelayNanos() / 1000, config.maxDatagramBytes(),
                flow.maxOffset(), wanted);
        w.padTo(Packet.MIN_HELLO_DATAGRAM); // lets the sender answer with up to 3x this (RFC 9000 §8.1)
        helloRetryNanos = Saturating.add(nowNanos, helloTimeoutNanos);
        helloTimeoutNanos = Math.min(helloTimeoutNanos * 2, MAX_HELLO_TIMEOUT_NANOS);
        if (egress.send(sender, this)) commitPending(nowNanos);
    }

    private void sendControl(long nowNanos, Egress egress, boolean elicit) {
        PacketWriter w = egress.begin(config.maxDatagramBytes(), transferId, nextPn, largestAckedByPeer, true,
                trafficProtection);
        long delayMicros = Math.max(0, (nowNanos - largestSenderPnTimeNanos) / 1000);
        w.ack(senderPackets, delayMicros);
        w.flow(flow.maxOffset(), flow.paused());
        if (!helloDoneAcked) {
            w.helloDone(senderNonce);
            if (firstHelloDonePn < 0) firstHelloDonePn = nextPn;
        }
        if (elicit) {
            w.ping();
            controlPn = nextPn;
            controlSentNanos = nowNanos;
            controlDirty = false;
        }
        unackedAckEliciting = 0;
        ackNow = false;
        ackDeadlineNanos = Long.MAX_VALUE;
        if (egress.send(sender, this)) commitPending(nowNanos);
    }

    @Override
    boolean peerMayBeMute() {
        return !helloDoneAcked;
    }

    @Override
    void writeClosingExtras(PacketWriter w) {
        w.ack(senderPackets, 0);
    }

    @Override
    public void commitPending(long nowNanos) {
        nextPn++;
        packetsSent++;
        lastSentNanos = nowNanos;
    }

    @Override
    void onCloseSent(boolean left, long nowNanos) {
        // The number is used up whether the CLOSE left or not: it was sealed, and sealing another
        // packet under the same number would repeat the AEAD nonce.
        commitPending(nowNanos);
        if (!left) endpoint.egress.dropPending(this);
    }

    // ---------------------------------------------------------------- handle

    @Override
    TransferStats snapshot(long nowNanos) {
        long have;
        synchronized (received) {
            have = received.totalBytes();
        }
        return new TransferStats(wanted.totalBytes(), have, 0, 0, packetsSent, packetsReceived, 0,
                rtt.smoothedRttNanos(), rtt.minRttNanos(), 0, 0, nowNanos - createdNanos);
    }

    @Override
    public long transferId() {
        return transferId;
    }

    @Override
    public TransferStats stats() {
        return published;
    }

    @Override
    public CompletableFuture<TransferStats> completion() {
        return completion;
    }

    @Override
    public void cancel() {
        endpoint.submit(now -> closeLocally(CloseCode.CANCELLED, "The receiver cancelled the transfer", null, now));
    }

    @Override
    public void pause() {
        endpoint.submit(now -> setPaused(true));
    }

    @Override
    public void resume() {
        endpoint.submit(now -> setPaused(false));
    }

    private void setPaused(boolean paused) {
        if (flow.paused() == paused || phase == Phase.CLOSING || phase == Phase.FINISHED) return;
        flow.setPaused(paused);
        controlDirty = true; // goes out at once, repeated until acknowledged
        listener.onPaused(paused);
    }

    @Override
    public ByteRanges receivedRanges() {
        synchronized (received) {
            return received.copy();
        }
    }

    /** For tests (reading the wire): this handshake's nonces. */
    byte[] receiverNonce() {
        return receiverNonce.clone();
    }

    byte[] senderNonce() {
        return senderNonce.clone();
    }

    /** For tests: the cost so far of tracking received ranges ({@link ByteRanges#operations()}). */
    long receivedRangeOperations() {
        return received.operations();
    }

    int receivedRangeCount() {
        return received.rangeCount();
    }

    /** For tests and the endpoint: the wanted set after coalescing. */
    ByteRanges wanted() {
        return wanted;
    }
}
