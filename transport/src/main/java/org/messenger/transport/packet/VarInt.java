package org.messenger.transport.packet;

import java.nio.ByteBuffer;

/**
 * Variable-length integers exactly as QUIC encodes them (RFC 9000 §16): the two top bits of the
 * first byte give the length (1, 2, 4 or 8 bytes), the rest is the value, big-endian.
 * Values go up to 2^62 - 1.
 */
public final class VarInt {
    public static final long MAX = (1L << 62) - 1;

    private VarInt() {}

    public static int size(long value) {
        if (value < 0) throw new IllegalArgumentException("varint cannot be negative: " + value);
        if (value < (1L << 6)) return 1;
        if (value < (1L << 14)) return 2;
        if (value < (1L << 30)) return 4;
        if (value <= MAX) return 8;
        throw new IllegalArgumentException("varint too large: " + value);
    }

    /** Writes at the buffer's position and advances it. */
    public static void write(ByteBuffer buf, long value) {
        switch (size(value)) {
            case 1 -> buf.put((byte) value);
            case 2 -> buf.putShort((short) (0x4000 | value));
            case 4 -> buf.putInt((int) (0x8000_0000L | value));
            default -> buf.putLong(0xC000_0000_0000_0000L | value);
        }
    }

    /** Writes with a fixed 4-byte encoding, so a field can be patched later without moving bytes. */
    public static void write4(ByteBuffer buf, int index, long value) {
        if (value < 0 || value >= (1L << 30)) throw new IllegalArgumentException("not a 4-byte varint: " + value);
        buf.putInt(index, (int) (0x8000_0000L | value));
    }

    /**
     * Reads at the buffer's position and advances it; returns -1 when the buffer ends inside the
     * integer (a truncated datagram), which callers treat as malformed.
     */
    public static long read(ByteBuffer buf) {
        if (!buf.hasRemaining()) return -1;
        int first = buf.get(buf.position()) & 0xff;
        int len = 1 << (first >>> 6);
        if (buf.remaining() < len) return -1;
        return switch (len) {
            case 1 -> buf.get() & 0x3f;
            case 2 -> buf.getShort() & 0x3fff;
            case 4 -> buf.getInt() & 0x3fff_ffffL;
            default -> buf.getLong() & 0x3fff_ffff_ffff_ffffL;
        };
    }
}
