package org.messenger.transport.packet;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.messenger.transport.ByteRanges;
import org.messenger.transport.ack.AckRanges;
import org.messenger.transport.crypto.PacketProtection;

/**
 * Builds one datagram in place in a caller's buffer: header, frames, then {@link #finish} seals
 * the frames and appends the tag, in the same buffer. Reused for every packet; nothing here
 * allocates except CLOSE reasons.
 */
public final class PacketWriter {
    private ByteBuffer buf;
    private int start;
    private int headerEnd;
    private int framesEnd;
    private long pn;

    /**
     * Starts a packet at {@code buf}'s position; frames may use up to {@code maxDatagram} bytes in
     * total including header and tag. {@code handshake}: protected by the handshake HMAC (HELLO,
     * HELLO_REPLY, an early CLOSE) rather than the AEAD; it must match what {@link #finish} gets.
     */
    public void begin(ByteBuffer buf, int maxDatagram, long transferId, long pn, long peerLargestAcked,
            boolean fromReceiver, boolean handshake) {
        this.buf = buf;
        start = buf.position();
        if (buf.capacity() - start < maxDatagram) throw new IllegalArgumentException("buffer smaller than a datagram");
        buf.limit(start + maxDatagram);
        framesEnd = start + maxDatagram - Packet.TAG_BYTES;
        this.pn = pn;
        int pnLen = PacketNumbers.encodedLength(pn, peerLargestAcked);
        buf.put((byte) Packet.VERSION);
        buf.put((byte) ((pnLen - 1) | (fromReceiver ? Packet.FLAG_FROM_RECEIVER : 0)
                | (handshake ? Packet.FLAG_HANDSHAKE : 0)));
        buf.putLong(transferId);
        for (int i = pnLen - 1; i >= 0; i--) buf.put((byte) (pn >>> (8 * i)));
        headerEnd = buf.position();
    }

    /** Bytes left for frames. */
    public int remaining() {
        return framesEnd - buf.position();
    }

    public int position() {
        return buf.position();
    }

    public boolean isEmpty(int headerEnd) {
        return buf.position() == headerEnd;
    }

    public void ping() {
        buf.put((byte) Packet.PING);
    }

    public boolean ack(AckRanges ranges, long ackDelayMicros) {
        return ranges.writeFrame(buf, ackDelayMicros, remaining());
    }

    public static int dataFrameOverhead(long offset, int length) {
        return 1 + VarInt.size(offset) + VarInt.size(length);
    }

    /** Largest DATA payload that fits now for a frame at {@code offset} (0 if none). */
    public int maxDataLength(long offset) {
        int room = remaining() - 1 - VarInt.size(offset);
        if (room <= 1) return 0;
        // The length field's own size depends on the length.
        int len = room - VarInt.size(room);
        return Math.max(0, len);
    }

    /**
     * Writes a DATA frame header for {@code length} bytes at file {@code offset} and returns the
     * buffer index where those bytes go. The caller fills exactly {@code length} bytes there (for
     * example with a positional FileChannel read) and then calls {@link #endData(int, int)}.
     */
    public int beginData(long offset, int length) {
        buf.put((byte) Packet.DATA);
        VarInt.write(buf, offset);
        VarInt.write(buf, length);
        return buf.position();
    }

    public void endData(int dataStart, int length) {
        buf.position(dataStart + length);
        buf.limit(framesEnd + Packet.TAG_BYTES);
    }

    /** A view positioned for the DATA bytes, limited to {@code length}, for a FileChannel read. */
    public ByteBuffer dataTarget(int dataStart, int length) {
        buf.limit(dataStart + length);
        buf.position(dataStart);
        return buf;
    }

    public void flow(long maxOffset, boolean paused) {
        buf.put((byte) Packet.FLOW);
        VarInt.write(buf, maxOffset);
        buf.put((byte) (paused ? 1 : 0));
    }

    public void close(long code, String reason) {
        byte[] text = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        int len = Math.min(text.length, Math.min(Packet.MAX_CLOSE_REASON_BYTES, remaining() - 12));
        buf.put((byte) Packet.CLOSE);
        VarInt.write(buf, code);
        VarInt.write(buf, Math.max(0, len));
        if (len > 0) buf.put(text, 0, len);
    }

    public void hello(byte[] nonce, long maxAckDelayMicros, int maxDatagram, long initialMaxData,
            ByteRanges wanted) {
        buf.put((byte) Packet.HELLO);
        buf.put(nonce, 0, Packet.NONCE_BYTES);
        VarInt.write(buf, maxAckDelayMicros);
        VarInt.write(buf, maxDatagram);
        VarInt.write(buf, initialMaxData);
        VarInt.write(buf, wanted.rangeCount());
        for (int i = 0; i < wanted.rangeCount(); i++) {
            VarInt.write(buf, wanted.start(i));
            VarInt.write(buf, wanted.end(i) - wanted.start(i));
        }
    }

    /** HELLO_REPLY echoes the HELLO's nonce, so that it answers that HELLO and no other. */
    public void helloReply(byte[] receiverNonce, byte[] senderNonce, int maxDatagram) {
        buf.put((byte) Packet.HELLO_REPLY);
        buf.put(receiverNonce, 0, Packet.NONCE_BYTES);
        buf.put(senderNonce, 0, Packet.NONCE_BYTES);
        VarInt.write(buf, maxDatagram);
    }

    public void helloDone(byte[] echoedNonce) {
        buf.put((byte) Packet.HELLO_DONE);
        buf.put(echoedNonce, 0, Packet.NONCE_BYTES);
    }

    /** Adds PADDING frames until the datagram (with its tag) is {@code datagramBytes} long. */
    public void padTo(int datagramBytes) {
        int target = Math.min(start + datagramBytes - Packet.TAG_BYTES, framesEnd);
        while (buf.position() < target) buf.put((byte) Packet.PADDING);
    }

    /** The full packet number of the packet being built. */
    public long packetNumber() {
        return pn;
    }

    /**
     * Seals the frames in place with {@code protection} and appends the tag; leaves the buffer
     * ready to send (position = start, limit = end). Returns the datagram size, or -1 if
     * {@code protection} refused (a packet number sealed before): the packet must not leave.
     */
    public int finish(PacketProtection protection) {
        int end = buf.position();
        if (protection.isHandshake() != ((buf.get(start + 1) & Packet.FLAG_HANDSHAKE) != 0)) {
            throw new IllegalStateException("the header's handshake flag does not match the protection");
        }
        buf.limit(end + Packet.TAG_BYTES);
        int sealedEnd = protection.seal(buf, start, headerEnd, end, pn);
        if (sealedEnd < 0) return -1;
        buf.limit(sealedEnd);
        buf.position(start);
        return sealedEnd - start;
    }
}
