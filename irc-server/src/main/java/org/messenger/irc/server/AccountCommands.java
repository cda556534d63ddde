package org.messenger.irc.server;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.messenger.chat.ChatException;
import org.messenger.chat.ChatHub;
import org.messenger.chat.ChatUser;
import org.messenger.chat.account.Account;
import org.messenger.chat.account.ScramCredentials;
import org.messenger.irc.codec.IrcMessage;
import org.messenger.irc.codec.Numeric;
import org.messenger.irc.codec.sasl.AuthenticateChunks;
import org.messenger.irc.codec.sasl.SaslException;
import org.messenger.irc.codec.sasl.SaslPlain;
import org.messenger.irc.codec.sasl.Scram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts: IRCv3 draft/account-registration ({@code REGISTER}), SASL 3.1/3.2
 * ({@code AUTHENTICATE} with PLAIN and SCRAM-SHA-256), and nick ownership: a registered account
 * owns the nick of its name, and someone else using it is renamed after a grace period unless
 * they log in (as Ergo's nick enforcement does).
 *
 * <p>Password work (PBKDF2) runs on the hashing thread and account reads and writes on the store
 * thread; their answers come back to the connection's I/O thread before any state is touched.
 */
final class AccountCommands {
    private static final Logger log = LoggerFactory.getLogger(AccountCommands.class);
    static final int MIN_PASSWORD_LENGTH = 8;
    static final int MAX_PASSWORD_LENGTH = 300;
    static final String MECHANISMS = SaslPlain.MECHANISM + "," + Scram.MECHANISM;

    private AccountCommands() {}

    static void register(CommandTable table) {
        table.add("AUTHENTICATE", 1, true, AccountCommands::authenticate);
        table.add("REGISTER", 3, true, AccountCommands::registerAccount);
    }

    // ---- SASL ------------------------------------------------------------------------------

    private static void authenticate(IrcConnection c, IrcMessage m) {
        String arg = m.param(0);
        if (arg.equals("*")) {
            abortSasl(c);
            if (c.sasl == null) {
                c.reply(Numeric.ERR_SASLABORTED);
            }
            return;
        }
        if (c.account() != null) {
            c.reply(Numeric.ERR_SASLALREADY);
            return;
        }
        SaslExchange sasl = c.sasl;
        if (sasl == null) {
            start(c, arg);
            return;
        }
        if (sasl.step == SaslExchange.Step.BUSY) {
            fail(c, "SASL message out of turn: wait for the server's answer");
            return;
        }
        String payload;
        try {
            payload = sasl.chunks.add(arg);
        } catch (SaslException e) {
            c.sasl = null;
            if (e.getMessage().contains("too long") || e.getMessage().contains("400 bytes")) {
                c.reply(Numeric.ERR_SASLTOOLONG);
            } else {
                c.reply(Numeric.ERR_SASLFAIL);
            }
            return;
        }
        if (payload == null) {
            return; // more chunks to come
        }
        try {
            switch (sasl.step) {
                case PLAIN -> plain(c, sasl, SaslPlain.decode(payload));
                case SCRAM_FIRST -> scramFirst(c, sasl, sasl.scram.clientFirst(payload));
                case SCRAM_FINAL -> {
                    String serverFinal = sasl.scram.clientFinal(payload);
                    sasl.step = SaslExchange.Step.SCRAM_DONE;
                    sendChallenge(c, serverFinal);
                }
                case SCRAM_DONE -> {
                    if (!payload.isEmpty()) {
                        throw new SaslException("expected an empty answer to server-final-message");
                    }
                    loggedIn(c, sasl.scramAccount, "SASL " + Scram.MECHANISM);
                }
                case BUSY -> throw new IllegalStateException("handled above");
            }
        } catch (SaslException e) {
            log.debug("{}: SASL {} failed: {}", c.describe(), sasl.mechanism, e.getMessage());
            failed(c);
        }
    }

    private static void start(IrcConnection c, String mechanism) {
        if (!mayTakePasswords(c)) {
            c.sendNumeric(Numeric.ERR_SASLFAIL.code(), "SASL refused: this connection is not encrypted, so your password would"
                    + " cross the network readable. Connect with TLS (or ask the server's operator to allow logins without it)");
            return;
        }
        String name;
        SaslExchange.Step first;
        switch (mechanism.toUpperCase(Locale.ROOT)) {
            case SaslPlain.MECHANISM -> { name = SaslPlain.MECHANISM; first = SaslExchange.Step.PLAIN; }
            case Scram.MECHANISM -> { name = Scram.MECHANISM; first = SaslExchange.Step.SCRAM_FIRST; }
            default -> {
                c.reply(Numeric.RPL_SASLMECHS, MECHANISMS);
                c.reply(Numeric.ERR_SASLFAIL);
                return;
            }
        }
        // Failed logins count in the server's one wrong-password throttle (limits.ConnectionLimiter, owned by
        // the accept loop, like PASS): ask it before taking a password, and answer once it has said.
        SaslExchange sasl = new SaslExchange(name, SaslExchange.Step.BUSY);
        c.sasl = sasl;
        Admissions admissions = c.server().admissions();
        CompletableFuture<Long> wait = admissions == null
                ? CompletableFuture.completedFuture(0L) : admissions.passwordWaitNanos(c.remoteAddress());
        onLoop(c, sasl, wait, waitNanos -> {
            if (waitNanos > 0) {
                fail(c, "Too many failed logins from your address: try again in "
                        + Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L) + " s");
                return;
            }
            sasl.step = first;
            c.send(IrcMessage.of("AUTHENTICATE", "+"));
        });
    }

    /** SASL 3.1: an abort (AUTHENTICATE *, or CAP END during the exchange) answers 906. */
    static void abortSasl(IrcConnection c) {
        if (c.sasl != null) {
            c.sasl = null;
            c.reply(Numeric.ERR_SASLABORTED);
        }
    }

    private static void plain(IrcConnection c, SaslExchange sasl, SaslPlain.Credentials credentials) {
        sasl.step = SaslExchange.Step.BUSY;
        Accounts accounts = c.server().accounts();
        String folded = c.server().hub().fold(credentials.user());
        CompletableFuture<Optional<Account>> found = accounts.config().store().find(folded);
        CompletableFuture<Optional<String>> checked = found.thenCompose(account -> account.isEmpty()
                ? CompletableFuture.completedFuture(Optional.<String>empty())
                : accounts.hash(() -> {
                    ScramCredentials s = account.get().credentials();
                    return Scram.verifyPlain(credentials.password(), s.salt(), s.iterations(), s.storedKey())
                            ? Optional.of(account.get().name()) : Optional.<String>empty();
                }));
        onLoop(c, sasl, checked, name -> {
            if (name.isPresent()) {
                loggedIn(c, name.get(), "SASL " + SaslPlain.MECHANISM);
            } else {
                failed(c);
            }
        });
    }

    private static void scramFirst(IrcConnection c, SaslExchange sasl, String user) {
        sasl.step = SaslExchange.Step.BUSY;
        Accounts accounts = c.server().accounts();
        String folded = c.server().hub().fold(user);
        onLoop(c, sasl, accounts.config().store().find(folded), account -> {
            String serverFirst;
            if (account.isPresent()) {
                ScramCredentials s = account.get().credentials();
                sasl.scramAccount = account.get().name();
                serverFirst = sasl.scram.serverFirst(accounts.newNonce(), s.salt(), s.iterations(), s.storedKey(), s.serverKey());
            } else {
                // RFC 5802 §9: answer as if it existed, and fail at the proof, so that SCRAM does not say which names exist.
                byte[] decoyKey = accounts.newSalt();
                serverFirst = sasl.scram.serverFirst(accounts.newNonce(), accounts.decoySalt(folded),
                        accounts.config().scramIterations(), Scram.keys(decoyKey).storedKey(), decoyKey);
            }
            sasl.step = SaslExchange.Step.SCRAM_FINAL;
            sendChallenge(c, serverFirst);
        });
    }

    private static void sendChallenge(IrcConnection c, String payload) {
        for (String line : AuthenticateChunks.split(payload)) {
            c.send(IrcMessage.of("AUTHENTICATE", line));
        }
    }

    /** Runs {@code then} on the connection's I/O thread with the result, if this exchange still stands. */
    private static <T> void onLoop(IrcConnection c, SaslExchange sasl, CompletableFuture<T> future, Consumer<T> then) {
        java.util.concurrent.Executor answer = c.laterInResponse();
        future.whenComplete((result, error) -> answer.execute(() -> {
            if (c.isClosing() || c.sasl != sasl) {
                return; // aborted or disconnected meanwhile
            }
            if (error != null) {
                log.warn("{}: SASL could not read the account store: {}", c.describe(), error.toString());
                c.sasl = null;
                c.sendNumeric(Numeric.ERR_SASLFAIL.code(), "Logging in is not possible right now (the server cannot read its"
                        + " accounts); try again later");
                return;
            }
            then.accept(result);
        }));
    }

    private static void failed(IrcConnection c) {
        if (c.server().admissions() != null) {
            c.server().admissions().passwordFailed(c.remoteAddress());
        }
        c.sasl = null;
        c.reply(Numeric.ERR_SASLFAIL);
    }

    private static void fail(IrcConnection c, String text) {
        c.sasl = null;
        c.sendNumeric(Numeric.ERR_SASLFAIL.code(), text);
    }

    /**
     * Logged in: 900, and 903 when it was SASL; user mode +r and account-notify once registered.
     *
     * @param saslMechanism how ("SASL PLAIN", "SASL SCRAM-SHA-256"), or null when by REGISTER
     */
    private static void loggedIn(IrcConnection c, String account, String saslMechanism) {
        c.sasl = null;
        ChatUser user = c.user();
        String nick = user != null ? user.nick() : c.pendingNick != null ? c.pendingNick : "*";
        String username = user != null ? user.username() : c.username != null ? c.username : "*";
        c.sendNumeric(Numeric.RPL_LOGGEDIN.code(), nick + "!" + username + "@" + c.host(), account,
                "You are now logged in as " + account);
        if (saslMechanism != null) {
            c.reply(Numeric.RPL_SASLSUCCESS);
        }
        log.info("{} logged in as {} ({})", c.describe(), account, saslMechanism != null ? saslMechanism : "registration");
        if (user == null) {
            c.pendingAccount = account;
            return;
        }
        c.server().hub().setAccount(user, account);
        setRegisteredMode(c);
    }

    /**
     * User mode +r (registered), as Ergo and InspIRCd show it; the mode itself is the hub user's
     * account (ModeCommand.userModes). A connection logs in once (907/ALREADY_AUTHENTICATED after).
     */
    static void setRegisteredMode(IrcConnection c) {
        c.send(IrcMessage.from(c.serverName(), "MODE", c.nick(), "+r"));
    }

    static boolean mayTakePasswords(IrcConnection c) {
        return c.isSecure() || c.isLoopback() || c.server().accounts().config().allowPlaintextAuth();
    }

    // ---- REGISTER --------------------------------------------------------------------------

    /**
     * https://ircv3.net/specs/extensions/account-registration: {@code REGISTER <account> <email> <password>}.
     * The account is the nick in use ("*" says so); e-mail is not verified and not kept.
     */
    private static void registerAccount(IrcConnection c, IrcMessage m) {
        String nick = c.isRegistered() ? c.nick() : c.pendingNick;
        String requested = m.param(0);
        String password = m.param(2);
        if (c.account() != null) {
            registerFail(c, "ALREADY_AUTHENTICATED", c.account(), "You are already logged in to an account");
            return;
        }
        if (!mayTakePasswords(c)) {
            registerFail(c, "INSECURE_CONNECTION", requested, "This connection is not encrypted, so your password would cross"
                    + " the network readable. Connect with TLS to register");
            return;
        }
        if (nick == null) {
            registerFail(c, "NEED_NICK", requested, "Send NICK first: the account is named after your nick");
            return;
        }
        ChatHub hub = c.server().hub();
        String account = requested.equals("*") ? nick : requested;
        if (!hub.config().names().isValidNick(account)) {
            registerFail(c, "BAD_ACCOUNT_NAME", account, "An account name follows the nick rules (letters, digits and"
                    + " []\\`_^{|}- only, no digit or - first, at most " + hub.config().names().nickLength() + " characters)");
            return;
        }
        if (!hub.fold(account).equals(hub.fold(nick))) {
            registerFail(c, "BAD_ACCOUNT_NAME", account, "The account is named after the nick it owns: use /nick " + account
                    + " first, then register");
            return;
        }
        if (password.length() < MIN_PASSWORD_LENGTH) {
            registerFail(c, "WEAK_PASSWORD", account, "Choose a password of at least " + MIN_PASSWORD_LENGTH + " characters");
            return;
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            registerFail(c, "UNACCEPTABLE_PASSWORD", account, "Choose a password of at most " + MAX_PASSWORD_LENGTH + " characters");
            return;
        }
        if (c.sasl != null) {
            registerFail(c, "TEMPORARILY_UNAVAILABLE", account, "Finish or abort the SASL exchange first");
            return;
        }
        // BUSY holds off AUTHENTICATE and a second REGISTER until the store has answered.
        SaslExchange busy = new SaslExchange("REGISTER", SaslExchange.Step.BUSY);
        c.sasl = busy;
        Accounts accounts = c.server().accounts();
        String folded = hub.fold(account);
        int iterations = accounts.config().scramIterations();
        byte[] salt = accounts.newSalt();
        java.time.Instant now = hub.config().clock().instant();
        CompletableFuture<Boolean> created = accounts.hash(() -> Scram.keys(password, salt, iterations))
                .thenCompose(keys -> accounts.config().store().create(folded,
                        new Account(account, new ScramCredentials(salt, iterations, keys.storedKey(), keys.serverKey()), now)));
        java.util.concurrent.Executor answer = c.laterInResponse();
        created.whenComplete((ok, error) -> answer.execute(() -> {
            if (c.sasl == busy) {
                c.sasl = null;
            }
            if (error != null) {
                log.error("{}: REGISTER {} could not be stored: {}", c.describe(), account, error.toString());
                registerFail(c, "TEMPORARILY_UNAVAILABLE", account, "The server cannot save accounts right now; try again later");
            } else if (!ok) {
                registerFail(c, "ACCOUNT_EXISTS", account, "That account already exists: log in with SASL, or choose another nick");
            } else if (!c.isClosing()) {
                log.info("{} registered account {}", c.describe(), account);
                c.send(IrcMessage.from(c.serverName(), "REGISTER", "SUCCESS", account, "Account created and saved; you are logged in"));
                loggedIn(c, account, null);
            }
        }));
    }

    private static void registerFail(IrcConnection c, String code, String account, String text) {
        c.send(new IrcMessage(java.util.Map.of(), c.serverName(), "FAIL", List.of("REGISTER", code, account, text)));
    }

    // ---- nick ownership --------------------------------------------------------------------

    /**
     * Called when the user starts using a nick (registration, NICK): if an account owns it and the
     * user is not logged in to that account, they have the grace period to log in.
     */
    static void checkNickClaim(IrcConnection c) {
        ChatUser user = c.user();
        if (user == null) {
            return;
        }
        ChatHub hub = c.server().hub();
        String folded = hub.fold(user.nick());
        if (c.account() != null && hub.fold(c.account()).equals(folded)) {
            c.nickClaimDeadlineNanos = 0;
            return;
        }
        c.server().accounts().config().store().find(folded).whenComplete((account, error) -> c.channel().eventLoop().execute(() -> {
            if (error != null || account.isEmpty() || c.isClosing() || !hub.fold(c.nick()).equals(folded)) {
                return;
            }
            if (c.account() != null && hub.fold(c.account()).equals(folded)) {
                return;
            }
            long graceNanos = c.server().accounts().config().nickClaimGrace().toNanos();
            c.nickClaimFolded = folded;
            c.nickClaimDeadlineNanos = saturatingAdd(c.server().nowNanos(), Math.max(1, graceNanos));
            if (c.nickClaimDeadlineNanos == 0) {
                c.nickClaimDeadlineNanos = 1;
            }
            c.sendNotice("The nick " + c.nick() + " belongs to a registered account. Log in to it (SASL) within "
                    + c.server().accounts().config().nickClaimGrace().toSeconds() + " seconds, or you will be renamed.");
        }));
    }

    /** From the liveness tick: renames a user whose time to log in to the nick's account is up. */
    static void enforceNickClaim(IrcConnection c, long nowNanos) {
        if (c.nickClaimDeadlineNanos == 0 || nowNanos - c.nickClaimDeadlineNanos < 0) {
            return;
        }
        c.nickClaimDeadlineNanos = 0;
        ChatUser user = c.user();
        ChatHub hub = c.server().hub();
        if (user == null || !hub.fold(user.nick()).equals(c.nickClaimFolded)
                || (c.account() != null && hub.fold(c.account()).equals(c.nickClaimFolded))) {
            return;
        }
        String old = user.nick();
        for (int attempt = 0; attempt < 20; attempt++) {
            String guest = "Guest" + ThreadLocalRandom.current().nextInt(10_000, 100_000);
            if (!hub.isNickAvailable(guest)) {
                continue;
            }
            try {
                hub.changeNick(user, guest);
                c.sendNotice("You did not log in to the account that owns " + old + ", so you are now " + guest + ".");
                log.info("{}: renamed from {}, a registered nick", c.describe(), old);
                return;
            } catch (ChatException e) {
                // taken in the meantime: try another
            }
        }
        c.disconnect("Nick " + old + " belongs to a registered account");
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
