package org.messenger.irc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.chat.store.ChatStore;

/** https://ircv3.net/specs/extensions/labeled-response: each shape of a labeled answer. */
class LabeledResponseTest extends IrcServerTestBase {
    @TempDir
    Path data;

    /** The lines of the labeled-response batch opened by {@code open}, up to its end. */
    private static List<String> batchOf(RawIrcClient client, String open) {
        String id = open.substring(open.indexOf("BATCH +") + 7).split(" ")[0];
        client.expect("^:test.server BATCH -" + Pattern.quote(id) + "$");
        List<String> all = client.lines();
        return all.subList(all.indexOf(open) + 1, all.size() - 1).stream().filter(l -> !l.startsWith("PING")).toList();
    }

    @Test
    void isRefusedWithoutBatchWhichItsMultiLineAnswersNeed() {
        start();
        RawIrcClient client = connect();
        client.send("CAP REQ :labeled-response");
        client.expect("^:test.server CAP \\* NAK :labeled-response$");
        client.send("CAP REQ :batch labeled-response");
        client.expect("^:test.server CAP \\* ACK :batch labeled-response$");
    }

    @Test
    void aOneLineAnswerCarriesTheLabel() {
        start();
        RawIrcClient alice = registeredWithCaps("alice", "batch labeled-response");
        alice.send("@label=pong1 PING :hello");
        alice.expect("^@label=pong1 :test.server PONG test.server :hello$");
    }

    @Test
    void aCommandWithNoAnswerIsAcknowledged() {
        start();
        RawIrcClient alice = registeredWithCaps("alice", "batch labeled-response");
        RawIrcClient bob = registered("bob");
        alice.send("@label=m1 PRIVMSG bob :hi");
        alice.expect("^@label=m1 :test.server ACK$");
        bob.expect("PRIVMSG bob :hi$");
        assertThat(bob.lines()).noneMatch(l -> l.contains("label"));
    }

    @Test
    void aMultiLineAnswerComesInALabeledResponseBatch() {
        start();
        RawIrcClient alice = registeredWithCaps("alice", "batch labeled-response");
        alice.send("@label=who1 WHOIS alice");
        String open = alice.expect("^@label=who1 :test.server BATCH \\+\\S+ labeled-response$");
        String id = open.substring(open.indexOf("BATCH +") + 7).split(" ")[0];
        List<String> inside = batchOf(alice, open);
        assertThat(inside).isNotEmpty().allMatch(l -> l.startsWith("@batch=" + id + " :test.server "));
        assertThat(inside.get(0)).contains(" 311 alice alice ");
        assertThat(inside.get(inside.size() - 1)).contains(" 318 alice alice ");
    }

    @Test
    void theJoinersOwnJoinIsPartOfItsLabeledAnswer() {
        start();
        RawIrcClient alice = registeredWithCaps("alice", "batch labeled-response");
        alice.send("@label=j1 JOIN #dev");
        String open = alice.expect("^@label=j1 :test.server BATCH \\+\\S+ labeled-response$");
        List<String> inside = batchOf(alice, open);
        assertThat(inside.get(0)).endsWith(":alice!~alice@127.0.0.1 JOIN #dev");
        assertThat(inside).anyMatch(l -> l.contains(" 366 alice #dev "));
    }

    @Test
    void namesLinesAreTheSameWrittenAsBytesOrInsideALabeledAnswer() {
        start();
        registered("bob");
        RawIrcClient alice = registeredWithCaps("alice", "batch labeled-response");
        alice.send("NAMES #lobby");
        String plain = alice.expect(" 353 alice = #lobby :");
        alice.expect(" 366 alice #lobby ");
        alice.send("@label=n1 NAMES #lobby");
        String open = alice.expect("^@label=n1 :test.server BATCH \\+\\S+ labeled-response$");
        String id = open.substring(open.indexOf("BATCH +") + 7).split(" ")[0];

        assertThat(plain).isEqualTo(":test.server 353 alice = #lobby :bob alice");
        assertThat(batchOf(alice, open)).contains("@batch=" + id + " " + plain);
    }

    @Test
    void historyReadFromTheStoreNestsItsBatchInTheLabeledOne() throws IOException {
        try (ChatStore store = ChatStore.open(data)) {
            start(IrcServerConfig.builder().history(store.history(100)));
            RawIrcClient alice = registeredWithCaps("alice", "batch labeled-response draft/chathistory");
            RawIrcClient bob = registered("bob");
            bob.send("PRIVMSG #lobby :kept");
            alice.expect("PRIVMSG #lobby :kept$");
            alice.send("@label=h1 CHATHISTORY LATEST #lobby * 10");
            String open = alice.expect("^@label=h1 :test.server BATCH \\+\\S+ labeled-response$");
            String outer = open.substring(open.indexOf("BATCH +") + 7).split(" ")[0];
            List<String> inside = batchOf(alice, open);
            assertThat(inside).hasSize(3);
            assertThat(inside.get(0)).matches("^@batch=" + outer + " :test.server BATCH \\+(\\S+) chathistory #lobby$");
            String inner = inside.get(0).replaceAll(".*BATCH \\+(\\S+) .*", "$1");
            assertThat(inside.get(1)).startsWith("@batch=" + inner + " ").endsWith("PRIVMSG #lobby :kept");
            assertThat(inside.get(2)).isEqualTo("@batch=" + outer + " :test.server BATCH -" + inner);
            server.close();
        }
    }

    @Test
    void anEchoThatWaitsForTheDiskIsTheLabeledAnswer() {
        EchoAfterStoreTest.HeldStore store = new EchoAfterStoreTest.HeldStore();
        start(IrcServerConfig.builder().history(store));
        RawIrcClient alice = registeredWithCaps("alice", "batch labeled-response echo-message");
        alice.send("@label=e1 PRIVMSG #lobby :saved");
        alice.send("PING :meanwhile");
        alice.expect("PONG test.server :meanwhile");
        assertThat(alice.hasSeen("e1")).as("no answer before the store commits").isFalse();
        store.syncs.forEach(f -> f.complete(null));
        alice.expect("^@label=e1 :alice!~alice@127.0.0.1 PRIVMSG #lobby :saved$");
    }

    @Test
    void aLabelOver64BytesIsIgnored() {
        start();
        RawIrcClient alice = registeredWithCaps("alice", "batch labeled-response");
        alice.send("@label=" + "x".repeat(65) + " PING :long");
        alice.expect("^:test.server PONG test.server :long$");
    }

    @Test
    void aClientWithoutTheCapabilityGetsNoLabel() {
        start();
        RawIrcClient alice = registered("alice");
        alice.send("@label=p PING :plain");
        alice.expect("^:test.server PONG test.server :plain$");
    }
}
