package org.messenger.irc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.messenger.chat.ChatConfig;

/**
 * IRCv3 message ids (https://ircv3.net/specs/extensions/message-ids), batches
 * (https://ircv3.net/specs/extensions/batch), cap-notify under CAP LS 302 and chat history
 * (https://ircv3.net/specs/extensions/chathistory). The hub's clock moves one second per reading,
 * so every message has its own timestamp.
 */
class ChatHistoryTest extends IrcServerTestBase {
    private static final Pattern MSGID = Pattern.compile("msgid=([^; ]+)");
    private RawIrcClient alice;
    private RawIrcClient bob;

    /** A clock that moves one second each time it is read: deterministic, distinct timestamps. */
    private static final class SteppingClock extends Clock {
        private Instant now = Instant.parse("2026-12-04T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public synchronized Instant instant() {
            now = now.plusSeconds(1);
            return now;
        }
    }

    @BeforeEach
    void fiveLobbyMessages() {
        start(IrcServerConfig.builder().chat(ChatConfig.defaults().withClock(new SteppingClock())));
        alice = historyClient("alice");
        bob = registered("bob");
        for (int i = 1; i <= 5; i++) {
            bob.send("PRIVMSG #lobby :m" + i);
            alice.expect("PRIVMSG #lobby :m" + i + "$");
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

    private String msgidOf(String text) {
        String line = alice.lines().stream().filter(l -> l.endsWith("PRIVMSG #lobby :" + text)).findFirst().orElseThrow();
        Matcher m = MSGID.matcher(line);
        assertThat(m.find()).as("msgid on " + line).isTrue();
        return m.group(1);
    }

    /** The texts of the PRIVMSGs between the next BATCH +id and BATCH -id. */
    private List<String> nextBatch(RawIrcClient client, String type) {
        String open = client.expect("^:test.server BATCH \\+(\\S+) " + Pattern.quote(type));
        String id = open.split(" ")[2].substring(1);
        client.expect("^:test.server BATCH -" + Pattern.quote(id) + "$");
        List<String> all = client.lines();
        int from = all.indexOf(open);
        int to = all.indexOf(":test.server BATCH -" + id);
        return all.subList(from + 1, to).stream()
                .peek(l -> assertThat(l).startsWith("@batch=" + id + ";"))
                .map(l -> l.substring(l.lastIndexOf(" :") + 2)).toList();
    }

    @Test
    void everyMessageCarriesAMsgidForMessageTagsClients() {
        assertThat(msgidOf("m1")).isNotEqualTo(msgidOf("m2"));
        assertThat(bob.lines()).noneMatch(l -> l.contains("msgid="));
    }

    @Test
    void capLs302EnablesCapNotify() {
        alice.send("CAP LIST");
        alice.expect("CAP alice LIST :.*cap-notify");
    }

    @Test
    void isupportAnnouncesTheHistoryLimitAndReferenceTypes() {
        assertThat(String.join(" ", alice.lines())).contains("CHATHISTORY=100", "MSGREFTYPES=msgid,timestamp");
    }

    @Test
    void latestReplaysTheLastMessagesInAChathistoryBatch() {
        alice.send("CHATHISTORY LATEST #lobby * 3");
        assertThat(nextBatch(alice, "chathistory #lobby")).containsExactly("m3", "m4", "m5");
    }

    @Test
    void beforeAMsgidGivesTheEarlierMessagesOldestFirst() {
        alice.send("CHATHISTORY BEFORE #lobby msgid=" + msgidOf("m4") + " 2");
        assertThat(nextBatch(alice, "chathistory #lobby")).containsExactly("m2", "m3");
    }

    @Test
    void afterATimestampGivesTheLaterMessages() {
        String line = alice.lines().stream().filter(l -> l.endsWith(":m2")).findFirst().orElseThrow();
        String time = line.replaceAll(".*time=([^; ]+).*", "$1");
        alice.send("CHATHISTORY AFTER #lobby timestamp=" + time + " 10");
        assertThat(nextBatch(alice, "chathistory #lobby")).containsExactly("m3", "m4", "m5");
    }

    @Test
    void aroundAMsgidCentresOnIt() {
        alice.send("CHATHISTORY AROUND #lobby msgid=" + msgidOf("m3") + " 3");
        assertThat(nextBatch(alice, "chathistory #lobby")).containsExactly("m2", "m3", "m4");
    }

    @Test
    void betweenTwoMsgidsExcludesBothEnds() {
        alice.send("CHATHISTORY BETWEEN #lobby msgid=" + msgidOf("m1") + " msgid=" + msgidOf("m5") + " 10");
        assertThat(nextBatch(alice, "chathistory #lobby")).containsExactly("m2", "m3", "m4");
    }

    @Test
    void privateHistoryIsReadByEitherSide() {
        bob.send("PRIVMSG alice :just us");
        alice.expect("PRIVMSG alice :just us$");
        alice.send("CHATHISTORY LATEST bob * 10");
        assertThat(nextBatch(alice, "chathistory bob")).containsExactly("just us");
    }

    @Test
    void targetsListsConversationsWithActivity() {
        bob.send("PRIVMSG alice :psst");
        alice.expect("PRIVMSG alice :psst$");
        alice.send("CHATHISTORY TARGETS timestamp=2026-12-04T00:00:00.000Z timestamp=2026-12-05T00:00:00.000Z 10");
        alice.expect("^:test.server BATCH \\+\\S+ draft/chathistory-targets$");
        alice.expect("CHATHISTORY TARGETS #lobby timestamp=2026-12-04T10:00:\\d\\d.000Z$");
        alice.expect("CHATHISTORY TARGETS bob timestamp=");
        alice.expect("^:test.server BATCH -");
    }

    @Test
    void historyOfAChannelNotJoinedFailsWithInvalidTarget() {
        bob.send("JOIN #private");
        bob.expect(" 366 bob #private ");
        alice.send("CHATHISTORY LATEST #private * 10");
        alice.expect("^:test.server FAIL CHATHISTORY INVALID_TARGET LATEST #private :");
    }

    @Test
    void aLimitThatIsNotANumberFailsWithInvalidParams() {
        alice.send("CHATHISTORY LATEST #lobby * lots");
        alice.expect("^:test.server FAIL CHATHISTORY INVALID_PARAMS LATEST :");
    }

    @Test
    void aMalformedReferenceFailsWithInvalidParams() {
        alice.send("CHATHISTORY BEFORE #lobby timestamp=yesterday 10");
        alice.expect("^:test.server FAIL CHATHISTORY INVALID_PARAMS BEFORE :");
    }
}
