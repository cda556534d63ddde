package org.messenger.transport;

import java.security.SecureRandom;
import java.util.Arrays;
import org.messenger.transport.packet.Packet;
import org.messenger.transport.packet.PacketWriter;

/**
 * The sender's half of the handshake (docs/transport.md §4): the HELLO that opened the transfer,
 * the nonces that key it, the HELLO_REPLY owed to it, and address validation with its anti-amplification limit (RFC 9000
 * §8.1): until the receiver echoes our nonce from its address, we send at most
 * {@link #AMPLIFICATION_FACTOR} times what arrived from there.
 */
final class SenderHandshake {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** RFC 9000 §8.1: at most three times the bytes received before the address is validated. */
    static final int AMPLIFICATION_FACTOR = 3;

    private byte[] receiverNonce;
    private final byte[] senderNonce = new byte[Packet.NONCE_BYTES];
    /**
     * HELLO_REPLY copies owed: two per HELLO, a small one alone and one with the first DATA. Until
     * a reply arrives the receiver can only repeat its HELLO on a backed-off timer, so one lost
     * reply costs a HELLO period; two copies make that p² at independent loss (issue 14, item 9).
     */
    private int replyCopiesDue;
    private boolean validated;
    private long bytesReceived;
    private long bytesSent;

    /** A valid HELLO has begun the transfer. */
    boolean begun() {
        return receiverNonce != null;
    }

    /** The first authentic HELLO: pick our nonce and owe the receiver a HELLO_REPLY. */
    void begin(byte[] helloNonce) {
        receiverNonce = helloNonce.clone();
        RANDOM.nextBytes(senderNonce);
        replyCopiesDue = 2;
    }

    byte[] senderNonce() {
        return senderNonce;
    }

    /** The HELLO carries the nonce of the one that began the transfer. */
    boolean sameHello(byte[] helloNonce) {
        return Arrays.equals(receiverNonce, helloNonce);
    }

    /** The same HELLO again: our HELLO_REPLY was lost (or the HELLO was replayed); it is owed again. */
    void onRepeatedHello() {
        replyCopiesDue = 2;
    }

    /**
     * Answers now go to another, unproven address (an authentic HELLO came from there): it gets
     * its own anti-amplification budget, counted from its own bytes only (RFC 9000 §8.1), so a
     * replayed HELLO earns an attacker's target no more than 3x the replay.
     */
    void onNewAddress() {
        bytesReceived = 0;
        bytesSent = 0;
    }

    /** HELLO_DONE echoes our nonce. */
    boolean echoesOurNonce(byte[] echoedNonce) {
        return receiverNonce != null && Arrays.equals(echoedNonce, senderNonce);
    }

    /**
     * HELLO_DONE, sealed with the traffic keys: the receiver proved it gets our packets at the
     * address it came from. Returns true when this validates the address (the first time).
     */
    boolean onHelloDone(byte[] echoedNonce) {
        if (validated || !echoesOurNonce(echoedNonce)) return false;
        validated = true;
        return true;
    }

    boolean validated() {
        return validated;
    }

    boolean replyPending() {
        return replyCopiesDue > 0;
    }

    /** The next packet is the first, small copy of the reply: it carries nothing else. */
    boolean replyAlone() {
        return replyCopiesDue > 1;
    }

    void writeReply(PacketWriter w, int maxDatagram) {
        w.helloReply(receiverNonce, senderNonce, maxDatagram);
        replyCopiesDue--;
    }

    void onReceived(int datagramBytes) {
        bytesReceived += datagramBytes;
    }

    void onSent(int datagramBytes) {
        bytesSent += datagramBytes;
    }

    /** Largest datagram the limit allows now: {@code maxDatagram} once validated, 0 when blocked. */
    int sizeLimit(int maxDatagram) {
        if (validated) return maxDatagram;
        long budget = AMPLIFICATION_FACTOR * bytesReceived - bytesSent;
        return budget < Packet.MIN_HELLO_DATAGRAM / 2 ? 0 : (int) Math.min(maxDatagram, budget);
    }

    /** The limit leaves too little to send anything useful until the receiver sends more. */
    boolean amplificationBlocked() {
        return sizeLimit(Integer.MAX_VALUE) == 0;
    }

    @Override
    public String toString() {
        return "validated=" + validated + " ampl=" + bytesSent + "/" + bytesReceived;
    }
}
