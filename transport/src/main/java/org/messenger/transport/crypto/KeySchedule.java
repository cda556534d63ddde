package org.messenger.transport.crypto;

import java.nio.charset.StandardCharsets;

/**
 * Where every key of a transfer comes from (docs/transport.md §4), in the manner of RFC 9001 §5:
 *
 * <pre>
 * handshake_secret = HKDF-Extract("msgr2 handshake", token)
 * {receiver,sender}_hs_mac = HKDF-Expand-Label(handshake_secret, "{receiver,sender} hs", transfer id, 32)
 * traffic_secret   = HKDF-Extract(nonceR | nonceS, handshake_secret)
 * {receiver,sender}_secret = HKDF-Expand-Label(traffic_secret, "{receiver,sender} ap", transfer id, 32)
 * key = HKDF-Expand-Label(secret, "key", "", 16)      iv = HKDF-Expand-Label(secret, "iv", "", 12)
 * </pre>
 *
 * The token is known only to the two ends (it travelled over the chat connection); the nonces are
 * fresh per handshake, so each transfer attempt gets keys no other attempt ever used, even when a
 * receiver retries with the same ticket. Labels carry the prefix {@link Hkdf#LABEL_PREFIX}.
 */
public final class KeySchedule {
    /** The AEAD of protocol version 2, chosen by measurement (docs/performance.md, "Packet protection"). */
    public static final Aead AEAD = Aead.AES_128_GCM;
    public static final int NONCE_BYTES = 16;
    static final byte[] HANDSHAKE_SALT = "msgr2 handshake".getBytes(StandardCharsets.US_ASCII);

    private KeySchedule() {}

    public static byte[] handshakeSecret(byte[] token) {
        return Hkdf.extract(HANDSHAKE_SALT, token);
    }

    /** The HMAC-SHA256 key that authenticates {@code author}'s handshake packets. */
    public static byte[] handshakeMacKey(byte[] token, long transferId, Side author) {
        return Hkdf.expandLabel(handshakeSecret(token), author.label + " hs", idBytes(transferId), Hkdf.HASH_BYTES);
    }

    public static byte[] trafficSecret(byte[] token, byte[] receiverNonce, byte[] senderNonce) {
        if (receiverNonce.length != NONCE_BYTES || senderNonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("nonces must have " + NONCE_BYTES + " bytes");
        }
        byte[] salt = new byte[2 * NONCE_BYTES];
        System.arraycopy(receiverNonce, 0, salt, 0, NONCE_BYTES);
        System.arraycopy(senderNonce, 0, salt, NONCE_BYTES, NONCE_BYTES);
        return Hkdf.extract(salt, handshakeSecret(token));
    }

    /** Key and IV that protect the packets {@code author} sends after the handshake. */
    public static TrafficKeys trafficKeys(byte[] token, long transferId, byte[] receiverNonce, byte[] senderNonce,
            Side author, Aead aead) {
        byte[] secret = Hkdf.expandLabel(trafficSecret(token, receiverNonce, senderNonce), author.label + " ap",
                idBytes(transferId), Hkdf.HASH_BYTES);
        return new TrafficKeys(Hkdf.expandLabel(secret, "key", new byte[0], aead.keyBytes),
                Hkdf.expandLabel(secret, "iv", new byte[0], Aead.NONCE_BYTES));
    }

    /** Protection for the handshake packets of one end: seal with its own key, open with the peer's. */
    public static PacketProtection handshakeProtection(byte[] token, long transferId, Side self) {
        return new HandshakeProtection(handshakeMacKey(token, transferId, self),
                handshakeMacKey(token, transferId, self.peer()));
    }

    /** Protection for every packet of one end after the handshake (AEAD, {@link #AEAD}), in the default library. */
    public static PacketProtection trafficProtection(byte[] token, long transferId, byte[] receiverNonce,
            byte[] senderNonce, Side self) {
        return trafficProtection(token, transferId, receiverNonce, senderNonce, self, AeadLibrary.AUTO);
    }

    /**
     * The same, in {@code preferred} unless the system property {@value AeadLibrary#PROPERTY} names
     * a library ({@link AeadLibrary#selected(AeadLibrary)}).
     */
    public static PacketProtection trafficProtection(byte[] token, long transferId, byte[] receiverNonce,
            byte[] senderNonce, Side self, AeadLibrary preferred) {
        return new AeadProtection(AEAD, AeadLibrary.selected(preferred),
                trafficKeys(token, transferId, receiverNonce, senderNonce, self, AEAD),
                trafficKeys(token, transferId, receiverNonce, senderNonce, self.peer(), AEAD));
    }

    static byte[] idBytes(long transferId) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) b[i] = (byte) (transferId >>> (56 - 8 * i));
        return b;
    }

    /** One direction's AEAD key and IV. */
    public record TrafficKeys(byte[] key, byte[] iv) {
        public TrafficKeys {
            key = key.clone();
            iv = iv.clone();
        }

        @Override
        public byte[] key() {
            return key.clone();
        }

        @Override
        public byte[] iv() {
            return iv.clone();
        }
    }
}
