package org.messenger.chat.account;

import java.util.Arrays;
import java.util.Objects;

/**
 * The one stored form of an account's password: SCRAM-SHA-256's verifier (RFC 5802 §3, RFC 7677).
 * {@code storedKey = H(HMAC(SaltedPassword, "Client Key"))} and
 * {@code serverKey = HMAC(SaltedPassword, "Server Key")}, with
 * {@code SaltedPassword = PBKDF2-HMAC-SHA-256(password, salt, iterations)}. The password itself is
 * never kept; SASL PLAIN is checked against the same verifier (see the SASL code in irc-codec).
 */
public record ScramCredentials(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
    /** RFC 7677 §4: "at least 4096". */
    public static final int MIN_ITERATIONS = 4096;
    /** Anything above makes a login cost seconds: a corrupted or hostile value, not a choice. */
    public static final int MAX_ITERATIONS = 10_000_000;

    public ScramCredentials {
        Objects.requireNonNull(salt, "salt");
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("SCRAM iterations " + iterations + " out of range " + MIN_ITERATIONS
                    + "-" + MAX_ITERATIONS);
        }
        if (salt.length < 16 || storedKey.length != 32 || serverKey.length != 32) {
            throw new IllegalArgumentException("SCRAM-SHA-256 keys are 32 bytes and the salt at least 16");
        }
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] storedKey() {
        return storedKey.clone();
    }

    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramCredentials c && iterations == c.iterations && Arrays.equals(salt, c.salt)
                && Arrays.equals(storedKey, c.storedKey) && Arrays.equals(serverKey, c.serverKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(storedKey);
    }

    @Override
    public String toString() {
        return "ScramCredentials[iterations=" + iterations + "]";
    }
}
