package org.messenger.irc.server;

import java.time.Duration;
import java.util.Objects;
import org.messenger.chat.account.AccountStore;
import org.messenger.chat.account.InMemoryAccountStore;
import org.messenger.chat.account.ScramCredentials;

/**
 * Accounts and logging in (IRCv3 draft/account-registration and SASL).
 *
 * @param store where accounts are kept
 * @param allowPlaintextAuth accept SASL and REGISTER on a connection that is neither TLS nor
 *     loopback (the password would cross the network readable)
 * @param scramIterations PBKDF2 rounds for new accounts: the cost of each guess for someone who
 *     stole the database, and of each login
 * @param nickClaimGrace how long someone using a registered account's nick has to log in to it
 *     before being renamed
 *
 * <p>Failed logins are throttled per address by the connection limits' wrong-password throttle
 * ({@link org.messenger.irc.server.limits.ConnectionLimits#passwordFailureBurst()}), shared with PASS.
 */
public record AccountConfig(AccountStore store, boolean allowPlaintextAuth, int scramIterations, Duration nickClaimGrace) {

    /** 126-472 ms (median 214 ms) per hash on this 2-core machine under load: slow for a thief, bearable for a login. See docs/accounts.md. */
    public static final int DEFAULT_SCRAM_ITERATIONS = 100_000;

    public AccountConfig {
        Objects.requireNonNull(store, "store");
        if (scramIterations < ScramCredentials.MIN_ITERATIONS || scramIterations > ScramCredentials.MAX_ITERATIONS) {
            throw new IllegalArgumentException("SCRAM iterations must be " + ScramCredentials.MIN_ITERATIONS + " to "
                    + ScramCredentials.MAX_ITERATIONS + ", got " + scramIterations);
        }
        if (nickClaimGrace.isNegative()) {
            throw new IllegalArgumentException("nick claim grace must be >= 0");
        }
    }

    /** Accounts in memory only (tests, and a server without a data folder). */
    public static AccountConfig inMemory() {
        return new AccountConfig(new InMemoryAccountStore(), false, DEFAULT_SCRAM_ITERATIONS, Duration.ofSeconds(30));
    }

    public AccountConfig withStore(AccountStore newStore) {
        return new AccountConfig(newStore, allowPlaintextAuth, scramIterations, nickClaimGrace);
    }

    public AccountConfig withAllowPlaintextAuth(boolean allow) {
        return new AccountConfig(store, allow, scramIterations, nickClaimGrace);
    }

    public AccountConfig withScramIterations(int iterations) {
        return new AccountConfig(store, allowPlaintextAuth, iterations, nickClaimGrace);
    }
}
