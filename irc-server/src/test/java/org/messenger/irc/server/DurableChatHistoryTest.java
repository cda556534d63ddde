package org.messenger.irc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.chat.store.ChatStore;
import org.messenger.irc.codec.sasl.SaslPlain;

/**
 * CHATHISTORY after a restart (https://ircv3.net/specs/extensions/chathistory), against the real
 * SQLite store of the data folder: every channel's history and every private conversation are
 * read from it, with the msgids they were sent with, and a private conversation only by its two
 * people.
 */
class DurableChatHistoryTest extends IrcServerTestBase {
    private static final Pattern MSGID = Pattern.compile("msgid=([^; ]+)");
    private static final String PASSWORD = "correct horse battery";
    private static final String ALL_TIME = "timestamp=2000-01-01T00:00:00.000Z timestamp=2100-01-01T00:00:00.000Z";

    @TempDir
    Path data;
    private ChatStore store;

    /** Starts (or restarts) the server on the data folder's database, as {@code messenger server --data} does. */
    private void startOnDisk() {
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
        try {
            store = ChatStore.open(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start(IrcServerConfig.builder()
                .accounts(AccountConfig.inMemory().withStore(store.accounts()).withScramIterations(4096))
                .history(store.history(100)));
    }

    @AfterEach
    void closeStore() {
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private RawIrcClient historyClient(String nick) {
        RawIrcClient client = connect();
        client.send("CAP LS 302");
        client.send("CAP REQ :batch server-time message-tags draft/chathistory");
        client.expect("CAP \\* ACK");
        client.send("CAP END");
        return client.register(nick);
    }

    /** Logs in to {@code nick}'s account with SASL PLAIN while registering, as irssi and WeeChat do. */
    private RawIrcClient loggedIn(String nick) {
        RawIrcClient client = connect();
        client.send("CAP LS 302");
        client.send("NICK " + nick);
        client.send("USER " + nick + " 0 * :Test " + nick);
        client.send("CAP REQ :sasl batch server-time message-tags draft/chathistory");
        client.expect("CAP \\* ACK");
        client.send("AUTHENTICATE PLAIN");
        client.expect("^AUTHENTICATE \\+$");
        client.send("AUTHENTICATE " + AccountsTest.b64(SaslPlain.encode(nick, PASSWORD)));
        client.expect(" 903 ");
        client.send("CAP END");
        client.expect(" 366 " + nick + " #lobby ");
        return client;
    }

    private RawIrcClient withAccount(String nick) {
        RawIrcClient client = historyClient(nick);
        client.send("REGISTER * * :" + PASSWORD);
        client.expect(" 900 " + nick + " ");
        return client;
    }

    private static String msgid(String line) {
        Matcher m = MSGID.matcher(line);
        assertThat(m.find()).as("msgid on " + line).isTrue();
        return m.group(1);
    }

    /** The lines of the next chathistory batch, without their tags. */
    private static List<String> batch(RawIrcClient client) {
        String open = client.expect(" BATCH \\+\\S+ chathistory");
        String id = open.substring(open.indexOf("BATCH +") + 7).split(" ")[0];
        client.expect(" BATCH -" + Pattern.quote(id) + "$");
        return client.lines().stream().filter(l -> l.startsWith("@batch=" + id + ";") || l.startsWith("@batch=" + id + " "))
                .map(l -> l.substring(l.indexOf(' ') + 1)).toList();
    }

    @Test
    void aLobbyMessageFromBeforeARestartIsFoundByItsMsgid() {
        startOnDisk();
        RawIrcClient alice = historyClient("alice");
        RawIrcClient bob = registered("bob");
        bob.send("PRIVMSG #lobby :before the restart");
        String id = msgid(alice.expect("PRIVMSG #lobby :before the restart$"));

        startOnDisk();
        RawIrcClient carol = historyClient("carol");
        carol.send("CHATHISTORY AROUND #lobby msgid=" + id + " 5");
        carol.expect("^@batch=\\S+;.*msgid=" + Pattern.quote(id) + ".* PRIVMSG #lobby :before the restart$");
    }

    @Test
    void anotherChannelsHistoryIsReadAfterARestartByMsgidAndByTimestamp() {
        startOnDisk();
        RawIrcClient alice = historyClient("alice");
        RawIrcClient bob = historyClient("bob");
        alice.send("JOIN #dev");
        alice.expect(" 366 alice #dev ");
        bob.send("JOIN #dev");
        bob.expect(" 366 bob #dev ");
        alice.send("PRIVMSG #dev :one");
        alice.send("PRIVMSG #dev :two");
        alice.send("PRIVMSG #dev :three");
        bob.expect("PRIVMSG #dev :one$");
        bob.expect("PRIVMSG #dev :two$");
        String three = msgid(bob.expect("PRIVMSG #dev :three$"));

        startOnDisk();
        RawIrcClient carol = historyClient("carol");
        carol.send("JOIN #dev");
        carol.expect(" 366 carol #dev ");
        carol.send("CHATHISTORY BEFORE #dev msgid=" + three + " 10");
        assertThat(batch(carol)).containsExactly(":alice!~alice@127.0.0.1 PRIVMSG #dev :one", ":alice!~alice@127.0.0.1 PRIVMSG #dev :two");
        carol.send("CHATHISTORY BETWEEN #dev " + ALL_TIME + " 10");
        assertThat(batch(carol)).containsExactly(":alice!~alice@127.0.0.1 PRIVMSG #dev :one", ":alice!~alice@127.0.0.1 PRIVMSG #dev :two",
                ":alice!~alice@127.0.0.1 PRIVMSG #dev :three");
    }

    @Test
    void aChannelsStoredHistoryIsOnlyForItsMembers() {
        startOnDisk();
        RawIrcClient alice = historyClient("alice");
        alice.send("JOIN #dev");
        alice.expect(" 366 alice #dev ");
        alice.send("PRIVMSG #dev :members only");
        RawIrcClient carol = historyClient("carol");
        carol.send("CHATHISTORY LATEST #dev * 10");
        carol.expect("^:test.server FAIL CHATHISTORY INVALID_TARGET LATEST #dev :");
    }

    @Test
    void aPrivateConversationIsReadByBothSidesAfterARestartEvenWithTheOtherOffline() {
        startOnDisk();
        RawIrcClient alice = withAccount("alice");
        RawIrcClient bob = withAccount("bob");
        alice.send("PRIVMSG bob :hello bob");
        String first = msgid(bob.expect("PRIVMSG bob :hello bob$"));
        bob.send("PRIVMSG alice :hello alice");
        alice.expect("PRIVMSG alice :hello alice$");

        startOnDisk();
        RawIrcClient aliceAgain = loggedIn("alice");
        aliceAgain.send("CHATHISTORY LATEST bob * 10");
        assertThat(batch(aliceAgain)).containsExactly(":alice!~alice@127.0.0.1 PRIVMSG bob :hello bob",
                ":bob!~bob@127.0.0.1 PRIVMSG alice :hello alice");
        RawIrcClient bobAgain = loggedIn("bob");
        bobAgain.send("CHATHISTORY AFTER alice msgid=" + first + " 10");
        assertThat(batch(bobAgain)).containsExactly(":bob!~bob@127.0.0.1 PRIVMSG alice :hello alice");
        bobAgain.send("CHATHISTORY BETWEEN ALICE " + ALL_TIME + " 10");
        assertThat(batch(bobAgain)).hasSize(2);
    }

    @Test
    void someoneWhoTakesANickDoesNotReadThePrivateHistoryOfItsFormerHolder() {
        startOnDisk();
        RawIrcClient alice = historyClient("alice");
        RawIrcClient bob = historyClient("bob");
        alice.send("PRIVMSG bob :for bob's eyes");
        bob.expect("PRIVMSG bob :for bob's eyes$");
        bob.close();
        org.awaitility.Awaitility.await().atMost(RawIrcClient.TIMEOUT).until(() -> server.hub().findUser("bob").isEmpty());

        RawIrcClient mallory = historyClient("bob");
        mallory.send("CHATHISTORY LATEST alice * 10");
        assertThat(batch(mallory)).isEmpty();
        mallory.send("CHATHISTORY TARGETS " + ALL_TIME + " 10");
        mallory.expect(" BATCH \\+\\S+ draft/chathistory-targets");
        mallory.expect(" BATCH -");
        assertThat(mallory.hasSeen("TARGETS alice")).isFalse();
        assertThat(mallory.lines()).noneMatch(l -> l.contains("for bob's eyes"));
    }

    @Test
    void aUserWhoKeepsItsNickReadsWhatItSaidSinceWithoutAnAccount() {
        startOnDisk();
        RawIrcClient alice = historyClient("alice");
        RawIrcClient bob = historyClient("bob");
        alice.send("PRIVMSG bob :same session");
        bob.expect("PRIVMSG bob :same session$");
        bob.send("CHATHISTORY LATEST alice * 10");
        assertThat(batch(bob)).containsExactly(":alice!~alice@127.0.0.1 PRIVMSG bob :same session");
    }

    @Test
    void targetsListsTheChannelsAndPeopleOfTheAskingUserAfterARestart() {
        startOnDisk();
        RawIrcClient alice = withAccount("alice");
        RawIrcClient bob = withAccount("bob");
        RawIrcClient carol = historyClient("carol");
        alice.send("JOIN #dev");
        alice.expect(" 366 alice #dev ");
        alice.send("PRIVMSG #dev :in dev");
        alice.send("PRIVMSG bob :to bob");
        bob.expect("PRIVMSG bob :to bob$");
        carol.send("PRIVMSG bob :carol to bob");
        bob.expect("PRIVMSG bob :carol to bob$");
        alice.send("PING :stored");
        alice.expect("PONG test.server :stored");

        startOnDisk();
        RawIrcClient aliceAgain = loggedIn("alice");
        aliceAgain.send("JOIN #dev");
        aliceAgain.expect(" 366 alice #dev ");
        aliceAgain.send("CHATHISTORY TARGETS " + ALL_TIME + " 10");
        String open = aliceAgain.expect(" BATCH \\+\\S+ draft/chathistory-targets");
        String id = open.substring(open.indexOf("BATCH +") + 7).split(" ")[0];
        aliceAgain.expect(" BATCH -" + Pattern.quote(id) + "$");
        List<String> targets = aliceAgain.lines().stream().filter(l -> l.startsWith("@batch=" + id + " "))
                .map(l -> l.replaceAll(".* CHATHISTORY TARGETS (\\S+) timestamp=.*", "$1")).toList();
        assertThat(targets).containsExactlyInAnyOrder("#dev", "bob");
    }
}
