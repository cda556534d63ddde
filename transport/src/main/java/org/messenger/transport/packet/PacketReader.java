package org.messenger.transport.packet;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.messenger.transport.ByteRanges;
import org.messenger.transport.ack.AckFrame;

/**
 * A reusable read view over one received datagram. {@link #open} checks the envelope (size,
 * version, flags, CRC32C); {@link #nextFrame} then walks the frames, leaving each frame's fields
 * in this object. Nothing is allocated except for CLOSE reasons and HELLO range lists.
 */
public final class PacketReader {
    public static final int OK = 0;
    public static final int TOO_SHORT = 1;
    public static final int BAD_VERSION = 2;
    public static final int BAD_CRC = 3;
    public static final int BAD_FLAGS = 4;

    /** {@link #nextFrame} result when no frame is left. */
    public static final int END = -1;
    /** {@link #nextFrame} result for a truncated or impossible frame: drop the whole packet. */
    public static final int MALFORMED = -2;

    private final CRC32C crc = new CRC32C();
    private ByteBuffer buf;
    private int framesEnd;
    private int flags;
    private long transferId;
    private int pnLength;
    private long truncatedPn;

    // Fields of the current frame.
    private long dataOffset;
    private int dataLength;
    private int dataPosition;
    private final AckFrame ack = new AckFrame();
    private long flowMaxOffset;
    private boolean flowPaused;
    private long closeCode;
    private String closeReason;
    private final byte[] nonce = new byte[Packet.NONCE_BYTES];
    private final byte[] mac = new byte[Packet.MAC_BYTES];
    private long helloMaxAckDelayMicros;
    private int helloMaxDatagram;
    private long helloInitialMaxData;
    private ByteRanges helloRanges;

    /** Checks the datagram between position and limit; returns {@link #OK} or an error code. */
    public int open(ByteBuffer datagram) {
        buf = datagram;
        int start = datagram.position();
        int end = datagram.limit();
        if (end - start < Packet.MIN_PACKET_BYTES) return TOO_SHORT;
        if ((datagram.get(start) & 0xff) != Packet.VERSION) return BAD_VERSION;
        flags = datagram.get(start + 1) & 0xff;
        if ((flags & Packet.FLAGS_RESERVED) != 0) return BAD_FLAGS;
        pnLength = (flags & Packet.FLAG_PN_LEN_MASK) + 1;
        if (end - start < Packet.FIXED_HEADER_BYTES + pnLength + 1 + Packet.CRC_BYTES) return TOO_SHORT;
        datagram.limit(end - Packet.CRC_BYTES);
        crc.reset();
        crc.update(datagram);
        datagram.limit(end);
        if ((int) crc.getValue() != datagram.getInt(end - Packet.CRC_BYTES)) return BAD_CRC;
        transferId = datagram.getLong(start + 2);
        long pn = 0;
        for (int i = 0; i < pnLength; i++) pn = (pn << 8) | (datagram.get(start + Packet.FIXED_HEADER_BYTES + i) & 0xff);
        truncatedPn = pn;
        datagram.position(start + Packet.FIXED_HEADER_BYTES + pnLength);
        framesEnd = end - Packet.CRC_BYTES;
        datagram.limit(framesEnd);
        return OK;
    }

    public long transferId() {
        return transferId;
    }

    public boolean fromReceiver() {
        return (flags & Packet.FLAG_FROM_RECEIVER) != 0;
    }

    public int pnLength() {
        return pnLength;
    }

    public long truncatedPn() {
        return truncatedPn;
    }

    /** Reads the next frame; returns its type, {@link #END} or {@link #MALFORMED}. */
    public int nextFrame() {
        if (!buf.hasRemaining()) return END;
        int type = buf.get() & 0xff;
        switch (type) {
            case Packet.PADDING:
                // Padding runs to the end in practice; skip it in one go.
                while (buf.hasRemaining() && buf.get(buf.position()) == 0) buf.position(buf.position() + 1);
                return type;
            case Packet.PING:
                return type;
            case Packet.ACK:
                return ack.parse(buf) ? type : MALFORMED;
            case Packet.DATA: {
                long off = VarInt.read(buf);
                long len = VarInt.read(buf);
                if (off < 0 || len < 0 || len > buf.remaining() || off > VarInt.MAX - len) return MALFORMED;
                dataOffset = off;
                dataLength = (int) len;
                dataPosition = buf.position();
                buf.position(dataPosition + dataLength);
                return type;
            }
            case Packet.FLOW: {
                long max = VarInt.read(buf);
                if (max < 0 || !buf.hasRemaining()) return MALFORMED;
                int f = buf.get() & 0xff;
                if ((f & ~1) != 0) return MALFORMED;
                flowMaxOffset = max;
                flowPaused = (f & 1) != 0;
                return type;
            }
            case Packet.CLOSE: {
                long code = VarInt.read(buf);
                long len = VarInt.read(buf);
                if (code < 0 || len < 0 || len > buf.remaining() || len > Packet.MAX_CLOSE_REASON_BYTES) return MALFORMED;
                byte[] text = new byte[(int) len];
                buf.get(text);
                closeCode = CloseCode.fromWire(code); // bounded where parsed
                closeReason = new String(text, StandardCharsets.UTF_8);
                return type;
            }
            case Packet.HELLO: {
                if (buf.remaining() < Packet.NONCE_BYTES + Packet.MAC_BYTES) return MALFORMED;
                buf.get(nonce);
                buf.get(mac);
                long delay = VarInt.read(buf);
                long maxDgram = VarInt.read(buf);
                long maxData = VarInt.read(buf);
                long n = VarInt.read(buf);
                if (delay < 0 || maxDgram < Packet.MIN_HELLO_DATAGRAM || maxDgram > Packet.MAX_DATAGRAM_LIMIT
                        || maxData < 0 || n < 0 || n > Packet.MAX_HELLO_RANGES) {
                    return MALFORMED;
                }
                ByteRanges ranges = new ByteRanges();
                for (long i = 0; i < n; i++) {
                    long s = VarInt.read(buf);
                    long l = VarInt.read(buf);
                    if (s < 0 || l < 0 || s > VarInt.MAX - l) return MALFORMED;
                    ranges.add(s, s + l);
                }
                helloMaxAckDelayMicros = delay;
                helloMaxDatagram = (int) maxDgram;
                helloInitialMaxData = maxData;
                helloRanges = ranges;
                return type;
            }
            case Packet.HELLO_REPLY: {
                if (buf.remaining() < Packet.NONCE_BYTES + Packet.MAC_BYTES) return MALFORMED;
                buf.get(nonce);
                buf.get(mac);
                long maxDgram = VarInt.read(buf);
                if (maxDgram < Packet.MIN_HELLO_DATAGRAM || maxDgram > Packet.MAX_DATAGRAM_LIMIT) return MALFORMED;
                helloMaxDatagram = (int) maxDgram;
                return type;
            }
            case Packet.HELLO_DONE: {
                if (buf.remaining() < Packet.NONCE_BYTES) return MALFORMED;
                buf.get(nonce);
                return type;
            }
            default:
                return MALFORMED;
        }
    }

    /** True if a frame of this type asks the peer for an acknowledgement (RFC 9002 §2). */
    public static boolean isAckEliciting(int frameType) {
        return frameType != Packet.ACK && frameType != Packet.PADDING && frameType != Packet.CLOSE;
    }

    public ByteBuffer buffer() {
        return buf;
    }

    public long dataOffset() {
        return dataOffset;
    }

    public int dataLength() {
        return dataLength;
    }

    /** Absolute index of the current DATA frame's first byte in {@link #buffer()}. */
    public int dataPosition() {
        return dataPosition;
    }

    public AckFrame ack() {
        return ack;
    }

    public long flowMaxOffset() {
        return flowMaxOffset;
    }

    public boolean flowPaused() {
        return flowPaused;
    }

    public long closeCode() {
        return closeCode;
    }

    public String closeReason() {
        return closeReason;
    }

    /** Nonce of the last HELLO, HELLO_REPLY or HELLO_DONE (valid until the next frame). */
    public byte[] nonce() {
        return nonce;
    }

    public byte[] mac() {
        return mac;
    }

    public long helloMaxAckDelayMicros() {
        return helloMaxAckDelayMicros;
    }

    public int helloMaxDatagram() {
        return helloMaxDatagram;
    }

    public long helloInitialMaxData() {
        return helloInitialMaxData;
    }

    public ByteRanges helloRanges() {
        return helloRanges;
    }
}
