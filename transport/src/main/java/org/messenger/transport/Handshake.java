package org.messenger.transport;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.messenger.transport.packet.Packet;

/**
 * Version 1's handshake proofs, kept only so that {@link Version1Refusal} can recognise an older
 * client and tell it to update (version 2 authenticates whole handshake packets instead, see
 * {@code crypto.HandshakeProtection}). In version 1 the receiver proves it knows the token with
 * HMAC-SHA256(token, "msgr-hello-v1" | transfer id | receiver nonce); the sender answers with
 * HMAC-SHA256(token, "msgr-reply-v1" | transfer id | receiver nonce | sender nonce), proving it
 * too and binding its answer to this HELLO. The receiver then echoes the sender nonce from its
 * address (HELLO_DONE), which validates that address (RFC 9000 §8.1).
 */
final class Handshake {
    private static final byte[] HELLO_LABEL = "msgr-hello-v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] REPLY_LABEL = "msgr-reply-v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Handshake() {}

    static byte[] helloMac(byte[] token, long transferId, byte[] receiverNonce) {
        return mac(token, HELLO_LABEL, transferId, receiverNonce, null);
    }

    static byte[] replyMac(byte[] token, long transferId, byte[] receiverNonce, byte[] senderNonce) {
        return mac(token, REPLY_LABEL, transferId, receiverNonce, senderNonce);
    }

    /** Constant-time comparison of the first {@link Packet#MAC_BYTES} bytes. */
    static boolean macEquals(byte[] expected, byte[] actual) {
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] mac(byte[] token, byte[] label, long transferId, byte[] n1, byte[] n2) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token, "HmacSHA256"));
            mac.update(label);
            for (int i = 7; i >= 0; i--) mac.update((byte) (transferId >>> (8 * i)));
            mac.update(n1, 0, Packet.NONCE_BYTES);
            if (n2 != null) mac.update(n2, 0, Packet.NONCE_BYTES);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
