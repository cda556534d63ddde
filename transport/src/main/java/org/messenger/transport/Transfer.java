package org.messenger.transport;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import org.messenger.transport.crypto.KeySchedule;
import org.messenger.transport.crypto.PacketProtection;
import org.messenger.transport.crypto.Side;
import org.messenger.transport.packet.CloseCode;
import org.messenger.transport.packet.Packet;
import org.messenger.transport.packet.PacketReader;
import org.messenger.transport.recovery.ProbeTimeout;
import org.messenger.transport.time.Saturating;

/**
 * What both ends of a transfer share: identity, listener and completion, the closing state
 * (RFC 9000 §10.2: after sending CLOSE, answer the peer's packets with CLOSE for a while, then
 * forget), idle timeout and progress ticks. Runs on the endpoint's thread only.
 */
abstract class Transfer implements Egress.PendingOwner {
    static final long PROGRESS_INTERVAL_NANOS = 100_000_000L;
    static final long MIN_LINGER_NANOS = 1_000_000_000L;

    enum Phase { HANDSHAKE, ACTIVE, CLOSING, FINISHED }

    final long transferId;
    final byte[] token;
    final TransferConfig config;
    final TransferListener listener;
    final EndpointCounters counters;
    final TransferEndpoint endpoint;
    final CompletableFuture<TransferStats> completion = new CompletableFuture<>();
    final long createdNanos;
    Phase phase = Phase.HANDSHAKE;
    long lastReceivedNanos;
    long nextProgressNanos;
    volatile TransferStats published = TransferStats.EMPTY;
    /** HMAC protection of the handshake packets, from the token (docs/transport.md §4). */
    final PacketProtection handshakeProtection;
    /** AEAD protection of everything after the handshake; null until both nonces are known. */
    PacketProtection trafficProtection;

    // Closing state.
    private long closeCode = -1;
    private String closeReason;
    boolean closeFramePending;
    long closingEndsNanos;
    private long lastCloseSentNanos = Long.MIN_VALUE;
    private boolean firstCloseSent;
    private long closingBytesReceived;
    private long closingAnswerBytes;
    /** When our CLOSE goes again unasked (see {@link #peerMayBeMute()}), or never. */
    private long closeRepeatAtNanos = Long.MAX_VALUE;
    private int closeRepeats;
    /** The pending CLOSE is such a repeat (it may wait for a blocked egress): not charged. */
    private boolean closePendingUnasked;

    Transfer(TransferEndpoint endpoint, long transferId, byte[] token, TransferConfig config,
            TransferListener listener, long nowNanos) {
        this.endpoint = endpoint;
        this.transferId = transferId;
        this.token = token;
        this.config = config;
        this.listener = listener == null ? TransferListener.NONE : listener;
        this.counters = endpoint.counters;
        this.createdNanos = nowNanos;
        this.lastReceivedNanos = nowNanos;
        this.nextProgressNanos = nowNanos + PROGRESS_INTERVAL_NANOS;
        this.handshakeProtection = KeySchedule.handshakeProtection(token, transferId, side());
    }

    /** Which end this is: it picks the keys we seal with and the ones we open with. */
    abstract Side side();

    /**
     * Checks and unprotects the packet with the keys its header names (handshake HMAC or traffic
     * AEAD). A packet that fails is counted and must be dropped without an answer (RFC 9001 §5.5
     * and RFC 9000 §21: a forger learns nothing and gets nothing).
     */
    boolean unprotect(PacketReader r, long pn) {
        PacketProtection p = r.handshake() ? handshakeProtection : trafficProtection;
        if (p == null || !r.unprotect(p, pn)) {
            counters.add(EndpointCounters.UNAUTHENTICATED);
            return false;
        }
        return true;
    }

    /** The protection of a CLOSE we send now: the handshake's until the peer has the traffic keys. */
    abstract PacketProtection closeProtection();

    /** A datagram whose envelope is valid and that names this transfer. */
    abstract void onPacket(PacketReader reader, InetSocketAddress from, int datagramBytes, long nowNanos);

    /** Does what is due; returns the next instant it needs a turn. */
    abstract long poll(long nowNanos, Egress egress);

    abstract TransferStats snapshot(long nowNanos);

    /** The peer's address, once known. */
    abstract InetSocketAddress peer();

    abstract long ptoNanos();

    boolean finished() {
        return phase == Phase.FINISHED;
    }

    /**
     * Frees the protections' native memory (OpenSSL's cipher contexts): the endpoint calls it when
     * it forgets a finished transfer, or when its socket stops. Safe to call twice.
     */
    void release() {
        handshakeProtection.close();
        if (trafficProtection != null) trafficProtection.close();
    }

    void publish(long nowNanos) {
        published = snapshot(nowNanos);
    }

    void progressTick(long nowNanos) {
        if (nowNanos >= nextProgressNanos && phase == Phase.ACTIVE) {
            nextProgressNanos = nowNanos + PROGRESS_INTERVAL_NANOS;
            publish(nowNanos);
            listener.onProgress(published);
        }
    }

    // ---- ending ----

    void complete(long nowNanos) {
        if (completion.isDone()) return;
        publish(nowNanos);
        try {
            listener.onComplete(published);
        } finally {
            completion.complete(published); // even when the listener throws
        }
    }

    /** Ends because of us (cancel, I/O error, timeout): CLOSE goes to the peer. */
    void closeLocally(int code, String reason, Throwable cause, long nowNanos) {
        if (phase == Phase.CLOSING || phase == Phase.FINISHED) return;
        closeCode = code;
        closeReason = reason;
        enterClosing(nowNanos, peer() != null && code != CloseCode.IDLE_TIMEOUT);
        fail(new TransferException(code, false, reason, cause), nowNanos);
    }

    /** The peer sent CLOSE: no answer (RFC 9000 §10.2.2 draining), just linger silently. */
    void closedByPeer(long code, String reason, long nowNanos) {
        if (phase == Phase.CLOSING || phase == Phase.FINISHED) return;
        enterClosing(nowNanos, false);
        if (code == CloseCode.DONE) {
            onPeerDone(nowNanos);
        } else {
            fail(new TransferException(CloseCode.fromWire(code), true, "The peer closed the transfer: " + CloseCode.name(code)
                    + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")"), null), nowNanos);
        }
    }

    /** The peer says the transfer is complete. */
    abstract void onPeerDone(long nowNanos);

    /** Enter the closing/draining period; {@code sendClose}: whether we emit CLOSE frames. */
    void enterClosing(long nowNanos, boolean sendClose) {
        phase = Phase.CLOSING;
        closeFramePending = sendClose;
        if (!sendClose) closeCode = -1;
        closingEndsNanos = Saturating.add(nowNanos, Math.max(Saturating.multiply(ptoNanos(), 3), MIN_LINGER_NANOS));
    }

    /** Starts closing with a CLOSE we send (also used for a clean finish by the receiver). */
    void startClosing(int code, String reason, long nowNanos) {
        closeCode = code;
        closeReason = reason;
        enterClosing(nowNanos, true);
        if (code == CloseCode.DONE) {
            // The sender only learns it is done from our ACKs or CLOSE; if those are lost it probes
            // with backed-off PTOs (at most a second or two apart) until its idle timeout. Answer
            // them for as long as it keeps trying: with 10 s, a loss burst on a path with
            // sparse packets (the only ones now are probes and answers) outlasted the stay, and
            // the sender failed a transfer the receiver had finished. A closing transfer holds
            // no file and little memory.
            closingEndsNanos = Math.max(closingEndsNanos, Saturating.add(nowNanos, config.idleTimeoutNanos()));
            if (peerMayBeMute()) {
                closeRepeatAtNanos = Saturating.add(nowNanos, ProbeTimeout.backedOffNanos(ptoNanos(), 0));
            }
        }
    }

    /**
     * Whether the peer may be unable to send anything, so that waiting for its packets to answer
     * them waits forever: a sender that has not seen our HELLO_DONE may have spent its
     * anti-amplification budget (RFC 9000 §8.1) and cannot even probe. Then our CLOSE is
     * repeated on the probe timer's schedule instead (RFC 9002 §6.2.2.1 gives the client the
     * same duty); those repeats answer nothing, so they are not charged to the 3x budget.
     */
    boolean peerMayBeMute() {
        return false;
    }

    /** Ends at once and silently (its own code failed): no CLOSE, no linger. */
    void abandon(TransferException error, long nowNanos) {
        phase = Phase.FINISHED;
        try {
            fail(error, nowNanos);
        } catch (RuntimeException listenerFailure) {
            // fail() completed the future anyway; the listener's own failure changes nothing here.
        }
    }

    void fail(TransferException error, long nowNanos) {
        if (completion.isDone()) return;
        publish(nowNanos);
        try {
            listener.onFailed(error, published);
        } finally {
            completion.completeExceptionally(error); // even when the listener throws
        }
    }

    /**
     * In the closing state a packet from the peer gets our CLOSE again (RFC 9000 §10.2.1), at
     * most one a millisecond and within 3x the bytes that arrived while closing (RFC 9000 §8.1):
     * the peer's address may be spoofed, and unbounded answers made the closing state an
     * amplifier (18,200 B in, 76,000 B out; issue 14, item 7).
     */
    void onPacketWhileClosing(int datagramBytes, long nowNanos) {
        closingBytesReceived += datagramBytes;
        if (closeCode >= 0 && nowNanos - lastCloseSentNanos >= 1_000_000L) closeFramePending = true;
    }

    long pollClosing(long nowNanos, Egress egress, boolean fromReceiver, long pn, long peerLargestAcked) {
        if (nowNanos >= closingEndsNanos) {
            phase = Phase.FINISHED;
            return Long.MAX_VALUE;
        }
        if (nowNanos >= closeRepeatAtNanos) {
            closePendingUnasked = true;
            closeFramePending = true;
            closeRepeatAtNanos = Saturating.add(nowNanos, ProbeTimeout.backedOffNanos(ptoNanos(), ++closeRepeats));
        }
        if (closeFramePending && closeCode >= 0 && peer() != null && !egress.blocked()) {
            boolean unasked = closePendingUnasked;
            closePendingUnasked = false;
            closeFramePending = false;
            var w = egress.begin(config.maxDatagramBytes(), transferId, pn, peerLargestAcked, fromReceiver,
                    closeProtection());
            if (!firstCloseSent) {
                writeClosingExtras(w);
                w.close(closeCode, closeReason);
            } else {
                // An answer: the bare code (the peer completes on CLOSE(DONE) alone), charged.
                w.close(closeCode, "");
                long size = w.position() + Packet.TAG_BYTES;
                if (!unasked) {
                    if (closingAnswerBytes + size > SenderHandshake.AMPLIFICATION_FACTOR * closingBytesReceived) {
                        // Built but not sent: the next begin() reuses the buffer.
                        return Math.min(closingEndsNanos, closeRepeatAtNanos);
                    }
                    closingAnswerBytes += size;
                }
            }
            firstCloseSent = true;
            lastCloseSentNanos = nowNanos;
            onCloseSent(egress.send(peer(), this), nowNanos);
        }
        return Math.min(closingEndsNanos, closeRepeatAtNanos);
    }

    /** Frames to put before CLOSE (the receiver's final ACK). */
    void writeClosingExtras(org.messenger.transport.packet.PacketWriter w) {}

    /** A CLOSE left (or is held); consumes a packet number. */
    abstract void onCloseSent(boolean sent, long nowNanos);

    boolean idleExpired(long nowNanos) {
        return nowNanos >= idleDeadline();
    }

    long idleDeadline() {
        return Saturating.add(lastReceivedNanos, config.idleTimeoutNanos());
    }
}
