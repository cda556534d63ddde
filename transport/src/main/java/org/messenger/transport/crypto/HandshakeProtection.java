package org.messenger.transport.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

/**
 * Protection of the handshake packets (HELLO, HELLO_REPLY, and a CLOSE sent before the traffic
 * keys are confirmed): frames in clear, authenticated by HMAC-SHA256 under the author's handshake
 * key from the token, truncated to 16 bytes (RFC 2104 §5; as HMAC-SHA-256-128, RFC 4868). The MAC
 * covers the whole datagram before it (header, every frame, every parameter and range, and the
 * padding), so nothing in a HELLO can be altered. Why not an AEAD under a key from the token alone:
 * a receiver that retries with the same ticket would start again from packet number 0, repeating
 * an AEAD nonce under the same key, which breaks GCM; an HMAC has no nonce.
 */
public final class HandshakeProtection extends PacketProtection {
    private final Mac sealMac;
    private final Mac openMac;
    private final byte[] computed = new byte[Hkdf.HASH_BYTES];
    private final byte[] received = new byte[TAG_BYTES];

    public HandshakeProtection(byte[] sealKey, byte[] openKey) {
        this.sealMac = Hkdf.hmac(sealKey);
        this.openMac = Hkdf.hmac(openKey);
    }

    @Override
    public boolean isHandshake() {
        return true;
    }

    @Override
    public int seal(ByteBuffer buf, int start, int payloadStart, int payloadEnd, long pn) {
        mac(sealMac, buf, start, payloadEnd);
        buf.put(payloadEnd, computed, 0, TAG_BYTES);
        return payloadEnd + TAG_BYTES;
    }

    @Override
    public boolean open(ByteBuffer buf, int start, int payloadStart, int end, long pn) {
        if (end - payloadStart < TAG_BYTES) return false;
        mac(openMac, buf, start, end - TAG_BYTES);
        buf.get(end - TAG_BYTES, received);
        int diff = 0; // constant time: do not tell a forger how many bytes were right
        for (int i = 0; i < TAG_BYTES; i++) diff |= computed[i] ^ received[i];
        return diff == 0;
    }

    private void mac(Mac mac, ByteBuffer buf, int start, int end) {
        int savedPosition = buf.position();
        int savedLimit = buf.limit();
        try {
            buf.limit(end).position(start);
            mac.update(buf);
            mac.doFinal(computed, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        } finally {
            buf.limit(savedLimit).position(savedPosition);
        }
    }
}
