package org.messenger.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32C;
import org.messenger.transport.packet.CloseCode;
import org.messenger.transport.packet.Packet;

/**
 * How a version-2 sender tells a version-1 receiver (an older client) why nothing will come:
 * it answers an authentic version-1 HELLO with one version-1 datagram holding a HELLO_REPLY (the
 * only thing a version-1 receiver listens to before the handshake) and a CLOSE(PROTOCOL_VIOLATION)
 * whose reason the old client shows its user. Version 1's layout and HMACs are kept here and in
 * {@link Handshake} for this alone (docs/transport.md §4, "Versions").
 *
 * <p>Bounds: only a HELLO whose version-1 HMAC verifies under an offered transfer's token is
 * answered, so neither a scanner nor a spoofer can make us send anything; the answer is about
 * 300 bytes for a HELLO of at least 1200, well inside the 3x anti-amplification limit; one answer
 * per HELLO, and none once the offer is forgotten.
 */
final class Version1Refusal {
    static final String REASON_FOR_CLIENT = "The server speaks transfer protocol 2; update the client";
    static final String REASON_FOR_SERVER =
            "The client speaks transfer protocol 1 but this server speaks 2: the client must be updated";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int V1_CRC_BYTES = 4;
    private static final int V1_MAC_BYTES = 32;
    private static final int V1_MIN_PACKET_BYTES = Packet.FIXED_HEADER_BYTES + 1 + 1 + V1_CRC_BYTES;
    private static final int V1_FLAGS_RESERVED = 0xF8;

    private Version1Refusal() {}

    /**
     * True for a well-formed version-1 datagram from a receiver whose first frame is a HELLO; its
     * transfer id, nonce and HMAC go to the out arguments. Checks length, flags and CRC32C.
     */
    static boolean parseHello(ByteBuffer datagram, long[] idOut, byte[] nonceOut, byte[] macOut) {
        int start = datagram.position();
        int end = datagram.limit();
        if (end - start < V1_MIN_PACKET_BYTES || (datagram.get(start) & 0xff) != Packet.VERSION_1) return false;
        int flags = datagram.get(start + 1) & 0xff;
        if ((flags & V1_FLAGS_RESERVED) != 0 || (flags & Packet.FLAG_FROM_RECEIVER) == 0) return false;
        int pnLength = (flags & Packet.FLAG_PN_LEN_MASK) + 1;
        int frames = start + Packet.FIXED_HEADER_BYTES + pnLength;
        if (frames + 1 + Packet.NONCE_BYTES + V1_MAC_BYTES > end - V1_CRC_BYTES) return false;
        CRC32C crc = new CRC32C();
        crc.update(datagram.duplicate().position(start).limit(end - V1_CRC_BYTES));
        if ((int) crc.getValue() != datagram.getInt(end - V1_CRC_BYTES)) return false;
        if ((datagram.get(frames) & 0xff) != Packet.HELLO) return false;
        idOut[0] = datagram.getLong(start + 2);
        datagram.get(frames + 1, nonceOut, 0, Packet.NONCE_BYTES);
        datagram.get(frames + 1 + Packet.NONCE_BYTES, macOut, 0, V1_MAC_BYTES);
        return true;
    }

    static byte[] newMacBuffer() {
        return new byte[V1_MAC_BYTES];
    }

    /** The version-1 HELLO's HMAC verifies under {@code token}: its author holds the ticket. */
    static boolean authentic(byte[] token, long transferId, byte[] nonce, byte[] mac) {
        return Handshake.macEquals(Handshake.helloMac(token, transferId, nonce), mac);
    }

    /** The version-1 datagram HELLO_REPLY + CLOSE(PROTOCOL_VIOLATION, {@link #REASON_FOR_CLIENT}). */
    static ByteBuffer answer(byte[] token, long transferId, byte[] receiverNonce) {
        byte[] senderNonce = new byte[Packet.NONCE_BYTES];
        RANDOM.nextBytes(senderNonce);
        byte[] reason = REASON_FOR_CLIENT.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(512);
        b.put((byte) Packet.VERSION_1);
        b.put((byte) 1); // 2-byte packet number, sent by the file sender
        b.putLong(transferId);
        b.putShort((short) 0);
        b.put((byte) Packet.HELLO_REPLY);
        b.put(senderNonce);
        b.put(Handshake.replyMac(token, transferId, receiverNonce, senderNonce));
        b.putShort((short) (0x4000 | Packet.MIN_HELLO_DATAGRAM)); // varint, 2 bytes
        b.put((byte) Packet.CLOSE);
        b.put((byte) CloseCode.PROTOCOL_VIOLATION); // varint, 1 byte
        b.put((byte) reason.length); // varint, 1 byte (< 64)
        b.put(reason);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.flip();
    }
}
