package org.messenger.transport.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (RFC 5869), on the JDK's {@code HmacSHA256}: twenty lines of code are easier
 * to review against the RFC than a new dependency, and key derivation runs once per transfer, so
 * nothing here is on a hot path. {@link #expandLabel} is TLS 1.3's HKDF-Expand-Label (RFC 8446
 * §7.1, as QUIC uses it in RFC 9001 §5.1) with our own label prefix, so that no key of ours can ever
 * equal a TLS or QUIC key derived from the same bytes.
 */
public final class Hkdf {
    /** Prefix of every label, in place of TLS 1.3's "tls13 ". */
    public static final String LABEL_PREFIX = "msgr2 ";
    static final int HASH_BYTES = 32;

    private Hkdf() {}

    /** RFC 5869 §2.2: PRK = HMAC-Hash(salt, IKM); an empty salt means HashLen zero bytes. */
    public static byte[] extract(byte[] salt, byte[] ikm) {
        Mac mac = hmac(salt == null || salt.length == 0 ? new byte[HASH_BYTES] : salt);
        return mac.doFinal(ikm);
    }

    /** RFC 5869 §2.3: T(i) = HMAC-Hash(PRK, T(i-1) | info | i), output the first L bytes. */
    public static byte[] expand(byte[] prk, byte[] info, int length) {
        if (length < 0 || length > 255 * HASH_BYTES) throw new IllegalArgumentException("HKDF length " + length);
        Mac mac = hmac(prk);
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        int done = 0;
        for (int i = 1; done < length; i++) {
            mac.update(t);
            mac.update(info);
            mac.update((byte) i);
            t = mac.doFinal();
            int n = Math.min(t.length, length - done);
            System.arraycopy(t, 0, out, done, n);
            done += n;
        }
        return out;
    }

    /**
     * RFC 8446 §7.1 HKDF-Expand-Label: info = uint16 length | uint8 label length | "msgr2 " + label
     * | uint8 context length | context.
     */
    public static byte[] expandLabel(byte[] secret, String label, byte[] context, int length) {
        byte[] fullLabel = (LABEL_PREFIX + label).getBytes(StandardCharsets.US_ASCII);
        if (fullLabel.length > 255 || context.length > 255) throw new IllegalArgumentException("label or context too long");
        byte[] info = new byte[2 + 1 + fullLabel.length + 1 + context.length];
        info[0] = (byte) (length >>> 8);
        info[1] = (byte) length;
        info[2] = (byte) fullLabel.length;
        System.arraycopy(fullLabel, 0, info, 3, fullLabel.length);
        info[3 + fullLabel.length] = (byte) context.length;
        System.arraycopy(context, 0, info, 4 + fullLabel.length, context.length);
        return expand(secret, info, length);
    }

    static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM; use a standard JDK 21 or newer", e);
        }
    }
}
