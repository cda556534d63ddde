package org.messenger.irc.codec.sasl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The arithmetic of SCRAM-SHA-256 (RFC 5802 §3, RFC 7677), shared by the server's verifier and the
 * client's proof. {@code Hi()} is PBKDF2 with HMAC-SHA-256.
 */
public final class Scram {
    public static final String MECHANISM = "SCRAM-SHA-256";

    private Scram() {}

    /** The verifier kept instead of a password: StoredKey and ServerKey. */
    public record Keys(byte[] storedKey, byte[] serverKey) {}

    /** {@code SaltedPassword := Hi(Normalize(password), salt, i)}. */
    public static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        try {
            // RFC 5802 asks for SASLprep; NFKC is its normalisation step, which is what tells apart
            // passwords typed on different keyboards. The JDK's PBKDF2 encodes the chars as UTF-8.
            char[] chars = Normalizer.normalize(password, Normalizer.Form.NFKC).toCharArray();
            PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK lacks PBKDF2WithHmacSHA256", e);
        }
    }

    public static Keys keys(byte[] saltedPassword) {
        byte[] clientKey = hmac(saltedPassword, "Client Key");
        return new Keys(sha256(clientKey), hmac(saltedPassword, "Server Key"));
    }

    public static Keys keys(String password, byte[] salt, int iterations) {
        return keys(saltedPassword(password, salt, iterations));
    }

    /**
     * SASL PLAIN against the SCRAM verifier: the password is right when it yields the same
     * StoredKey. Constant time in the comparison.
     */
    public static boolean verifyPlain(String password, byte[] salt, int iterations, byte[] storedKey) {
        return MessageDigest.isEqual(keys(password, salt, iterations).storedKey(), storedKey);
    }

    static byte[] hmac(byte[] key, String text) {
        return hmac(key, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK lacks HmacSHA256", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK lacks SHA-256", e);
        }
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    /** RFC 5802 §5.1 saslname: ',' and '=' are written "=2C" and "=3D". */
    static String encodeName(String name) {
        return name.replace("=", "=3D").replace(",", "=2C");
    }

    /** The reverse of {@link #encodeName}; null when an '=' is followed by anything else (the RFC says fail). */
    static String decodeName(String saslName) {
        StringBuilder out = new StringBuilder(saslName.length());
        for (int i = 0; i < saslName.length(); i++) {
            char c = saslName.charAt(i);
            if (c == '=') {
                if (saslName.startsWith("=2C", i)) {
                    out.append(',');
                } else if (saslName.startsWith("=3D", i)) {
                    out.append('=');
                } else {
                    return null;
                }
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
