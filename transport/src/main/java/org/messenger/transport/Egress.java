package org.messenger.transport;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.messenger.transport.crypto.PacketProtection;
import org.messenger.transport.io.DatagramSender;
import org.messenger.transport.packet.Packet;
import org.messenger.transport.packet.PacketWriter;

/**
 * The endpoint's single outgoing datagram buffer and writer, shared by its transfers one packet at
 * a time. When the sender refuses a datagram (socket buffer full), the datagram stays here, and
 * nothing else is built until it has left: its owner commits it then.
 */
final class Egress {
    /**
     * When the way out refuses a datagram, the latest instant to try again. A driver on a real
     * socket calls sooner, as soon as the socket can take more (it waits for writability, issue 14
     * item 10, instead of the old 50 µs re-polls); this bounds the wait for one that cannot tell.
     */
    static final long BLOCKED_RECHECK_NANOS = 1_000_000L;

    interface PendingOwner {
        void commitPending(long nowNanos);
    }

    final ByteBuffer buffer;
    final PacketWriter writer = new PacketWriter();
    private DatagramSender out;
    private PendingOwner pendingOwner;
    private InetSocketAddress pendingTo;
    private int pendingPosition;
    private int pendingLimit;
    private PacketProtection protection;
    long datagramsSent;
    long bytesSent;
    /** Packets the protection refused to seal (a packet number used before); they never left. */
    long sealsRefused;

    Egress() {
        buffer = Buffers.alignedDirect(Packet.MAX_DATAGRAM_LIMIT + 1024);
    }

    void use(DatagramSender out) {
        this.out = out;
    }

    boolean blocked() {
        return pendingOwner != null;
    }

    /** Starts a packet that {@code protection} will seal in place when it is sent. */
    PacketWriter begin(int maxDatagram, long transferId, long pn, long peerLargestAcked, boolean fromReceiver,
            PacketProtection protection) {
        if (pendingOwner != null) throw new IllegalStateException("a datagram is still waiting to leave");
        buffer.clear();
        this.protection = protection;
        writer.begin(buffer, maxDatagram, transferId, pn, peerLargestAcked, fromReceiver, protection.isHandshake());
        return writer;
    }

    /**
     * Seals the packet in place and hands it to the sender. Returns true if it left; false if it
     * is held, in which case {@code owner.commitPending} runs once it leaves (held datagrams are
     * already sealed and leave as they are). A packet the protection refuses to seal (its number
     * was sealed before, which would repeat an AEAD nonce) is counted and treated as sent and lost.
     */
    boolean send(InetSocketAddress to, PendingOwner owner) {
        int size = writer.finish(protection);
        if (size < 0) {
            sealsRefused++;
            return true;
        }
        if (out.send(buffer, to)) {
            datagramsSent++;
            bytesSent += size;
            return true;
        }
        pendingOwner = owner;
        pendingTo = to;
        pendingPosition = 0;
        pendingLimit = size;
        return false;
    }

    /** Retries a held datagram; true if nothing is held any more. */
    boolean retryPending(long nowNanos) {
        if (pendingOwner == null) return true;
        buffer.limit(pendingLimit).position(pendingPosition);
        if (!out.send(buffer, pendingTo)) return false;
        datagramsSent++;
        bytesSent += pendingLimit - pendingPosition;
        PendingOwner owner = pendingOwner;
        pendingOwner = null;
        pendingTo = null;
        owner.commitPending(nowNanos);
        return true;
    }

    /** Forgets a held datagram whose owner went away. */
    void dropPending(PendingOwner owner) {
        if (pendingOwner == owner) {
            pendingOwner = null;
            pendingTo = null;
        }
    }
}
