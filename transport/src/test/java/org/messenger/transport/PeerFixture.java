package org.messenger.transport;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.function.Consumer;
import org.messenger.transport.crypto.KeySchedule;
import org.messenger.transport.crypto.PacketProtection;
import org.messenger.transport.crypto.Side;
import org.messenger.transport.packet.Packet;
import org.messenger.transport.packet.PacketNumbers;
import org.messenger.transport.packet.PacketReader;
import org.messenger.transport.packet.PacketWriter;

/**
 * One end of a transfer played by hand, with real keys from a ticket: builds protected packets
 * (any frames, any packet number) and reads the other end's. Tests use it to act as an honest peer
 * that holds the ticket, or, with another ticket, as a forger that knows only the transfer id.
 * Fuzz tests can seal fuzzed frames with it so that they reach the frame parser.
 */
public final class PeerFixture {
    private static final SecureRandom RANDOM = new SecureRandom();
    public final TransferTicket ticket;
    public final Side side;
    private final byte[] token;
    private final byte[] receiverNonce = new byte[Packet.NONCE_BYTES];
    private final byte[] senderNonce = new byte[Packet.NONCE_BYTES];
    private final PacketProtection handshake;
    private PacketProtection traffic;
    private final PacketWriter writer = new PacketWriter();
    private final PacketReader reader = new PacketReader();

    private PeerFixture(TransferTicket ticket, Side side) {
        this.ticket = ticket;
        this.side = side;
        this.token = ticket.token();
        this.handshake = KeySchedule.handshakeProtection(token, ticket.transferId(), side);
    }

    /** Plays the file receiver for {@code ticket}. */
    public static PeerFixture receiver(TransferTicket ticket) {
        PeerFixture f = new PeerFixture(ticket, Side.RECEIVER);
        RANDOM.nextBytes(f.receiverNonce);
        return f;
    }

    /**
     * An attacker who knows the transfer id (it is in clear in every datagram) but not the token:
     * it seals packets as well as it can, with keys of its own, pretending to be {@code side}.
     */
    public static PeerFixture forger(long transferId, Side side) {
        byte[] token = new byte[TransferTicket.TOKEN_BYTES];
        RANDOM.nextBytes(token);
        PeerFixture f = new PeerFixture(new TransferTicket(transferId, token), side);
        RANDOM.nextBytes(f.receiverNonce);
        RANDOM.nextBytes(f.senderNonce);
        f.traffic = KeySchedule.trafficProtection(token, transferId, f.receiverNonce, f.senderNonce, side);
        return f;
    }

    /** Plays the file sender for {@code ticket}; {@link #learnHello} gives it the receiver's nonce. */
    public static PeerFixture sender(TransferTicket ticket) {
        PeerFixture f = new PeerFixture(ticket, Side.SENDER);
        RANDOM.nextBytes(f.senderNonce);
        return f;
    }

    public byte[] receiverNonce() {
        return receiverNonce.clone();
    }

    public boolean hasTrafficKeys() {
        return traffic != null;
    }

    /** A HELLO asking for {@code wanted}, padded to 1200 bytes, as the receiver sends it. */
    public ByteBuffer hello(long pn, ByteRanges wanted) {
        return packet(pn, true, w -> {
            w.hello(receiverNonce, 25_000, Packet.DEFAULT_MAX_DATAGRAM, 16L << 20, wanted);
            w.padTo(Packet.MIN_HELLO_DATAGRAM);
        });
    }

    /**
     * Builds and seals one packet; {@code handshakePacket} picks the handshake HMAC instead of the
     * traffic AEAD (which needs {@link #learnReply} or {@link #learnHello} first).
     */
    public ByteBuffer packet(long pn, boolean handshakePacket, Consumer<PacketWriter> frames) {
        ByteBuffer b = ByteBuffer.allocate(Packet.MAX_DATAGRAM_LIMIT);
        writer.begin(b, Packet.MAX_DATAGRAM_LIMIT, ticket.transferId(), pn, -1, side == Side.RECEIVER, handshakePacket);
        frames.accept(writer);
        PacketProtection p = handshakePacket ? handshake : traffic;
        if (p == null) throw new IllegalStateException("no traffic keys yet: learn the peer's nonce first");
        int size = writer.finish(p);
        if (size < 0) throw new IllegalStateException("packet number " + pn + " was sealed before");
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(b).flip();
        return out;
    }

    /** Reads the sender's handshake packet; if it holds our HELLO's HELLO_REPLY, derives the traffic keys. */
    public boolean learnReply(ByteBuffer datagram) {
        return observe(datagram) && traffic != null;
    }

    /** Reads the receiver's HELLO (as the sender) and derives the traffic keys with our nonce. */
    public boolean learnHello(ByteBuffer datagram) {
        return observe(datagram) && traffic != null;
    }

    /**
     * The end {@code side} of a transfer whose real handshake ({@code hello}, then the sender's
     * {@code reply}) was seen: it seals with the very keys that end uses.
     */
    public static PeerFixture from(TransferTicket ticket, Side side, ByteBuffer hello, ByteBuffer reply) {
        PeerFixture f = new PeerFixture(ticket, side);
        if (!f.observe(hello) || !f.observe(reply) || f.traffic == null) {
            throw new IllegalArgumentException("not a HELLO and its HELLO_REPLY under this ticket");
        }
        return f;
    }

    /**
     * Reads any handshake packet of this ticket (either direction) and keeps the nonce it carries:
     * a HELLO's, or a HELLO_REPLY's pair. With both nonces known the traffic keys are derived.
     */
    public boolean observe(ByteBuffer datagram) {
        ByteBuffer d = copy(datagram);
        if (reader.open(d) != PacketReader.OK || !reader.handshake()) return false;
        Side author = reader.fromReceiver() ? Side.RECEIVER : Side.SENDER;
        PacketProtection opener = KeySchedule.handshakeProtection(token, ticket.transferId(), author.peer());
        if (!reader.unprotect(opener, PacketNumbers.decode(-1, reader.truncatedPn(), 8 * reader.pnLength()))) {
            return false;
        }
        boolean learnt = false;
        for (int t = reader.nextFrame(); t != PacketReader.END && t != PacketReader.MALFORMED; t = reader.nextFrame()) {
            if (t == Packet.HELLO) {
                System.arraycopy(reader.nonce(), 0, receiverNonce, 0, Packet.NONCE_BYTES);
                learnt = true;
            } else if (t == Packet.HELLO_REPLY) {
                System.arraycopy(reader.nonce(), 0, receiverNonce, 0, Packet.NONCE_BYTES);
                System.arraycopy(reader.senderNonce(), 0, senderNonce, 0, Packet.NONCE_BYTES);
                learnt = true;
            }
        }
        if (learnt && (side == Side.SENDER || !java.util.Arrays.equals(senderNonce, new byte[Packet.NONCE_BYTES]))) {
            traffic = KeySchedule.trafficProtection(token, ticket.transferId(), receiverNonce, senderNonce, side);
        }
        return learnt;
    }

    /** A HELLO_REPLY to the HELLO learnt, as the sender sends it. */
    public ByteBuffer helloReply(long pn) {
        return packet(pn, true, w -> w.helloReply(receiverNonce, senderNonce, Packet.DEFAULT_MAX_DATAGRAM));
    }

    /** The sender's nonce as the receiver echoes it in HELLO_DONE. */
    public byte[] senderNonce() {
        return senderNonce.clone();
    }

    /** Sees both directions of a transfer whose nonces are known: {@link #read} opens any of its packets. */
    public static PeerFixture wiretap(TransferTicket ticket, byte[] receiverNonce, byte[] senderNonce) {
        PeerFixture f = new PeerFixture(ticket, Side.RECEIVER);
        System.arraycopy(receiverNonce, 0, f.receiverNonce, 0, Packet.NONCE_BYTES);
        System.arraycopy(senderNonce, 0, f.senderNonce, 0, Packet.NONCE_BYTES);
        f.traffic = KeySchedule.trafficProtection(f.token, ticket.transferId(), receiverNonce, senderNonce, Side.RECEIVER);
        return f;
    }

    private final long[] largestSeen = {-1, -1};
    private final PacketProtection[] openers = new PacketProtection[4];

    /**
     * Opens a copy of any packet of this transfer, from either end (the datagram is left as it
     * is), and returns a reader positioned on its frames, or null if it does not open.
     */
    public PacketReader read(ByteBuffer datagram) {
        ByteBuffer d = copy(datagram);
        if (reader.open(d) != PacketReader.OK) return null;
        int dir = reader.fromReceiver() ? 0 : 1;
        Side reader_ = reader.fromReceiver() ? Side.SENDER : Side.RECEIVER; // the end that reads it
        int slot = dir * 2 + (reader.handshake() ? 1 : 0);
        if (openers[slot] == null) {
            openers[slot] = reader.handshake() ? KeySchedule.handshakeProtection(token, ticket.transferId(), reader_)
                    : KeySchedule.trafficProtection(token, ticket.transferId(), receiverNonce, senderNonce, reader_);
        }
        long pn = PacketNumbers.decode(largestSeen[dir], reader.truncatedPn(), 8 * reader.pnLength());
        if (!reader.unprotect(openers[slot], pn)) return null;
        largestSeen[dir] = Math.max(largestSeen[dir], pn);
        return reader;
    }

    private static ByteBuffer copy(ByteBuffer datagram) {
        ByteBuffer d = ByteBuffer.allocate(datagram.remaining());
        d.put(datagram.duplicate()).flip();
        return d;
    }
}
