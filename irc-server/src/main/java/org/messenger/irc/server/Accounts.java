package org.messenger.irc.server;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.messenger.irc.codec.sasl.Scram;

/**
 * What logging in needs at run time: the settings, the thread that hashes passwords (never an
 * I/O thread: one PBKDF2 costs tens of milliseconds), and the secret
 * that makes SCRAM answer for accounts that do not exist as it does for those that do.
 */
final class Accounts implements AutoCloseable {
    private final AccountConfig config;
    private final ExecutorService hashing = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("irc-password-hashing").daemon(true).factory());
    private final SecureRandom random = new SecureRandom();
    private final byte[] decoySecret = new byte[32];

    Accounts(AccountConfig config) {
        this.config = config;
        random.nextBytes(decoySecret);
    }

    AccountConfig config() {
        return config;
    }

    /** Runs {@code work} (a password hash) on the hashing thread. */
    <T> CompletableFuture<T> hash(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, hashing);
    }

    byte[] newSalt() {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return salt;
    }

    /** A fresh SCRAM server nonce: 18 random bytes as 24 printable characters, no ','. */
    String newNonce() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * The salt shown for an account that does not exist: the same every time for the same name, so
     * that asking twice does not tell a missing account from a real one (RFC 5802 §9).
     */
    byte[] decoySalt(String foldedName) {
        byte[] mac = Scram.keys(foldedName, decoySecret, 1).serverKey();
        return Arrays.copyOf(mac, 16);
    }

    @Override
    public void close() {
        hashing.shutdownNow();
    }
}
