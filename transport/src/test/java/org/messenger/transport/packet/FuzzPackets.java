package org.messenger.transport.packet;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Wraps fuzzed plaintext frames into a datagram that passes the envelope check, so that a fuzz
 * target reaches the frame parsers and the state machines instead of stopping at the integrity
 * check. Today that is the version 1 header and a correct CRC32C. With packet protection
 * (transfer protocol version 2, issue 14) only {@link #protect} changes: it seals the frames with
 * the direction's key and IV, the header as associated data, and every fuzz target keeps working
 * on frames. Test code only.
 */
public final class FuzzPackets {
    private FuzzPackets() {}

    /** Largest frames part a fuzz input may supply: a datagram of the largest size minus header and trailer. */
    public static final int MAX_FRAMES_BYTES = Packet.MAX_DATAGRAM_LIMIT - Packet.MAX_HEADER_BYTES - Packet.CRC_BYTES;

    /**
     * A new buffer holding one datagram: header (version, flags, transfer id, {@code pnLength}
     * bytes of {@code pn}), the frames {@code frames[offset, offset + length)}, then the trailer.
     * Position 0, limit at its end.
     */
    public static ByteBuffer protect(long transferId, long pn, int pnLength, boolean fromReceiver, byte[] frames,
            int offset, int length) {
        if (pnLength < 1 || pnLength > 4) throw new IllegalArgumentException("pnLength must be 1..4, got " + pnLength);
        ByteBuffer b = ByteBuffer.allocate(Packet.FIXED_HEADER_BYTES + pnLength + length + Packet.CRC_BYTES);
        b.put((byte) Packet.VERSION);
        b.put((byte) ((pnLength - 1) | (fromReceiver ? Packet.FLAG_FROM_RECEIVER : 0)));
        b.putLong(transferId);
        for (int i = pnLength - 1; i >= 0; i--) b.put((byte) (pn >>> (8 * i)));
        b.put(frames, offset, length);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.flip();
    }

    /**
     * The frames of a datagram this side's own code built (header and trailer stripped), for
     * seeding a corpus with captured traffic; null when it does not open.
     */
    public static byte[] framesOf(ByteBuffer datagram) {
        PacketReader r = new PacketReader();
        ByteBuffer copy = datagram.duplicate();
        if (r.open(copy) != PacketReader.OK) return null;
        byte[] frames = new byte[copy.remaining()];
        copy.get(frames);
        return frames;
    }
}
