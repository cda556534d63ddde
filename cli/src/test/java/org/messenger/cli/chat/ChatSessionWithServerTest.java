package org.messenger.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.messenger.client.ChatClient;
import org.messenger.client.ChatEvent;
import org.messenger.client.ClientConfig;
import org.messenger.irc.server.IrcServer;
import org.messenger.irc.server.IrcServerConfig;

/** The interactive chat on a JLine dumb terminal fed through a pipe, against a real server. */
class ChatSessionWithServerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private IrcServer server;
    private final List<ChatClient> clients = new ArrayList<>();
    private final List<ChatEvent> bobSees = new CopyOnWriteArrayList<>();
    private ChatClient bob;

    private PipedOutputStream keyboard;
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private Terminal terminal;
    private ChatClient alice;

    @BeforeEach
    void start() throws Exception {
        server = IrcServer.start(IrcServerConfig.builder().bindAddress("127.0.0.1").port(0).serverName("test.server").build());
        bob = new ChatClient(ClientConfig.of("127.0.0.1", server.port(), "bob"));
        bob.addListener(bobSees::add);
        clients.add(bob);
        bob.connect();

        PipedInputStream input = new PipedInputStream();
        keyboard = new PipedOutputStream(input);
        // A plain DumbTerminal: TerminalBuilder would open a pseudo-terminal and copy its output on another thread.
        terminal = new DumbTerminal("test", Terminal.TYPE_DUMB, input, screen, StandardCharsets.UTF_8);
        alice = new ChatClient(ClientConfig.of("127.0.0.1", server.port(), "alice"));
        clients.add(alice);
    }

    @AfterEach
    void stop() throws IOException {
        clients.forEach(c -> c.disconnect("test over"));
        server.close();
        terminal.close();
    }

    /** Runs the chat on a thread of its own, as the CLI's main thread would. */
    private CompletableFuture<Integer> runChat() {
        CompletableFuture<Integer> exitCode = new CompletableFuture<>();
        ChatClient client = alice;
        Thread thread = new Thread(() -> {
            try {
                exitCode.complete(new ChatRepl(client, terminal, ZoneOffset.UTC, Clock.systemUTC()).run());
            } catch (Throwable e) {
                exitCode.completeExceptionally(e);
            }
        }, "chat-repl");
        thread.setDaemon(true);
        thread.start();
        return exitCode;
    }

    private void type(String line) throws IOException {
        keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    private String screen() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    private <T extends ChatEvent> List<T> bobGot(Class<T> type) {
        return bobSees.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private void awaitAliceOnline() {
        await().atMost(WAIT).until(bob::users, users -> users.contains("alice"));
    }

    @Test
    void plainTextGoesToTheLobbyAndMsgToOneUser() throws Exception {
        CompletableFuture<Integer> chat = runChat();
        awaitAliceOnline();

        type("hello lobby");
        type("/msg bob just you");
        await().atMost(WAIT).until(() -> bobGot(ChatEvent.PrivateMessage.class).size() == 1);
        type("/quit");

        assertThat(chat.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(bobGot(ChatEvent.LobbyMessage.class)).extracting(ChatEvent.LobbyMessage::text).containsExactly("hello lobby");
        assertThat(bobGot(ChatEvent.PrivateMessage.class)).extracting(ChatEvent.PrivateMessage::text).containsExactly("just you");
        assertThat(screen()).contains("<alice> hello lobby").contains("-> *bob* just you");
    }

    @Test
    void incomingMessagesAndJoinsPrintWithATimestamp() throws Exception {
        CompletableFuture<Integer> chat = runChat();
        awaitAliceOnline();

        bob.sendToLobby("hi alice");
        bob.sendPrivate("alice", "secret");
        await().atMost(WAIT).until(() -> screen().contains("*bob* secret"));
        type("/quit");

        assertThat(chat.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(screen()).containsPattern("\\d\\d:\\d\\d You joined #lobby")
                .containsPattern("\\d\\d:\\d\\d 2 users in #lobby: alice, bob")
                .containsPattern("\\d\\d:\\d\\d <bob> hi alice")
                .containsPattern("\\d\\d:\\d\\d \\*bob\\* secret");
    }

    @Test
    void quitSendsTheReasonToOthers() throws Exception {
        CompletableFuture<Integer> chat = runChat();
        awaitAliceOnline();

        type("/quit see you tomorrow");

        assertThat(chat.get(10, TimeUnit.SECONDS)).isZero();
        await().atMost(WAIT).until(() -> !bobGot(ChatEvent.UserLeft.class).isEmpty());
        assertThat(bobGot(ChatEvent.UserLeft.class).getFirst().reason()).contains("see you tomorrow");
    }

    @Test
    void endOfInputLeavesCleanly() throws Exception {
        CompletableFuture<Integer> chat = runChat();
        awaitAliceOnline();

        keyboard.close(); // what Ctrl-D means to the line reader

        assertThat(chat.get(10, TimeUnit.SECONDS)).isZero();
        await().atMost(WAIT).until(() -> !bobGot(ChatEvent.UserLeft.class).isEmpty());
        assertThat(bob.users()).containsExactly("bob");
    }

    @Test
    void ctrlCLeavesCleanly() throws Exception {
        CompletableFuture<Integer> chat = runChat();
        awaitAliceOnline();

        await().atMost(WAIT).until(() -> screen().contains("alice> "));
        terminal.raise(Terminal.Signal.INT); // what a real tty delivers on Ctrl-C (a dumb one has no line discipline)

        assertThat(chat.get(10, TimeUnit.SECONDS)).isZero();
        await().atMost(WAIT).until(() -> !bobGot(ChatEvent.UserLeft.class).isEmpty());
    }

    @Test
    void showsErrorsForAnAbsentNickAndATakenNick() throws Exception {
        CompletableFuture<Integer> chat = runChat();
        awaitAliceOnline();

        type("/msg zed hello?");
        type("/nick bob");
        type("/frobnicate");
        await().atMost(WAIT).until(() -> screen().contains("! nick zed is not online")
                && screen().contains("! nick bob is taken")
                && screen().contains("Unknown command /frobnicate. Type /help for the list."));
        type("/quit");
        assertThat(chat.get(10, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void usersAndNickChangeAreShown() throws Exception {
        CompletableFuture<Integer> chat = runChat();
        awaitAliceOnline();

        type("/nick alicia");
        await().atMost(WAIT).until(() -> screen().contains("You are now known as alicia"));
        type("/users");
        await().atMost(WAIT).until(() -> screen().contains("2 users in #lobby: alicia, bob"));
        type("/quit");

        assertThat(chat.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(bobGot(ChatEvent.NickChanged.class)).extracting(ChatEvent.NickChanged::newNick).containsExactly("alicia");
    }

    @Test
    void endsWithAnErrorWhenTheServerGoesAway() throws Exception {
        CompletableFuture<Integer> chat = runChat();
        awaitAliceOnline();
        // Bob sees alice as soon as the server registered her; her own client is only done with
        // registration once it has read the welcome through to the lobby's JOIN.
        await().atMost(WAIT).until(() -> screen().contains("You joined #lobby"));

        server.close();

        assertThat(chat.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(screen()).contains("Disconnected:");
    }

    @Test
    void unreachableServerEndsWithAnErrorAtOnce() throws Exception {
        int port = server.port();
        server.close();
        alice = new ChatClient(ClientConfig.of("127.0.0.1", port, "alice"));
        clients.add(alice);

        assertThat(runChat().get(10, TimeUnit.SECONDS)).as("exit code; screen: %s", screen()).isEqualTo(1);
        assertThat(screen()).contains("! Cannot reach 127.0.0.1:" + port + ": connection refused. Is the server running?");
    }

    @Test
    void joiningShowsTheLobbysEarlierLinesFirstWithTheirTime() throws Exception {
        bob.sendToLobbyConfirmed("said before alice came").get(10, TimeUnit.SECONDS);
        CompletableFuture<Integer> chat = runChat();
        await().atMost(WAIT).until(() -> screen().contains("--- End of earlier lines"));
        bob.sendToLobby("said after");
        await().atMost(WAIT).until(() -> screen().contains("<bob> said after"));
        type("/quit");

        assertThat(chat.get(10, TimeUnit.SECONDS)).isZero();
        String screen = screen();
        assertThat(screen).containsPattern("\\d\\d:\\d\\d --- Earlier in #lobby \\(1 line\\):\\R\\d\\d:\\d\\d <bob> said before alice came\\R"
                + "\\d\\d:\\d\\d --- End of earlier lines");
        assertThat(screen.indexOf("said before alice came")).isLessThan(screen.indexOf("<bob> said after"));
        assertThat(screen.split("said before alice came", -1)).as("shown once").hasSize(2);
    }

    @Test
    void awayIsShownLiveAndInTheUserList() throws Exception {
        CompletableFuture<Integer> chat = runChat();
        awaitAliceOnline();
        await().atMost(WAIT).until(() -> screen().contains("You joined #lobby"));

        bob.send(org.messenger.irc.codec.IrcMessage.of("AWAY", "lunch"));
        await().atMost(WAIT).until(() -> screen().contains("--- bob is away: lunch"));
        type("/names");
        await().atMost(WAIT).until(() -> screen().contains("2 users in #lobby: alice, bob (away: lunch)"));
        type("/msg bob are you there?");
        await().atMost(WAIT).until(() -> screen().contains(" bob is away: lunch\n") || screen().contains(" bob is away: lunch\r"));
        bob.send(org.messenger.irc.codec.IrcMessage.of("AWAY"));
        await().atMost(WAIT).until(() -> screen().contains("--- bob is back"));
        type("/quit");

        assertThat(chat.get(10, TimeUnit.SECONDS)).isZero();
    }
}
