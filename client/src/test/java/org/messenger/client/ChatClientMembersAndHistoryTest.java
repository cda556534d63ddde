package org.messenger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against a scripted server that offers multi-prefix, away-notify, batch and draft/chathistory:
 * the lobby's members with their prefixes and away state, and history loaded when a conversation
 * opens, before live lines and without duplicates.
 */
class ChatClientMembersAndHistoryTest {
    private static final String CAPS = "away-notify batch draft/chathistory message-tags multi-prefix server-time";

    private final FakeIrcServer server = new FakeIrcServer();
    private final RecordingListener listener = new RecordingListener();
    private ChatClient client;
    private FakeIrcServer.Peer peer;

    @BeforeEach
    void connect() throws Exception {
        client = new ChatClient(server.configFor("alice").withRequestTimeout(Duration.ofSeconds(3)));
        client.addListener(listener);
        CompletableFuture<ChatClient> connecting = client.connectAsync();
        peer = server.accept();
        peer.registerOffering(CAPS, "alice", "alice", "@+bob", "+carol", "dave");
        connecting.get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void tearDown() throws IOException {
        server.close();
        client.disconnect("test over");
    }

    private void noLobbyHistory() {
        peer.send(":irc.test BATCH +h0 chathistory #lobby", ":irc.test BATCH -h0");
    }

    /** A PING answered: the client sent nothing else before it, and has handled every line sent before the PONG. */
    private void pingRoundTrip() throws Exception {
        CompletableFuture<Void> pong = client.ping();
        String token = peer.expectMatching("PING :?(messenger-\\d+)");
        peer.send(":irc.test PONG irc.test :" + token);
        pong.get(5, TimeUnit.SECONDS);
    }

    private Member member(String nick) {
        return client.members().stream().filter(m -> m.nick().equals(nick)).findFirst().orElseThrow();
    }

    private Member awaitMember(String nick, java.util.function.Predicate<Member> state) {
        return await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).ignoreExceptions()
                .until(() -> member(nick), state);
    }

    @Test
    void namesWithEveryPrefixShowOperatorsAndVoicedMembers() {
        ChatEvent.UsersListed listed = listener.awaitEvent(ChatEvent.UsersListed.class);
        assertThat(listed.users()).containsExactly("alice", "bob", "carol", "dave");
        assertThat(listed.members()).extracting(Member::displayName).containsExactly("alice", "@bob", "+carol", "dave");
        assertThat(member("bob").isOperator()).isTrue();
        assertThat(member("bob").isVoiced()).isTrue();
    }

    @Test
    void modeChangesGiveAndTakePrefixesLive() {
        peer.send(":bob!b@h MODE #lobby +o-v+l dave carol 10");
        awaitMember("dave", Member::isOperator);
        assertThat(member("carol").prefixes()).isEmpty();
        ChatEvent.ModeChanged mode = listener.awaitEvent(ChatEvent.ModeChanged.class);
        assertThat(mode.by()).isEqualTo("bob");
        assertThat(mode.modes()).containsExactly("+o-v+l", "dave", "carol", "10");

        peer.send(":bob!b@h MODE #lobby -o bob");
        awaitMember("bob", m -> !m.isOperator());
        assertThat(member("bob").prefixes()).isEqualTo("+");
    }

    @Test
    void keepsPrefixesAcrossNickChangesAndForgetsThemOnPart() {
        peer.send(":bob!b@h NICK robert");
        awaitMember("robert", Member::isOperator);
        peer.send(":robert!b@h PART #lobby :bye", ":robert!b@h JOIN #lobby");
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.all(ChatEvent.UserJoined.class).size() == 2);
        assertThat(member("robert").prefixes()).isEmpty();
    }

    @Test
    void asksWhoOnJoiningToLearnWhoIsAlreadyAway() {
        peer.send(":irc.test 352 alice #lobby ~c h irc.test carol G+ :0 carol",
                ":irc.test 352 alice #lobby ~d h irc.test dave H :0 dave",
                ":irc.test 315 alice #lobby :End of WHO list");
        awaitMember("carol", Member::isAway);
        assertThat(member("carol").awayMessage()).isEmpty();
        assertThat(member("dave").isAway()).isFalse();
        assertThat(listener.awaitEvent(ChatEvent.MembersChanged.class).members())
                .filteredOn(Member::isAway).extracting(Member::nick).containsExactly("carol");
    }

    @Test
    void awayNotifyMarksMembersAwayWithTheirMessageAndBack() {
        peer.send(":dave!d@h AWAY :lunch");
        awaitMember("dave", Member::isAway);
        assertThat(member("dave").awayMessage()).isEqualTo("lunch");
        assertThat(listener.awaitEvent(ChatEvent.AwayChanged.class)).isEqualTo(
                new ChatEvent.AwayChanged(listener.first(ChatEvent.AwayChanged.class).time(), "dave", "lunch", false));

        peer.send(":dave!d@h AWAY");
        awaitMember("dave", m -> !m.isAway());
    }

    @Test
    void awayReplyToAMessageSaysWhyAndMarksTheMember() {
        peer.send(":irc.test 301 alice carol :in a meeting");
        ChatEvent.AwayChanged away = listener.awaitEvent(ChatEvent.AwayChanged.class);
        assertThat(away.reply()).isTrue();
        assertThat(away.message()).isEqualTo("in a meeting");
        awaitMember("carol", m -> "in a meeting".equals(m.awayMessage()));
    }

    @Test
    void lobbyHistoryComesFirstMarkedWithItsTimeAndLiveLinesFollowWithoutDuplicates() {
        // A live line arrives while the history is on its way; the history (sent after) contains it too.
        peer.send("@msgid=m3;time=2026-12-05T01:02:03.000Z :bob!b@h PRIVMSG #lobby :live and in history",
                ":irc.test BATCH +h1 chathistory #lobby",
                "@batch=h1;msgid=m1;time=2026-12-04T20:00:00.000Z :carol!c@h PRIVMSG #lobby :earlier",
                "@batch=h1;msgid=m2;time=2026-12-04T20:01:00.000Z :dave!d@h PRIVMSG #lobby :\u0001ACTION waves\u0001",
                "@batch=h1;msgid=m3;time=2026-12-05T01:02:03.000Z :bob!b@h PRIVMSG #lobby :live and in history",
                ":irc.test BATCH -h1",
                "@msgid=m3;time=2026-12-05T01:02:03.000Z :bob!b@h PRIVMSG #lobby :live and in history",
                "@msgid=m4;time=2026-12-05T01:02:04.000Z :bob!b@h PRIVMSG #lobby :after");
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.all(ChatEvent.LobbyMessage.class).size() == 2);

        List<ChatEvent> chat = listener.events.stream()
                .filter(e -> e instanceof ChatEvent.HistoryLoaded || e instanceof ChatEvent.LobbyMessage).toList();
        assertThat(chat).hasSize(3);
        ChatEvent.HistoryLoaded history = (ChatEvent.HistoryLoaded) chat.get(0);
        assertThat(history.conversation()).isEqualTo("#lobby");
        assertThat(history.lines()).containsExactly(
                new ChatEvent.HistoryLine(Instant.parse("2026-12-04T20:00:00Z"), "carol", "earlier", false, false, "m1"),
                new ChatEvent.HistoryLine(Instant.parse("2026-12-04T20:01:00Z"), "dave", "waves", true, false, "m2"));
        assertThat(((ChatEvent.LobbyMessage) chat.get(1)).text()).isEqualTo("live and in history");
        assertThat(((ChatEvent.LobbyMessage) chat.get(2)).text()).isEqualTo("after");
    }

    @Test
    void firstPrivateMessageOfSomeoneLoadsTheirConversationFirst() throws Exception {
        noLobbyHistory();
        peer.send("@msgid=p2 :dave!d@h PRIVMSG alice :are you there?");
        peer.expect("CHATHISTORY LATEST dave * 50");
        peer.send(":irc.test BATCH +h2 chathistory dave",
                "@batch=h2;msgid=p1;time=2026-12-04T10:00:00.000Z :alice!a@h PRIVMSG dave :see you tomorrow",
                "@batch=h2;msgid=p2 :dave!d@h PRIVMSG alice :are you there?",
                ":irc.test BATCH -h2");
        listener.awaitEvent(ChatEvent.PrivateMessage.class);
        List<ChatEvent> chat = listener.events.stream()
                .filter(e -> e instanceof ChatEvent.HistoryLoaded || e instanceof ChatEvent.PrivateMessage).toList();
        assertThat(chat).hasSize(2);
        ChatEvent.HistoryLoaded history = (ChatEvent.HistoryLoaded) chat.get(0);
        assertThat(history.conversation()).isEqualTo("dave");
        assertThat(history.lines()).extracting(ChatEvent.HistoryLine::text).containsExactly("see you tomorrow");

        // A second message does not ask again: the next line the server gets is the PING.
        peer.send("@msgid=p3 :dave!d@h PRIVMSG alice :hello?");
        pingRoundTrip();
        assertThat(listener.all(ChatEvent.PrivateMessage.class)).hasSize(2);
    }

    @Test
    void writingToSomeoneFirstMeansTheirAnswerDoesNotReloadOurOwnLines() throws Exception {
        noLobbyHistory();
        client.sendPrivate("dave", "hi dave");
        peer.expect("PRIVMSG dave :hi dave");
        peer.send("@msgid=p5 :dave!d@h PRIVMSG alice :hi alice");
        pingRoundTrip();
        assertThat(listener.awaitEvent(ChatEvent.PrivateMessage.class).text()).isEqualTo("hi alice");
        assertThat(listener.all(ChatEvent.HistoryLoaded.class)).isEmpty();
    }

    @Test
    void openingAConversationLoadsItAndARefusalStillDeliversHeldLines() throws Exception {
        noLobbyHistory();
        CompletableFuture<List<ChatEvent.HistoryLine>> loaded = client.loadHistory("carol");
        peer.expect("CHATHISTORY LATEST carol * 50");
        peer.send("@msgid=c9 :carol!c@h PRIVMSG alice :quick question",
                ":irc.test FAIL CHATHISTORY INVALID_TARGET LATEST carol :No history you can read there");
        assertThat(loaded.get(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(listener.awaitEvent(ChatEvent.PrivateMessage.class).text()).isEqualTo("quick question");
        assertThat(listener.all(ChatEvent.HistoryLoaded.class)).isEmpty();
    }

    @Test
    void historyTheServerNeverAnswersDoesNotHoldLiveLinesForever() throws Exception {
        // No batch for the lobby: after the request timeout the held line is shown anyway.
        peer.send("@msgid=x1 :bob!b@h PRIVMSG #lobby :still shown");
        assertThat(await().atMost(Duration.ofSeconds(8)).until(
                () -> listener.first(ChatEvent.LobbyMessage.class), e -> e != null).text()).isEqualTo("still shown");
    }
}
