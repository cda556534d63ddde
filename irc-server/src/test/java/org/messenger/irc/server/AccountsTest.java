package org.messenger.irc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import org.messenger.irc.server.limits.ConnectionLimits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.messenger.irc.codec.sasl.AuthenticateChunks;
import org.messenger.irc.codec.sasl.SaslPlain;
import org.messenger.irc.codec.sasl.ScramClientExchange;

/** draft/account-registration, SASL PLAIN and SCRAM-SHA-256, nick ownership, and the account capabilities. */
class AccountsTest extends IrcServerTestBase {
    static final String PASSWORD = "correct horse battery";
    private final AtomicLong nowNanos = new AtomicLong(1_000_000_000L);

    @BeforeEach
    void startServer() {
        start(IrcServerConfig.builder()
                .nanoClock(nowNanos::get)
                .livenessCheckInterval(Duration.ofMillis(5))
                .accounts(AccountConfig.inMemory().withScramIterations(4096))
                .limits(ConnectionLimits.DEFAULTS.withPasswordThrottle(3, Duration.ofSeconds(60))));
    }

    private RawIrcClient registeredAccount(String nick) {
        RawIrcClient client = registered(nick);
        client.send("REGISTER * * :" + PASSWORD);
        client.expect("^:test.server REGISTER SUCCESS " + nick + " :");
        client.expect(" 900 " + nick + " " + nick + "!~" + nick + "@127.0.0.1 " + nick + " :You are now logged in as " + nick);
        return client;
    }

    /** Closes the client and waits until the server has let go of its nick. */
    private void leave(RawIrcClient client, String nick) {
        client.close();
        org.awaitility.Awaitility.await().atMost(RawIrcClient.TIMEOUT).until(() -> server.hub().findUser(nick).isEmpty());
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String unb64(String line) {
        String payload = line.substring(line.lastIndexOf(' ') + 1);
        return new String(Base64.getDecoder().decode(payload), StandardCharsets.UTF_8);
    }

    /** CAP LS 302, NICK/USER, CAP REQ sasl, AUTHENTICATE PLAIN: the order irssi and WeeChat use. */
    private RawIrcClient plainLogin(String nick, String account, String password) {
        RawIrcClient client = connect();
        client.send("CAP LS 302");
        client.expect("CAP \\* LS :.*sasl=PLAIN,SCRAM-SHA-256");
        client.send("NICK " + nick);
        client.send("USER " + nick + " 0 * :Test " + nick);
        client.send("CAP REQ :sasl");
        client.expect("CAP \\* ACK :sasl");
        client.send("AUTHENTICATE PLAIN");
        client.expect("^AUTHENTICATE \\+$");
        client.send("AUTHENTICATE " + b64(SaslPlain.encode(account, password)));
        return client;
    }

    @Test
    void capLs302AdvertisesSaslMechanismsAndRegistration() {
        RawIrcClient client = connect();
        client.send("CAP LS 302");
        String ls = client.expect("CAP \\* LS :");
        assertThat(ls).contains("sasl=PLAIN,SCRAM-SHA-256", "draft/account-registration=before-connect", "account-notify",
                "account-tag", "extended-join");
        client.send("CAP LS");
        assertThat(client.expect("CAP \\* LS :")).contains(" sasl ").doesNotContain("sasl=");
    }

    @Test
    void registeredAccountLogsInWithPlainAndShowsInWhois() {
        leave(registeredAccount("alice"), "alice");
        RawIrcClient again = plainLogin("alice", "alice", PASSWORD);
        // Before registration completes the client is "*" in numerics, as in 433.
        again.expect(" 900 \\* alice!~alice@127.0.0.1 alice :You are now logged in as alice");
        again.expect(" 903 \\* :SASL authentication successful");
        again.send("CAP END");
        again.expect(" 001 alice ");
        again.expect("MODE alice \\+r");
        RawIrcClient bob = registered("bob");
        bob.send("WHOIS alice");
        bob.expect(" 330 bob alice alice :is logged in as");
    }

    @Test
    void registeredAccountLogsInWithScram() throws Exception {
        leave(registeredAccount("alice"), "alice");
        RawIrcClient client = connect();
        client.send("CAP REQ :sasl");
        client.send("NICK alice");
        client.send("USER alice 0 * :Alice");
        client.send("AUTHENTICATE SCRAM-SHA-256");
        client.expect("^AUTHENTICATE \\+$");
        ScramClientExchange scram = new ScramClientExchange("alice", PASSWORD, "clientnonce123456");
        client.send("AUTHENTICATE " + b64(scram.clientFirst()));
        String serverFirst = unb64(client.expect("^AUTHENTICATE "));
        client.send("AUTHENTICATE " + b64(scram.clientFinal(serverFirst)));
        String serverFinal = unb64(client.expect("^AUTHENTICATE "));
        assertThat(scram.verifyServerFinal(serverFinal)).as("the server proves it holds the verifier").isTrue();
        client.send("AUTHENTICATE +");
        client.expect(" 900 \\* alice!~alice@127.0.0.1 alice ");
        client.expect(" 903 \\* ");
        client.send("CAP END");
        client.expect(" 001 alice ");
    }

    @Test
    void scramWithAWrongPasswordFails() throws Exception {
        leave(registeredAccount("alice"), "alice");
        RawIrcClient client = connect();
        client.send("AUTHENTICATE SCRAM-SHA-256");
        client.expect("^AUTHENTICATE \\+$");
        ScramClientExchange scram = new ScramClientExchange("alice", "not the password", "nonce-abcdefgh");
        client.send("AUTHENTICATE " + b64(scram.clientFirst()));
        String serverFirst = unb64(client.expect("^AUTHENTICATE "));
        client.send("AUTHENTICATE " + b64(scram.clientFinal(serverFirst)));
        client.expect(" 904 \\* :SASL authentication failed");
    }

    @Test
    void scramForAnUnknownAccountLooksTheSameUntilTheProof() throws Exception {
        RawIrcClient client = connect();
        String[] salts = new String[2];
        for (int i = 0; i < 2; i++) {
            client.send("AUTHENTICATE SCRAM-SHA-256");
            client.expect("^AUTHENTICATE \\+$");
            ScramClientExchange scram = new ScramClientExchange("nobody", "whatever1", "nonce-" + i);
            client.send("AUTHENTICATE " + b64(scram.clientFirst()));
            String serverFirst = unb64(client.expect("^AUTHENTICATE "));
            assertThat(serverFirst).contains(",i=4096");
            salts[i] = serverFirst.replaceAll(".*,s=([^,]*),.*", "$1");
            client.send("AUTHENTICATE " + b64(scram.clientFinal(serverFirst)));
            client.expect(" 904 ");
        }
        assertThat(salts[0]).isEqualTo(salts[1]);
    }

    @Test
    void wrongPasswordFailsAndRepeatedFailuresAreThrottledPerAddress() {
        leave(registeredAccount("alice"), "alice");
        RawIrcClient client = connect();
        for (int i = 0; i < 3; i++) {
            client.send("AUTHENTICATE PLAIN");
            client.expect("^AUTHENTICATE \\+$");
            client.send("AUTHENTICATE " + b64(SaslPlain.encode("alice", "guess" + i + "guess")));
            client.expect(" 904 \\* :SASL authentication failed$");
        }
        client.send("AUTHENTICATE PLAIN");
        client.expect(" 904 \\* :Too many failed logins from your address: try again in 60 s");
        // The same throttle as wrong PASSes: the address's new connections are refused until then.
        RawIrcClient other = connect();
        other.expect("^ERROR :Closing Link: 127\\.0\\.0\\.1 \\(Too many wrong passwords from your address: try again in 60 s\\)$");
        nowNanos.addAndGet(Duration.ofSeconds(60).toNanos());
        RawIrcClient later = plainLogin("alice", "alice", PASSWORD);
        later.expect(" 903 ");
    }

    @Test
    void registeringATakenAccountFails() {
        leave(registeredAccount("alice"), "alice");
        RawIrcClient client = connect();
        client.send("NICK alice");
        client.send("REGISTER * * :another password");
        client.expect("^:test.server FAIL REGISTER ACCOUNT_EXISTS alice :That account already exists");
    }

    @Test
    void registerRefusesWeakPasswordsAndOtherPeoplesNicks() {
        RawIrcClient client = registered("carol");
        client.send("REGISTER * * short");
        client.expect("FAIL REGISTER WEAK_PASSWORD carol :Choose a password of at least 8 characters");
        client.send("REGISTER dave * :long enough password");
        client.expect("FAIL REGISTER BAD_ACCOUNT_NAME dave :The account is named after the nick it owns: use /nick dave first");
        client.send("REGISTER * * :long enough password");
        client.expect("REGISTER SUCCESS carol");
        client.send("REGISTER * * :long enough password");
        client.expect("FAIL REGISTER ALREADY_AUTHENTICATED carol");
    }

    @Test
    void unknownMechanismListsTheOnesWeHave() {
        RawIrcClient client = connect();
        client.send("AUTHENTICATE EXTERNAL");
        client.expect(" 908 \\* PLAIN,SCRAM-SHA-256 :are available SASL mechanisms");
        client.expect(" 904 ");
    }

    @Test
    void abortAndOversizedPayloadsAreAnswered() {
        RawIrcClient client = connect();
        client.send("AUTHENTICATE PLAIN");
        client.expect("^AUTHENTICATE \\+$");
        client.send("AUTHENTICATE *");
        client.expect(" 906 \\* :SASL authentication aborted");
        client.send("AUTHENTICATE PLAIN");
        client.expect("^AUTHENTICATE \\+$");
        String chunk = "A".repeat(AuthenticateChunks.CHUNK);
        for (int i = 0; i < 8; i++) {
            client.send("AUTHENTICATE " + chunk);
        }
        client.expect(" 905 \\* :SASL message too long");
    }

    @Test
    void someoneUsingARegisteredNickIsRenamedAfterTheGracePeriod() {
        leave(registeredAccount("alice"), "alice");
        RawIrcClient impostor = registered("alice");
        impostor.expect("NOTICE alice :The nick alice belongs to a registered account. Log in to it \\(SASL\\) within 30 seconds");
        nowNanos.addAndGet(Duration.ofSeconds(29).toNanos());
        impostor.send("PING :still-alice");
        impostor.expect("PONG test.server :still-alice");
        assertThat(server.hub().findUser("alice")).isPresent();
        nowNanos.addAndGet(Duration.ofSeconds(2).toNanos());
        impostor.expect("^:alice!~alice@127.0.0.1 NICK :?Guest\\d{5}$");
        impostor.expect("NOTICE Guest\\d{5} :You did not log in to the account that owns alice");
    }

    @Test
    void loggingInWithinTheGracePeriodKeepsTheNick() {
        leave(registeredAccount("alice"), "alice");
        RawIrcClient owner = registered("alice");
        owner.expect("belongs to a registered account");
        owner.send("AUTHENTICATE PLAIN");
        owner.expect("^AUTHENTICATE \\+$");
        owner.send("AUTHENTICATE " + b64(SaslPlain.encode("alice", PASSWORD)));
        owner.expect(" 903 alice ");
        nowNanos.addAndGet(Duration.ofSeconds(31).toNanos());
        owner.send("PING :after-grace");
        owner.expect("PONG test.server :after-grace");
        assertThat(owner.hasSeen("NICK")).isFalse();
        assertThat(server.hub().findUser("alice")).map(u -> u.account()).contains("alice");
    }

    @Test
    void takingARegisteredNickWithNickStartsTheGracePeriodToo() {
        leave(registeredAccount("alice"), "alice");
        RawIrcClient bob = registered("bob");
        bob.send("NICK alice");
        bob.expect("NICK :?alice");
        bob.expect("NOTICE alice :The nick alice belongs to a registered account");
        nowNanos.addAndGet(Duration.ofSeconds(31).toNanos());
        bob.expect("NICK :?Guest\\d{5}$");
    }

    @Test
    void accountNotifyExtendedJoinAndAccountTagShowWhoIsLoggedIn() {
        RawIrcClient watcher = connect();
        watcher.send("CAP REQ :account-notify extended-join account-tag");
        watcher.expect("ACK");
        watcher.send("CAP END");
        watcher.register("watcher");
        RawIrcClient alice = registeredAccount("alice");
        watcher.expect("^:alice!~alice@127.0.0.1 JOIN #lobby \\* :Test alice$");
        watcher.expect("^@account=alice :alice!~alice@127.0.0.1 ACCOUNT alice$");
        alice.send("PRIVMSG #lobby :hello");
        watcher.expect("^@account=alice :alice!~alice@127.0.0.1 PRIVMSG #lobby :hello$");
        plainLogin("dave", "alice", PASSWORD).close(); // logs in, never registers: nothing for the watcher
        RawIrcClient carol = connect();
        carol.send("NICK carol");
        carol.send("REGISTER * * :carols password");
        carol.expect("REGISTER SUCCESS carol");
        carol.send("USER carol 0 * :Carol C");
        carol.expect(" 001 carol ");
        watcher.expect("^@account=carol :carol!~carol@127.0.0.1 JOIN #lobby carol :Carol C$");
    }

    @Test
    void clientsWithoutTheCapabilitiesSeePlainLines() {
        RawIrcClient watcher = registered("watcher");
        RawIrcClient alice = registeredAccount("alice");
        watcher.expect("^:alice!~alice@127.0.0.1 JOIN :?#lobby$");
        alice.send("PRIVMSG #lobby :hello");
        watcher.expect("^:alice!~alice@127.0.0.1 PRIVMSG #lobby :hello$");
        assertThat(watcher.lines()).noneMatch(l -> l.contains("ACCOUNT"));
    }
}
