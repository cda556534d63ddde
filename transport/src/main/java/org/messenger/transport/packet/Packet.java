package org.messenger.transport.packet;

/**
 * Wire constants of the transfer protocol, version 2. See docs/transport.md for the layout:
 *
 * <pre>
 * +--------+--------+----------------+------------+-----------//-----------+----------+
 * | ver(8) | flg(8) | transfer id(64)| pn (8..32) | protected frames ...   | tag (128)|
 * +--------+--------+----------------+------------+-----------//-----------+----------+
 * flg: bits 0-1 = packet number length - 1; bit 2 = sent by the receiver of the file;
 *      bit 3 = handshake packet (frames in clear, HMAC tag); other bits zero.
 * The header is the AEAD's associated data (or is covered by the handshake HMAC).
 * </pre>
 */
public final class Packet {
    public static final int VERSION = 2;
    /** The previous version (no encryption, CRC32C): answered only with a version error. */
    public static final int VERSION_1 = 1;
    public static final int FLAG_PN_LEN_MASK = 0x03;
    /** Set on packets the file receiver sends, so that a reflected packet is never taken for the peer's. */
    public static final int FLAG_FROM_RECEIVER = 0x04;
    /** Set on handshake packets: authenticated by HMAC under the token's handshake keys, not encrypted. */
    public static final int FLAG_HANDSHAKE = 0x08;
    public static final int FLAGS_RESERVED = 0xF0;
    /** The AEAD tag (or truncated HMAC) that ends every datagram. */
    public static final int TAG_BYTES = 16;
    /** version, flags, transfer id. */
    public static final int FIXED_HEADER_BYTES = 1 + 1 + 8;
    public static final int MAX_HEADER_BYTES = FIXED_HEADER_BYTES + 4;
    public static final int MIN_PACKET_BYTES = FIXED_HEADER_BYTES + 1 + 1 + TAG_BYTES;
    /** The receiver pads its HELLO to this size so the sender may answer with 3x as much (RFC 9000 §8.1, §14.1). */
    public static final int MIN_HELLO_DATAGRAM = 1200;
    /** Default largest datagram on a real path: 1500-byte Ethernet MTU minus IPv6 (40) and UDP (8) headers. */
    public static final int DEFAULT_MAX_DATAGRAM = 1452;
    /** Largest UDP payload over IPv4 on loopback. */
    public static final int MAX_DATAGRAM_LIMIT = 65_507;

    // Frame types.
    public static final int PADDING = 0x00;
    public static final int PING = 0x01;
    public static final int ACK = 0x02;
    public static final int DATA = 0x08;
    public static final int FLOW = 0x10;
    public static final int CLOSE = 0x1c;
    public static final int HELLO = 0x30;
    public static final int HELLO_REPLY = 0x31;
    public static final int HELLO_DONE = 0x32;

    public static final int NONCE_BYTES = 16;
    /** Most byte ranges a HELLO may request; the receiver coalesces beyond this. */
    public static final int MAX_HELLO_RANGES = 48;
    public static final int MAX_CLOSE_REASON_BYTES = 200;
    /** RFC 9000 §18.2: a max_ack_delay of 2^14 ms or more is invalid (closes with PROTOCOL_VIOLATION). */
    public static final long MAX_ACK_DELAY_LIMIT_MICROS = (1L << 14) * 1000;

    private Packet() {}

    public static String frameName(int type) {
        return switch (type) {
            case PADDING -> "PADDING";
            case PING -> "PING";
            case ACK -> "ACK";
            case DATA -> "DATA";
            case FLOW -> "FLOW";
            case CLOSE -> "CLOSE";
            case HELLO -> "HELLO";
            case HELLO_REPLY -> "HELLO_REPLY";
            case HELLO_DONE -> "HELLO_DONE";
            default -> "0x" + Integer.toHexString(type);
        };
    }
}
