package org.messenger.transport;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What the receiver must learn over a trusted channel (the chat connection) before a transfer:
 * the transfer id that names it on the wire and a secret token that authenticates the
 * handshake. The token itself never travels in a datagram; only HMACs keyed with it do.
 *
 * <p>Text form (for a chat message or a command line): {@code <16 hex id>:<64 hex token>}.
 */
public record TransferTicket(long transferId, byte[] token) {
    public static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    public TransferTicket {
        if (token == null || token.length < 16) throw new IllegalArgumentException("token must have at least 16 bytes");
        token = token.clone();
    }

    /** A fresh random id and 256-bit token. */
    public static TransferTicket random() {
        byte[] token = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(token);
        return new TransferTicket(RANDOM.nextLong(), token);
    }

    @Override
    public byte[] token() {
        return token.clone();
    }

    byte[] tokenUnsafe() {
        return token;
    }

    public String encode() {
        HexFormat hex = HexFormat.of();
        return hex.toHexDigits(transferId) + ":" + hex.formatHex(token);
    }

    public static TransferTicket decode(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon != 16) {
            throw new IllegalArgumentException("Not a transfer ticket: expected <16 hex digits>:<token hex>");
        }
        HexFormat hex = HexFormat.of();
        return new TransferTicket(hex.fromHexDigitsToLong(text.substring(0, 16)), hex.parseHex(text.substring(17)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransferTicket t && t.transferId == transferId && Arrays.equals(t.token, token);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(transferId) * 31 + Arrays.hashCode(token);
    }

    @Override
    public String toString() {
        return "TransferTicket[" + HexFormat.of().toHexDigits(transferId) + ", token hidden]";
    }
}
