package org.messenger.transport.packet;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.messenger.transport.ByteRanges;
import org.messenger.transport.ack.AckFrame;
import org.messenger.transport.crypto.PacketProtection;

/**
 * A reusable read view over one received datagram. {@link #open} checks the envelope (size,
 * version, flags) and reads the clear header; {@link #unprotect} checks the tag and decrypts in
 * place with the transfer's keys; {@link #nextFrame} then walks the frames, leaving each frame's
 * fields in this object. Nothing is allocated except for CLOSE reasons and HELLO range lists.
 */
public final class PacketReader {
    public static final int OK = 0;
    public static final int TOO_SHORT = 1;
    public static final int BAD_VERSION = 2;
    public static final int BAD_FLAGS = 4;

    /** {@link #nextFrame} result when no frame is left. */
    public static final int END = -1;
    /** {@link #nextFrame} result for a truncated or impossible frame: drop the whole packet. */
    public static final int MALFORMED = -2;

    private ByteBuffer buf;
    private int start;
    private int headerEnd;
    private int end;
    private int version;
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
    private final byte[] secondNonce = new byte[Packet.NONCE_BYTES];
    private long helloMaxAckDelayMicros;
    private int helloMaxDatagram;
    private long helloInitialMaxData;
    private ByteRanges helloRanges;

    /**
     * Checks the envelope of the datagram between position and limit and reads its clear header;
     * returns {@link #OK} or an error code. The frames are still protected: call
     * {@link #unprotect} before {@link #nextFrame}.
     */
    public int open(ByteBuffer datagram) {
        buf = datagram;
        start = datagram.position();
        end = datagram.limit();
        if (end - start < Packet.FIXED_HEADER_BYTES) return TOO_SHORT;
        version = datagram.get(start) & 0xff;
        if (version != Packet.VERSION) return BAD_VERSION;
        if (end - start < Packet.MIN_PACKET_BYTES) return TOO_SHORT;
        flags = datagram.get(start + 1) & 0xff;
        if ((flags & Packet.FLAGS_RESERVED) != 0) return BAD_FLAGS;
        pnLength = (flags & Packet.FLAG_PN_LEN_MASK) + 1;
        if (end - start < Packet.FIXED_HEADER_BYTES + pnLength + 1 + Packet.TAG_BYTES) return TOO_SHORT;
        transferId = datagram.getLong(start + 2);
        long pn = 0;
        for (int i = 0; i < pnLength; i++) pn = (pn << 8) | (datagram.get(start + Packet.FIXED_HEADER_BYTES + i) & 0xff);
        truncatedPn = pn;
        headerEnd = start + Packet.FIXED_HEADER_BYTES + pnLength;
        datagram.position(headerEnd);
        return OK;
    }

    /** The version byte of the last datagram {@link #open} saw (also when it returned BAD_VERSION). */
    public int version() {
        return version;
    }

    /**
     * Checks the tag with {@code protection} for packet number {@code fullPn} and unprotects the
     * frames in place. False: not authentic, drop it (nothing was applied).
     */
    public boolean unprotect(PacketProtection protection, long fullPn) {
        if (protection.isHandshake() != handshake()) return false;
        if (!protection.open(buf, start, headerEnd, end, fullPn)) return false;
        buf.limit(end - Packet.TAG_BYTES);
        buf.position(headerEnd);
        return true;
    }

    /** The packet is a handshake packet (HMAC under the handshake keys, frames in clear). */
    public boolean handshake() {
        return (flags & Packet.FLAG_HANDSHAKE) != 0;
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
                if (buf.remaining() < Packet.NONCE_BYTES) return MALFORMED;
                buf.get(nonce);
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
                if (buf.remaining() < 2 * Packet.NONCE_BYTES) return MALFORMED;
                buf.get(nonce);
                buf.get(secondNonce);
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

    /**
     * Nonce of the last HELLO (the receiver's), HELLO_REPLY (the receiver's, echoed) or HELLO_DONE
     * (the sender's, echoed); valid until the next frame.
     */
    public byte[] nonce() {
        return nonce;
    }

    /** The sender's nonce of the last HELLO_REPLY. */
    public byte[] senderNonce() {
        return secondNonce;
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
