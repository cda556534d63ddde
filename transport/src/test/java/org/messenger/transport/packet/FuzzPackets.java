package org.messenger.transport.packet;

import java.nio.ByteBuffer;
import org.messenger.transport.crypto.KeySchedule;
import org.messenger.transport.crypto.PacketProtection;
import org.messenger.transport.crypto.Side;

/**
 * Wraps fuzzed plaintext frames into a datagram that opens, so that a fuzz target reaches the
 * frame parsers and the state machines instead of stopping at the integrity check. Since transfer
 * protocol version 2 (docs/transport.md §4) that means sealing: the header is written in clear, the
 * frames follow, and {@code protection} seals them (a handshake HMAC for HELLO-phase packets, the
 * direction's AEAD after the handshake), with the header as associated data. The caller holds the
 * transfer's real keys ({@link org.messenger.transport.crypto.KeySchedule}), as an end that knows
 * the ticket does. Test code only.
 */
public final class FuzzPackets {
    private FuzzPackets() {}

    /** Largest frames part a fuzz input may supply: a datagram of the largest size minus header and tag. */
    public static final int MAX_FRAMES_BYTES = Packet.MAX_DATAGRAM_LIMIT - Packet.MAX_HEADER_BYTES - Packet.TAG_BYTES;

    /** The transfer of PacketReaderFuzzTest: token, id and both nonces fixed, so its seeds open in every run. */
    public static final long FIXED_TRANSFER_ID = 0x1122334455667788L;
    private static final byte[] FIXED_TOKEN = filled(32, 0x40);
    private static final byte[] FIXED_RECEIVER_NONCE = filled(Packet.NONCE_BYTES, 0x10);
    private static final byte[] FIXED_SENDER_NONCE = filled(Packet.NONCE_BYTES, 0x20);

    /**
     * The keys {@code self} uses in {@link #FIXED_TRANSFER_ID}: they seal as {@code self} and open
     * what its peer sealed. A new instance each time (an AEAD seals each packet number once).
     */
    public static PacketProtection fixedTransferKeys(Side self, boolean handshake) {
        return handshake ? KeySchedule.handshakeProtection(FIXED_TOKEN, FIXED_TRANSFER_ID, self)
                : KeySchedule.trafficProtection(FIXED_TOKEN, FIXED_TRANSFER_ID, FIXED_RECEIVER_NONCE, FIXED_SENDER_NONCE, self);
    }

    private static byte[] filled(int length, int first) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = (byte) (first + i);
        return b;
    }

    /**
     * A new buffer holding one sealed datagram: header (version, flags with the handshake bit of
     * {@code protection}, transfer id, {@code pnLength} bytes of {@code pn}), the frames
     * {@code frames[offset, offset + length)} sealed by {@code protection} as packet {@code pn},
     * then the tag. Position 0, limit at its end; null if {@code protection} refuses to seal
     * {@code pn} (an AEAD never seals one packet number twice).
     */
    public static ByteBuffer protect(PacketProtection protection, long transferId, long pn, int pnLength,
            boolean fromReceiver, byte[] frames, int offset, int length) {
        if (pnLength < 1 || pnLength > 4) throw new IllegalArgumentException("pnLength must be 1..4, got " + pnLength);
        ByteBuffer b = ByteBuffer.allocate(Packet.FIXED_HEADER_BYTES + pnLength + length + Packet.TAG_BYTES);
        b.put((byte) Packet.VERSION);
        b.put((byte) ((pnLength - 1) | (fromReceiver ? Packet.FLAG_FROM_RECEIVER : 0)
                | (protection.isHandshake() ? Packet.FLAG_HANDSHAKE : 0)));
        b.putLong(transferId);
        for (int i = pnLength - 1; i >= 0; i--) b.put((byte) (pn >>> (8 * i)));
        int headerEnd = b.position();
        b.put(frames, offset, length);
        int end = protection.seal(b, 0, headerEnd, b.position(), pn);
        if (end < 0) return null;
        return b.limit(end).position(0);
    }

    /**
     * The plaintext frames of a datagram, opened with {@code opener} as packet {@code fullPn}
     * (header and tag stripped; the datagram is left as it is), for seeding a corpus with captured
     * traffic; null when it does not open.
     */
    public static byte[] framesOf(ByteBuffer datagram, PacketProtection opener, long fullPn) {
        ByteBuffer copy = ByteBuffer.allocate(datagram.remaining()).put(datagram.duplicate()).flip();
        PacketReader r = new PacketReader();
        if (r.open(copy) != PacketReader.OK || !r.unprotect(opener, fullPn)) return null;
        byte[] frames = new byte[copy.remaining()];
        copy.get(frames);
        return frames;
    }
}
