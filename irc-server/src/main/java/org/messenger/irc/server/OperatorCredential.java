package org.messenger.irc.server;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A server operator's name and password as the server keeps it: a salted PBKDF2-HMAC-SHA256
 * hash, made when the server is configured, never the password itself. {@link #matches}
 * compares in constant time.
 */
public final class OperatorCredential {
    /** OWASP's 2023 floor for PBKDF2-HMAC-SHA256 is 600,000; we spend a sixth of that per OPER on a 2-core server, off the I/O thread. */
    static final int ITERATIONS = 100_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final byte[] salt;
    private final byte[] hash;

    private OperatorCredential(String name, byte[] salt, byte[] hash) {
        this.name = name;
        this.salt = salt;
        this.hash = hash;
    }

    /** Hashes {@code password} with a fresh salt. The name is one word (it is the first parameter of OPER). */
    public static OperatorCredential hash(String name, String password) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        if (name.isEmpty() || name.indexOf(' ') >= 0 || name.indexOf(':') >= 0 || name.indexOf(',') >= 0) {
            throw new IllegalArgumentException("operator name '" + name + "' must be one word without ':' or ',', e.g. admin");
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("operator " + name + " has an empty password: give one");
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new OperatorCredential(name, salt, derive(password, salt));
    }

    /** Parses {@code NAME:PASSWORD} (the password may contain ':') and hashes it. */
    public static OperatorCredential parse(String spec) {
        int colon = spec.indexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("'" + (colon < 0 ? spec : spec.substring(0, colon) + ":…")
                    + "' must be NAME:PASSWORD, e.g. admin:s3cret");
        }
        return hash(spec.substring(0, colon), spec.substring(colon + 1));
    }

    public String name() {
        return name;
    }

    /** True when {@code password} is this operator's; takes the same time whatever the answer. */
    boolean matches(String password) {
        return MessageDigest.isEqual(hash, derive(password, salt));
    }

    /** Spends the time of a real check, so that an unknown name cannot be told from a wrong password by timing. */
    static void burnOneCheck(String password) {
        derive(password, new byte[SALT_BYTES]);
    }

    private static byte[] derive(String password, byte[] salt) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public String toString() {
        return "operator " + name + " (password hashed)";
    }
}
