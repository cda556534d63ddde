package org.messenger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.messenger.client.ChatClientException.Problem;
import org.messenger.client.ChatEvent.Departure;
import org.messenger.irc.codec.IrcMessage;

/** A registered client against a scripted server: events, sends, requests, leaving. */
class ChatClientSessionTest {
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
        peer.register("alice", "@bob", "carol");
        connecting.get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void tearDown() throws IOException {
        server.close();
        client.disconnect("test over");
    }

    private static Throwable failureOf(CompletableFuture<?> future) throws Exception {
        try {
            future.get(5, TimeUnit.SECONDS);
            throw new AssertionError("expected the future to fail");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    @Test
    void announcesWelcomeOwnJoinAndUserListInOrder() {
        listener.awaitEvent(ChatEvent.UsersListed.class);
        assertThat(listener.events).hasSize(3);
        assertThat(listener.events.get(0)).isInstanceOf(ChatEvent.Connected.class);
        assertThat(listener.events.get(1)).isEqualTo(
                new ChatEvent.UserJoined(listener.events.get(1).time(), "alice", "#lobby", true));
        assertThat(((ChatEvent.UsersListed) listener.events.get(2)).users()).containsExactly("alice", "bob", "carol");
    }

    @Test
    void answersServerPingWithPong() {
        peer.send("PING :irc.test-42");
        peer.expect("PONG irc.test-42");
    }

    @Test
    void answersPingEvenWhileAListenerIsBusy() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        client.addListener(event -> {
            if (event instanceof ChatEvent.LobbyMessage) {
                release.join();
            }
        });
        peer.send(":bob!b@h PRIVMSG #lobby :block the event thread", "PING :still-there");
        peer.expect("PONG still-there");
        release.complete(null);
    }

    @Test
    void deliversLobbyMessageWithServerTime() {
        peer.send("@time=2026-11-25T21:00:00.123Z :bob!b@127.0.0.1 PRIVMSG #lobby :hello all");

        ChatEvent.LobbyMessage message = listener.awaitEvent(ChatEvent.LobbyMessage.class);
        assertThat(message).isEqualTo(new ChatEvent.LobbyMessage(
                Instant.parse("2026-11-25T21:00:00.123Z"), "bob", "#lobby", "hello all", false));
    }

    @Test
    void deliversPrivateMessage() {
        peer.send(":bob!b@127.0.0.1 PRIVMSG alice :just you");

        ChatEvent.PrivateMessage message = listener.awaitEvent(ChatEvent.PrivateMessage.class);
        assertThat(message.from()).isEqualTo("bob");
        assertThat(message.text()).isEqualTo("just you");
        assertThat(message.action()).isFalse();
    }

    @Test
    void deliversCtcpActionAsAction() {
        peer.send(":bob!b@127.0.0.1 PRIVMSG #lobby :\u0001ACTION waves\u0001");

        ChatEvent.LobbyMessage message = listener.awaitEvent(ChatEvent.LobbyMessage.class);
        assertThat(message.text()).isEqualTo("waves");
        assertThat(message.action()).isTrue();
    }

    @Test
    void collectsTheMessageOfTheDayIntoOneEvent() {
        peer.send(":irc.test 375 alice :- irc.test Message of the day - ", ":irc.test 372 alice :- Welcome!",
                ":irc.test 372 alice :- Be nice.", ":irc.test 376 alice :End of /MOTD command.");

        assertThat(listener.awaitEvent(ChatEvent.MessageOfTheDay.class).lines()).containsExactly("Welcome!", "Be nice.");
    }

    @Test
    void deliversNotices() {
        peer.send(":irc.test NOTICE alice :Server restarting soon");

        assertThat(listener.awaitEvent(ChatEvent.Notice.class).text()).isEqualTo("Server restarting soon");
    }

    @Test
    void keepsUserListCurrentThroughJoinNickPartAndQuit() {
        peer.send(":dave!d@h JOIN #lobby");
        await().atMost(Duration.ofSeconds(5)).until(client::users, users -> users.contains("dave"));

        peer.send(":dave!d@h NICK :david");
        await().atMost(Duration.ofSeconds(5)).until(client::users, users -> users.contains("david"));
        assertThat(client.users()).doesNotContain("dave");

        peer.send(":david!d@h PART #lobby :bye", ":carol!c@h QUIT :Quit: gone");
        await().atMost(Duration.ofSeconds(5)).until(client::users, users -> users.equals(List.of("alice", "bob")));

        listener.awaitEvent(ChatEvent.UserLeft.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.all(ChatEvent.UserLeft.class).size() == 2);
        assertThat(listener.all(ChatEvent.UserLeft.class))
                .extracting(ChatEvent.UserLeft::nick, ChatEvent.UserLeft::how, ChatEvent.UserLeft::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("david", Departure.PART, "bye"),
                        org.assertj.core.groups.Tuple.tuple("carol", Departure.QUIT, "Quit: gone"));
    }

    @Test
    void aKickedUserLeavesTheUserListWithWhoKickedItAndWhy() {
        peer.send(":alice!a@h KICK #lobby bob :calm down");
        await().atMost(Duration.ofSeconds(5)).until(client::users, users -> !users.contains("bob"));
        ChatEvent.UserLeft left = listener.awaitEvent(ChatEvent.UserLeft.class);
        assertThat(left.nick()).isEqualTo("bob");
        assertThat(left.reason()).isEqualTo("kicked by alice: calm down");
    }

    @Test
    void comparesNicksWithIrcCaseMapping() {
        peer.send(":Bob!b@h QUIT :bye");
        await().atMost(Duration.ofSeconds(5)).until(client::users, users -> users.equals(List.of("alice", "carol")));
    }

    @Test
    void sendsLobbyAndPrivateMessagesAsPrivmsg() {
        client.sendToLobby("hello everyone");
        client.sendPrivate("bob", "psst");
        client.sendAction("#lobby", "waves");

        peer.expect("PRIVMSG #lobby :hello everyone");
        peer.expect("PRIVMSG bob :psst");
        peer.expect("PRIVMSG #lobby :\u0001ACTION waves\u0001");
    }

    @Test
    void splitsMultiLineTextIntoOneMessagePerLine() {
        client.sendPrivate("bob", "first\nsecond\r\n\nthird");

        peer.expect("PRIVMSG bob :first");
        peer.expect("PRIVMSG bob :second");
        peer.expect("PRIVMSG bob :third");
    }

    @Test
    void splitsLongTextIntoLinesThatFitIrc() {
        String text = "é".repeat(600);
        client.sendToLobby(text);

        StringBuilder received = new StringBuilder();
        while (received.length() < text.length()) {
            String line = peer.readLine();
            assertThat(line).startsWith("PRIVMSG #lobby ");
            // Relayed as ":alice!<user up to 12>@<host up to 64> " + line, it must still fit 510 bytes.
            int relayedPrefix = ":alice!".length() + 12 + 1 + 64 + 1;
            assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + relayedPrefix)
                    .isLessThanOrEqualTo(510);
            received.append(IrcMessage.class.cast(org.messenger.irc.codec.IrcParser.parse(line)).lastParam());
        }
        assertThat(received.toString()).isEqualTo(text);
    }

    @Test
    void refusesToSendNothing() {
        assertThatThrownBy(() -> client.sendToLobby("  \n ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("there is no text to send");
    }

    @Test
    void confirmedPrivateSendFailsWhenNickIsNotOnline() throws Exception {
        CompletableFuture<Void> sent = client.sendPrivateConfirmed("zed", "are you there?");
        peer.expect("PRIVMSG zed :are you there?");
        String token = peer.expectMatching("PING :?(\\S+)");
        peer.send(":irc.test 401 alice zed :No such nick/channel", ":irc.test PONG irc.test :" + token);

        Throwable failure = failureOf(sent);
        assertThat(failure).isInstanceOf(ChatClientException.class).hasMessage("nick zed is not online");
        assertThat(((ChatClientException) failure).problem()).isEqualTo(Problem.NO_SUCH_TARGET);
    }

    @Test
    void confirmedSendOfALongTextToAnAbsentNickFailsOnce() throws Exception {
        CompletableFuture<Void> sent = client.sendPrivateConfirmed("zed", "x".repeat(900));
        peer.expectMatching("PRIVMSG zed :x+");
        peer.expectMatching("PRIVMSG zed :x+");
        peer.expectMatching("PRIVMSG zed :x+");
        String token = peer.expectMatching("PING :?(\\S+)");
        peer.send(":irc.test 401 alice zed :No such nick/channel", ":irc.test 401 alice zed :No such nick/channel",
                ":irc.test 401 alice zed :No such nick/channel", ":irc.test PONG irc.test :" + token);

        assertThat(failureOf(sent)).hasMessage("nick zed is not online");
        peer.send(":irc.test NOTICE alice :marker");
        listener.awaitEvent(ChatEvent.Notice.class); // events arrive in order: any ServerError would be in by now
        assertThat(listener.all(ChatEvent.ServerError.class)).isEmpty();
    }

    @Test
    void confirmedSendCompletesOnceTheServerAnswersThePing() throws Exception {
        CompletableFuture<Void> sent = client.sendToLobbyConfirmed("hi");
        peer.expect("PRIVMSG #lobby :hi");
        String token = peer.expectMatching("PING :?(\\S+)");
        assertThat(sent).isNotDone();
        peer.send(":irc.test PONG irc.test :" + token);

        sent.get(5, TimeUnit.SECONDS);
    }

    @Test
    void unclaimedErrorNumericBecomesServerErrorEvent() {
        client.sendPrivate("zed", "hello?");
        peer.expect("PRIVMSG zed :hello?");
        peer.send(":irc.test 401 alice zed :No such nick/channel");

        ChatEvent.ServerError error = listener.awaitEvent(ChatEvent.ServerError.class);
        assertThat(error.code()).isEqualTo("401");
        assertThat(error.text()).isEqualTo("nick zed is not online");
    }

    @Test
    void unclaimedErrorNumericTheClientDoesNotKnowBecomesServerErrorEvent() {
        peer.send(":irc.test 599 alice :Something this client has no name for");

        ChatEvent.ServerError error = listener.awaitEvent(ChatEvent.ServerError.class);
        assertThat(error.code()).isEqualTo("599");
        assertThat(error.text()).isEqualTo("the server refused: Something this client has no name for (599)");
    }

    @Test
    void requestCollectsRepliesUntilTheEndNumeric() throws Exception {
        CompletableFuture<List<IrcMessage>> files = client.request(IrcMessage.of("FILES"),
                ReplyMatcher.numerics(Set.of("740"), Set.of("741"), Set.of("742")));
        peer.expect("FILES");
        peer.send(":irc.test 740 alice a.txt 12", ":bob!b@h PRIVMSG #lobby :unrelated",
                ":irc.test 740 alice b.bin 99", ":irc.test 741 alice :End of FILES");

        assertThat(files.get(5, TimeUnit.SECONDS)).extracting(IrcMessage::command).containsExactly("740", "740", "741");
        listener.awaitEvent(ChatEvent.LobbyMessage.class);
    }

    @Test
    void requestFailsWithTheServersTextOnAnErrorNumeric() throws Exception {
        CompletableFuture<List<IrcMessage>> get = client.request(IrcMessage.of("GET", "missing.txt"),
                ReplyMatcher.numerics(Set.of(), Set.of("750"), Set.of("752")));
        peer.expect("GET missing.txt");
        peer.send(":irc.test 752 alice missing.txt :No such file");

        assertThat(failureOf(get)).hasMessage("the server refused: No such file (752)");
        assertThat(listener.all(ChatEvent.ServerError.class)).isEmpty();
    }

    @Test
    void requestTimesOutWhenTheServerStaysSilent() throws Exception {
        CompletableFuture<List<IrcMessage>> pause = client.request(IrcMessage.of("PAUSE", "7"),
                ReplyMatcher.numerics(Set.of(), Set.of("760"), Set.of()), Duration.ofMillis(200));
        peer.expect("PAUSE 7");

        Throwable failure = failureOf(pause);
        assertThat(failure).hasMessage("the server did not answer the PAUSE request within 0.2 s");
        assertThat(((ChatClientException) failure).problem()).isEqualTo(Problem.TIMEOUT);
    }

    @Test
    void rawListenerSeesEveryIncomingMessage() {
        List<IrcMessage> raw = new CopyOnWriteArrayList<>();
        client.addRawListener(raw::add);
        peer.send(":irc.test 742 alice :custom numeric");

        await().atMost(Duration.ofSeconds(5)).until(() -> raw.stream().anyMatch(m -> m.command().equals("742")));
    }

    @Test
    void refreshUsersAsksForNames() throws Exception {
        CompletableFuture<List<String>> users = client.refreshUsers();
        peer.expect("NAMES #lobby");
        peer.send(":irc.test 353 alice = #lobby :alice @bob", ":irc.test 366 alice #lobby :End of /NAMES list");

        assertThat(users.get(5, TimeUnit.SECONDS)).containsExactly("alice", "bob");
        assertThat(client.users()).containsExactly("alice", "bob");
    }

    @Test
    void changesNickWhenTheServerConfirms() throws Exception {
        CompletableFuture<String> change = client.changeNick("alicia");
        peer.expect("NICK alicia");
        peer.send(":alice!alice@127.0.0.1 NICK :alicia");

        assertThat(change.get(5, TimeUnit.SECONDS)).isEqualTo("alicia");
        assertThat(client.nick()).isEqualTo("alicia");
        assertThat(client.users()).containsExactly("alicia", "bob", "carol");
        assertThat(listener.awaitEvent(ChatEvent.NickChanged.class).you()).isTrue();
    }

    @Test
    void nickChangeToATakenNickFailsWithNickTaken() throws Exception {
        CompletableFuture<String> change = client.changeNick("bob");
        peer.expect("NICK bob");
        peer.send(":irc.test 433 alice bob :Nickname is already in use");

        assertThat(failureOf(change)).isInstanceOf(NickTakenException.class).hasMessage("nick bob is taken");
        assertThat(client.nick()).isEqualTo("alice");
    }

    @Test
    void disconnectSendsQuitWithReasonThenReportsDisconnected() {
        CompletableFuture<Void> serverSide = CompletableFuture.runAsync(() -> peer.acceptQuit("see you"));
        client.disconnect("see you");

        serverSide.join();
        ChatEvent.Disconnected disconnected = listener.awaitEvent(ChatEvent.Disconnected.class);
        assertThat(disconnected.requested()).isTrue();
        assertThat(disconnected.reason()).isEqualTo("you left (see you)");
        assertThat(listener.events.getLast()).isEqualTo(disconnected);
        assertThat(client.isConnected()).isFalse();
    }

    @Test
    void reportsTheServersErrorLineWhenDropped() {
        peer.send("ERROR :Closing Link: 127.0.0.1 (Ping timeout: 120 seconds)");
        peer.close();

        ChatEvent.Disconnected disconnected = listener.awaitEvent(ChatEvent.Disconnected.class);
        assertThat(disconnected.requested()).isFalse();
        assertThat(disconnected.reason())
                .isEqualTo("the server closed the connection: Closing Link: 127.0.0.1 (Ping timeout: 120 seconds)");
    }

    @Test
    void failsPendingRequestsWhenTheConnectionDrops() throws Exception {
        CompletableFuture<Void> ping = client.ping();
        peer.expectMatching("PING :?(\\S+)");
        peer.close();

        Throwable failure = failureOf(ping);
        assertThat(((ChatClientException) failure).problem()).isEqualTo(Problem.NOT_CONNECTED);
        assertThat(failure.getMessage()).startsWith("disconnected before the server answered a PING");
    }

    @Test
    void refusesToSendOnceDisconnected() {
        peer.close();
        listener.awaitEvent(ChatEvent.Disconnected.class);

        assertThatThrownBy(() -> client.sendToLobby("anyone?"))
                .isInstanceOf(ChatClientException.class).hasMessage("not connected to the server");
    }

    @Test
    void runsListenersOnTheEventThreadOnly() {
        peer.send(":bob!b@h PRIVMSG alice :hi");
        listener.awaitEvent(ChatEvent.PrivateMessage.class);

        assertThat(listener.threads).allMatch(name -> name.equals("messenger-events-alice"));
    }
}
