package org.messenger.irc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessagingTest extends IrcServerTestBase {

    @BeforeEach
    void startServer() {
        start();
    }

    @Test
    void privateMessageReachesOnlyTheRecipient() {
        RawIrcClient alice = registered("alice");
        RawIrcClient bob = registered("bob");
        RawIrcClient carol = registered("carol");
        alice.send("PRIVMSG Bob :hello bob");
        bob.expect("^:alice!~alice@127.0.0.1 PRIVMSG bob :hello bob$");
        // A later lobby line proves carol's stream went past the moment of the private message.
        alice.send("PRIVMSG #lobby :marker");
        carol.expect("PRIVMSG #lobby :marker$");
        assertThat(carol.lines()).noneMatch(l -> l.contains("hello bob"));
    }

    @Test
    void lobbyMessageReachesEveryoneElseButNotTheSender() {
        RawIrcClient alice = registered("alice");
        RawIrcClient bob = registered("bob");
        RawIrcClient carol = registered("carol");
        alice.send("PRIVMSG #lobby :hi all");
        bob.expect("^:alice!~alice@127.0.0.1 PRIVMSG #lobby :hi all$");
        carol.expect("^:alice!~alice@127.0.0.1 PRIVMSG #lobby :hi all$");
        alice.send("PING :sync");
        alice.expect("PONG test.server :sync");
        assertThat(alice.lines()).noneMatch(l -> l.contains("hi all"));
    }

    @Test
    void joinsAndQuitsAreSeenByEveryoneInTheLobby() {
        RawIrcClient alice = registered("alice");
        RawIrcClient bob = registered("bob");
        alice.expect("^:bob!~bob@127.0.0.1 JOIN #lobby$");
        RawIrcClient carol = registered("carol");
        alice.expect("^:carol!~carol@127.0.0.1 JOIN #lobby$");
        bob.expect("^:carol!~carol@127.0.0.1 JOIN #lobby$");
        carol.close();
        alice.expect("^:carol!~carol@127.0.0.1 QUIT :");
        bob.expect("^:carol!~carol@127.0.0.1 QUIT :");
    }

    @Test
    void aNewcomersJoinReachesOthersBeforeAnythingItSays() {
        // Bystanders are told of JOINs once per presence window; what bob says right after his
        // JOIN must not overtake it (a client would hear from someone not in its member list).
        RawIrcClient alice = registered("alice");
        RawIrcClient bob = registered("bob");
        bob.send("PRIVMSG alice :first words");
        bob.send("PRIVMSG #lobby :to all");
        alice.expect("PRIVMSG #lobby :to all$");
        List<String> lines = alice.lines();
        int join = indexOf(lines, ":bob!~bob@127.0.0.1 JOIN #lobby");
        int privately = indexOf(lines, "PRIVMSG alice :first words");
        assertThat(join).as("bob's JOIN reached alice").isNotNegative();
        assertThat(join).as("before his private message").isLessThan(privately);
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void fiftyClientsRegisterAndAllHearOneLobbyMessage() {
        List<RawIrcClient> clients = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            clients.add(registered("user" + i));
        }
        assertThat(server.hub().channel("#lobby").orElseThrow().members()).hasSize(50);
        clients.get(0).send("PRIVMSG #lobby :to everyone");
        for (RawIrcClient client : clients.subList(1, 50)) {
            client.expect("^:user0!~user0@127.0.0.1 PRIVMSG #lobby :to everyone$");
        }
        clients.get(49).send("NAMES #lobby");
        String names = String.join(" ", List.of(clients.get(49).expect(" 353 user49 = #lobby :")));
        assertThat(names).contains("user0");
    }

    @Test
    void duplicateTargetsUnderTheCaseMappingGetOneCopy() {
        RawIrcClient alice = registered("alice");
        RawIrcClient bob = registered("bob");
        alice.send("PRIVMSG bob,BOB,bob,Bob :only once");
        alice.send("PRIVMSG bob :marker");
        bob.expect("PRIVMSG bob :marker$");
        assertThat(bob.lines()).filteredOn(l -> l.contains(":only once")).hasSize(1);
    }

    @Test
    void messageToUnknownNickGets401() {
        RawIrcClient alice = registered("alice");
        alice.send("PRIVMSG ghost :boo");
        alice.expect("^:test.server 401 alice ghost :No such nick/channel$");
    }

    @Test
    void messageToChannelNotJoinedGets404AndToMissingChannel403() {
        RawIrcClient alice = registered("alice");
        RawIrcClient bob = registered("bob");
        bob.send("JOIN #side");
        bob.expect("JOIN #side$");
        alice.send("PRIVMSG #side :let me in");
        alice.expect(" 404 alice #side :Cannot send to channel");
        alice.send("PRIVMSG #nowhere :x");
        alice.expect(" 403 alice #nowhere :No such channel");
    }

    @Test
    void missingRecipientOrTextGets411And412() {
        RawIrcClient alice = registered("alice");
        alice.send("PRIVMSG");
        alice.expect(" 411 alice :No recipient given \\(PRIVMSG\\)");
        alice.send("PRIVMSG bob");
        alice.expect(" 412 alice :No text to send");
        alice.send("PRIVMSG bob :");
        alice.expect(" 412 alice ");
    }

    @Test
    void noticeFailuresAreSilent() {
        RawIrcClient alice = registered("alice");
        alice.send("NOTICE ghost :x");
        alice.send("PING :after");
        alice.expect("PONG test.server :after");
        assertThat(alice.lines()).noneMatch(l -> l.contains(" 401 "));
    }

    @Test
    void noticeIsRelayedAsNotice() {
        RawIrcClient alice = registered("alice");
        RawIrcClient bob = registered("bob");
        alice.send("NOTICE bob :fyi");
        bob.expect("^:alice!~alice@127.0.0.1 NOTICE bob :fyi$");
    }

    @Test
    void severalTargetsAtOnce() {
        RawIrcClient alice = registered("alice");
        RawIrcClient bob = registered("bob");
        RawIrcClient carol = registered("carol");
        alice.send("PRIVMSG bob,carol :both of you");
        bob.expect("PRIVMSG bob :both of you$");
        carol.expect("PRIVMSG carol :both of you$");
        alice.send("PRIVMSG a,b,c,d,e :too many");
        alice.expect(" 407 alice a,b,c,d,e ");
    }

    @Test
    void echoMessageAndServerTimeAreAddedForClientsThatAskedForThem() {
        RawIrcClient bob = registered("bob");
        RawIrcClient alice = connect();
        alice.send("CAP LS 302");
        alice.send("CAP REQ :echo-message server-time message-tags");
        alice.send("NICK alice");
        alice.send("USER alice 0 * :Alice");
        alice.send("CAP END");
        alice.expect(" 366 alice #lobby ");
        alice.send("@+draft/reply=abc;secret=x PRIVMSG #lobby :tagged");
        alice.expect("^@time=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z;msgid=[^; ]+;\\+draft/reply=abc :alice!~alice@127.0.0.1 PRIVMSG #lobby :tagged$");
        // bob asked for nothing: no tags at all.
        bob.expect("^:alice!~alice@127.0.0.1 PRIVMSG #lobby :tagged$");
        bob.send("PRIVMSG alice :back");
        alice.expect("^@time=[^ ]+ :bob!~bob@127.0.0.1 PRIVMSG alice :back$");
    }

    @Test
    void userhostInNamesListsFullMasks() {
        RawIrcClient alice = connect();
        alice.send("CAP REQ userhost-in-names");
        alice.send("NICK alice");
        alice.send("USER alice 0 * :Alice");
        alice.send("CAP END");
        alice.expect(" 353 alice = #lobby :alice!~alice@127.0.0.1$");
    }

    @Test
    void awayUserCausesRplAwayToTheSender() {
        RawIrcClient alice = registered("alice");
        RawIrcClient bob = registered("bob");
        bob.send("AWAY :at lunch");
        bob.expect(" 306 bob :You have been marked as being away");
        alice.send("PRIVMSG bob :there?");
        alice.expect(" 301 alice bob :at lunch$");
        bob.send("AWAY");
        bob.expect(" 305 bob ");
    }

    @Test
    void channelsCanBeJoinedPartedAndHaveTopics() {
        RawIrcClient alice = registered("alice");
        RawIrcClient bob = registered("bob");
        alice.send("JOIN #dev,#ops");
        alice.expect("^:alice!~alice@127.0.0.1 JOIN #dev$");
        alice.expect(" 366 alice #dev ");
        alice.expect("JOIN #ops$");
        alice.send("TOPIC #dev :release friday");
        alice.expect("^:alice!~alice@127.0.0.1 TOPIC #dev :release friday$");
        bob.send("JOIN #dev");
        bob.expect(" 332 bob #dev :release friday$");
        bob.expect(" 333 bob #dev alice \\d+$");
        bob.expect(" 353 bob = #dev :@alice bob$");
        alice.expect("^:bob!~bob@127.0.0.1 JOIN #dev$");
        bob.send("PART #dev :bye dev");
        alice.expect("^:bob!~bob@127.0.0.1 PART #dev :bye dev$");
        bob.send("PART #dev");
        bob.expect(" 442 bob #dev :You're not on that channel");
        bob.send("JOIN nohash");
        bob.expect(" 476 bob nohash ");
        bob.send("TOPIC #dev");
        bob.expect(" 332 bob #dev :release friday$");
    }

    @Test
    void tagmsgReachesOnlyClientsWithMessageTags() {
        RawIrcClient plain = registered("plain");
        RawIrcClient bob = connect();
        bob.send("CAP REQ message-tags");
        bob.send("NICK bob");
        bob.send("USER bob 0 * :Bob");
        bob.send("CAP END");
        bob.expect(" 366 bob #lobby ");
        RawIrcClient alice = registered("alice");
        alice.send("@+typing=active;label=x TAGMSG #lobby");
        bob.expect("^@msgid=[^; ]+;\\+typing=active :alice!~alice@127.0.0.1 TAGMSG #lobby$");
        alice.send("PRIVMSG #lobby :marker");
        plain.expect("PRIVMSG #lobby :marker$");
        assertThat(plain.lines()).noneMatch(l -> l.contains("TAGMSG"));
        assertThat(server.hub().channelHistory("#lobby")).extracting(m -> m.text()).containsExactly("marker");
    }
}
