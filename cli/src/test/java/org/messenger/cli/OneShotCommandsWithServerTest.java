package org.messenger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.messenger.client.ChatClient;
import org.messenger.client.ChatEvent;
import org.messenger.client.ChatListener;
import org.messenger.client.ClientConfig;
import org.messenger.irc.server.IrcServer;
import org.messenger.irc.server.IrcServerConfig;
import picocli.CommandLine;

import static org.awaitility.Awaitility.await;

/** {@code messenger users} and {@code messenger send}, run in-process against a real server. */
class OneShotCommandsWithServerTest {
    private IrcServer server;
    private final List<ChatClient> clients = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startServer() throws InterruptedException {
        server = IrcServer.start(IrcServerConfig.builder().bindAddress("127.0.0.1").port(0).serverName("test.server").build());
    }

    @AfterEach
    void stop() {
        clients.forEach(c -> c.disconnect("test over"));
        server.close();
    }

    private String address() {
        return "127.0.0.1:" + server.port();
    }

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private ChatClient online(String nick, List<ChatEvent> events) {
        ChatClient client = new ChatClient(ClientConfig.of("127.0.0.1", server.port(), nick));
        client.addListener((ChatListener) events::add);
        clients.add(client);
        client.connect();
        return client;
    }

    private static <T extends ChatEvent> T awaitFirst(List<ChatEvent> events, Class<T> type) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> events.stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null), e -> e != null);
    }

    @Test
    void usersPrintsEveryoneOnlineOnePerLine() {
        online("bob", new java.util.concurrent.CopyOnWriteArrayList<>());
        online("alice", new java.util.concurrent.CopyOnWriteArrayList<>());

        assertThat(run("users", "--server", address())).isZero();
        assertThat(out.toString()).isEqualTo("alice" + System.lineSeparator() + "bob" + System.lineSeparator());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void usersWithANickListsThatNickToo() {
        online("bob", new java.util.concurrent.CopyOnWriteArrayList<>());

        assertThat(run("users", "--server", address(), "--nick", "carol")).isZero();
        assertThat(out.toString().lines()).containsExactly("bob", "carol");
    }

    @Test
    void sendToDeliversAPrivateMessage() {
        List<ChatEvent> bobSees = new java.util.concurrent.CopyOnWriteArrayList<>();
        online("bob", bobSees);

        assertThat(run("send", "--server", address(), "--to", "bob", "hello", "there")).isZero();

        ChatEvent.PrivateMessage message = awaitFirst(bobSees, ChatEvent.PrivateMessage.class);
        assertThat(message.text()).isEqualTo("hello there");
        assertThat(message.from()).matches("cli\\d{6}");
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void sendAllReachesTheLobbyUnderTheGivenNick() {
        List<ChatEvent> bobSees = new java.util.concurrent.CopyOnWriteArrayList<>();
        online("bob", bobSees);

        assertThat(run("send", "--server", address(), "--all", "--nick", "ci", "build", "is", "green")).isZero();

        ChatEvent.LobbyMessage message = awaitFirst(bobSees, ChatEvent.LobbyMessage.class);
        assertThat(message.from()).isEqualTo("ci");
        assertThat(message.text()).isEqualTo("build is green");
    }

    @Test
    void sendToAnAbsentNickFailsWithNotOnline() {
        assertThat(run("send", "--server", address(), "--to", "zed", "anyone?")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("messenger send: nick zed is not online" + System.lineSeparator());
    }

    @Test
    void sendWithATakenNickFailsWithNickTaken() {
        online("bob", new java.util.concurrent.CopyOnWriteArrayList<>());

        assertThat(run("send", "--server", address(), "--nick", "bob", "--all", "hi")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("messenger send: nick bob is taken" + System.lineSeparator());
    }
}
