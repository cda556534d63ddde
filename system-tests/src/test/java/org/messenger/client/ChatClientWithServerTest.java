package org.messenger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.messenger.client.ChatClientException.Problem;
import org.messenger.irc.server.IrcServer;
import org.messenger.irc.server.IrcServerConfig;

/** The client library against the real Messenger IRC server on 127.0.0.1. */
class ChatClientWithServerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private IrcServer server;
    private final List<ChatClient> clients = new ArrayList<>();

    @BeforeEach
    void startServer() throws InterruptedException {
        server = IrcServer.start(IrcServerConfig.builder()
                .bindAddress("127.0.0.1").port(0).serverName("test.server").build());
    }

    @AfterEach
    void stopEverything() {
        clients.forEach(c -> c.disconnect("test over"));
        server.close();
    }

    private ChatClient connect(String nick, RecordingListener listener) {
        ChatClient client = new ChatClient(ClientConfig.of("127.0.0.1", server.port(), nick));
        clients.add(client);
        client.addListener(listener);
        client.connect();
        return client;
    }

    @Test
    void registersAndLandsInTheLobby() {
        ChatClient alice = connect("alice", new RecordingListener());

        assertThat(alice.nick()).isEqualTo("alice");
        assertThat(alice.lobby()).isEqualTo("#lobby");
        assertThat(alice.users()).containsExactly("alice");
        assertThat(alice.serverName()).isEqualTo("test.server");
    }

    @Test
    void lobbyMessageReachesEveryoneElse() {
        RecordingListener bobSees = new RecordingListener();
        RecordingListener carolSees = new RecordingListener();
        ChatClient alice = connect("alice", new RecordingListener());
        connect("bob", bobSees);
        connect("carol", carolSees);

        alice.sendToLobby("hello everyone");

        for (RecordingListener listener : List.of(bobSees, carolSees)) {
            ChatEvent.LobbyMessage message = listener.awaitEvent(ChatEvent.LobbyMessage.class);
            assertThat(message.from()).isEqualTo("alice");
            assertThat(message.channel()).isEqualTo("#lobby");
            assertThat(message.text()).isEqualTo("hello everyone");
        }
    }

    @Test
    void privateMessageReachesOnlyItsRecipient() {
        RecordingListener bobSees = new RecordingListener();
        RecordingListener carolSees = new RecordingListener();
        ChatClient alice = connect("alice", new RecordingListener());
        connect("bob", bobSees);
        connect("carol", carolSees);

        alice.sendPrivateConfirmed("bob", "just for you").join();

        ChatEvent.PrivateMessage message = bobSees.awaitEvent(ChatEvent.PrivateMessage.class);
        assertThat(message.from()).isEqualTo("alice");
        assertThat(message.text()).isEqualTo("just for you");
        // carol's own later message proves she would have seen alice's by now
        connect("dave", new RecordingListener()).sendPrivateConfirmed("carol", "ping").join();
        carolSees.awaitEvent(ChatEvent.PrivateMessage.class);
        assertThat(carolSees.all(ChatEvent.PrivateMessage.class)).extracting(ChatEvent.PrivateMessage::from)
                .containsExactly("dave");
    }

    @Test
    void actionArrivesAsAction() {
        RecordingListener bobSees = new RecordingListener();
        ChatClient alice = connect("alice", new RecordingListener());
        connect("bob", bobSees);

        alice.sendAction("#lobby", "waves");

        ChatEvent.LobbyMessage message = bobSees.awaitEvent(ChatEvent.LobbyMessage.class);
        assertThat(message.action()).isTrue();
        assertThat(message.text()).isEqualTo("waves");
    }

    @Test
    void othersSeeJoinsAndQuitsAndTheirUserListFollows() {
        RecordingListener aliceSees = new RecordingListener();
        ChatClient alice = connect("alice", aliceSees);
        ChatClient bob = connect("bob", new RecordingListener());

        ChatEvent.UserJoined joined = aliceSees.awaitEvent(ChatEvent.UserJoined.class);
        await().atMost(WAIT).until(() -> aliceSees.all(ChatEvent.UserJoined.class).stream().anyMatch(j -> !j.you()));
        assertThat(aliceSees.all(ChatEvent.UserJoined.class)).extracting(ChatEvent.UserJoined::nick)
                .containsExactly(joined.nick(), "bob");
        assertThat(alice.users()).containsExactly("alice", "bob");

        bob.disconnect("lunch");

        ChatEvent.UserLeft left = aliceSees.awaitEvent(ChatEvent.UserLeft.class);
        assertThat(left.nick()).isEqualTo("bob");
        assertThat(left.how()).isEqualTo(ChatEvent.Departure.QUIT);
        assertThat(left.reason()).contains("lunch");
        await().atMost(WAIT).until(alice::users, users -> users.equals(List.of("alice")));
    }

    @Test
    void takenNickIsReportedAsNickTaken() {
        connect("bob", new RecordingListener());

        assertThatThrownBy(() -> connect("BOB", new RecordingListener()))
                .isInstanceOf(NickTakenException.class)
                .hasMessage("nick BOB is taken");
    }

    @Test
    void collisionHandlerPicksAnotherNick() {
        connect("bob", new RecordingListener());
        ChatClient second = new ChatClient(ClientConfig.of("127.0.0.1", server.port(), "bob")
                .withNickCollisionHandler((taken, attempt) -> Optional.of(taken + "_" + attempt)));
        clients.add(second);

        second.connect();

        assertThat(second.nick()).isEqualTo("bob_1");
        assertThat(second.users()).contains("bob", "bob_1");
    }

    @Test
    void confirmedSendToAnAbsentNickFailsWithNotOnline() {
        ChatClient alice = connect("alice", new RecordingListener());

        assertThatThrownBy(() -> alice.sendPrivateConfirmed("zed", "hello?").join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(ChatClientException.class).hasMessage("nick zed is not online")
                .extracting(e -> ((ChatClientException) e).problem()).isEqualTo(Problem.NO_SUCH_TARGET);
    }

    @Test
    void nickChangeIsSeenByOthers() {
        RecordingListener bobSees = new RecordingListener();
        ChatClient alice = connect("alice", new RecordingListener());
        ChatClient bob = connect("bob", bobSees);

        assertThat(alice.changeNick("alicia").join()).isEqualTo("alicia");

        ChatEvent.NickChanged change = bobSees.awaitEvent(ChatEvent.NickChanged.class);
        assertThat(change.oldNick()).isEqualTo("alice");
        assertThat(change.newNick()).isEqualTo("alicia");
        await().atMost(WAIT).until(bob::users, users -> users.equals(List.of("alicia", "bob")));
    }

    @Test
    void nickChangeToATakenNickFails() {
        ChatClient alice = connect("alice", new RecordingListener());
        connect("bob", new RecordingListener());

        assertThatThrownBy(() -> alice.changeNick("bob").join())
                .cause().isInstanceOf(NickTakenException.class).hasMessage("nick bob is taken");
        assertThat(alice.nick()).isEqualTo("alice");
    }

    @Test
    void refreshUsersListsEveryone() {
        ChatClient alice = connect("alice", new RecordingListener());
        connect("bob", new RecordingListener());
        connect("carol", new RecordingListener());

        assertThat(alice.refreshUsers().join()).containsExactly("alice", "bob", "carol");
    }

    @Test
    void twentyClientsAllHearALobbyMessage() {
        List<RecordingListener> listeners = IntStream.range(0, 20).mapToObj(i -> new RecordingListener()).toList();
        for (int i = 0; i < listeners.size(); i++) {
            connect("user" + i, listeners.get(i));
        }
        ChatClient speaker = connect("speaker", new RecordingListener());

        speaker.sendToLobbyConfirmed("roll call").join();

        for (RecordingListener listener : listeners) {
            assertThat(listener.awaitEvent(ChatEvent.LobbyMessage.class).text()).isEqualTo("roll call");
        }
        assertThat(speaker.users()).hasSize(21);
    }

    @Test
    void leavingOnPurposeIsReportedAsRequested() {
        RecordingListener aliceSees = new RecordingListener();
        ChatClient alice = connect("alice", aliceSees);

        alice.disconnect("bye");

        ChatEvent.Disconnected disconnected = aliceSees.awaitEvent(ChatEvent.Disconnected.class);
        assertThat(disconnected.requested()).isTrue();
        assertThat(alice.isConnected()).isFalse();
    }

    @Test
    void serverShutdownIsReportedAsDisconnected() {
        RecordingListener aliceSees = new RecordingListener();
        connect("alice", aliceSees);

        server.close();

        ChatEvent.Disconnected disconnected = aliceSees.awaitEvent(ChatEvent.Disconnected.class);
        assertThat(disconnected.requested()).isFalse();
    }

    @Test
    void aPrivateConversationOpenedByAMessageShowsItsHistoryThenTheMessage() throws Exception {
        RecordingListener bobSees = new RecordingListener();
        ChatClient alice = connect("alice", new RecordingListener());
        ChatClient bob = connect("bob", bobSees);

        assertThat(alice.loadHistory("bob").get(10, java.util.concurrent.TimeUnit.SECONDS)).isEmpty();
        alice.sendPrivateConfirmed("bob", "first").get(10, java.util.concurrent.TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> bobSees.all(ChatEvent.PrivateMessage.class).size() == 1);
        alice.sendPrivateConfirmed("bob", "second").get(10, java.util.concurrent.TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> bobSees.all(ChatEvent.PrivateMessage.class).size() == 2);
        assertThat(bobSees.all(ChatEvent.HistoryLoaded.class)).as("nothing earlier than the first message").isEmpty();
    }
}
