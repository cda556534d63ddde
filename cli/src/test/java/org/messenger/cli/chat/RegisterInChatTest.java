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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.messenger.client.ChatClient;
import org.messenger.client.ClientConfig;
import org.messenger.irc.server.AccountConfig;
import org.messenger.irc.server.IrcServer;
import org.messenger.irc.server.IrcServerConfig;

/** /register in the terminal chat asks for the password without showing it, against a real server with accounts. */
class RegisterInChatTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private IrcServer server;
    private ChatClient alice;
    private PipedOutputStream keyboard;
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private Terminal terminal;

    @BeforeEach
    void start() throws Exception {
        server = IrcServer.start(IrcServerConfig.builder().bindAddress("127.0.0.1").port(0).serverName("test.server")
                .accounts(AccountConfig.inMemory().withScramIterations(4096)).build());
        PipedInputStream input = new PipedInputStream();
        keyboard = new PipedOutputStream(input);
        terminal = new DumbTerminal("test", Terminal.TYPE_DUMB, input, screen, StandardCharsets.UTF_8);
        alice = new ChatClient(ClientConfig.of("127.0.0.1", server.port(), "alice"));
    }

    @AfterEach
    void stop() throws IOException {
        alice.disconnect("test over");
        server.close();
        terminal.close();
    }

    private CompletableFuture<Integer> runChat() {
        CompletableFuture<Integer> exitCode = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                exitCode.complete(new ChatRepl(alice, terminal, ZoneOffset.UTC, Clock.systemUTC()).run());
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

    @Test
    void registerAloneAsksForThePasswordTwiceWithoutShowingIt() throws Exception {
        CompletableFuture<Integer> chat = runChat();
        await().atMost(WAIT).until(() -> screen().contains("You joined #lobby"));

        type("/register");
        await().atMost(WAIT).until(() -> screen().contains("Password for the new account alice: "));
        type("wonderland-secret");
        await().atMost(WAIT).until(() -> screen().contains("The same password again: "));
        type("wonderland-secret");
        await().atMost(WAIT).until(() -> screen().contains("Account alice registered and saved; you are logged in."));
        type("/quit");

        assertThat(chat.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(screen()).doesNotContain("wonderland-secret");
    }

    @Test
    void differentPasswordsRegisterNothing() throws Exception {
        CompletableFuture<Integer> chat = runChat();
        await().atMost(WAIT).until(() -> screen().contains("You joined #lobby"));

        type("/register");
        type("first-password");
        type("second-password");
        await().atMost(WAIT).until(() -> screen().contains("! The two passwords differ; nothing registered."));
        type("/quit");

        assertThat(chat.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(screen()).doesNotContain("first-password").doesNotContain("second-password")
                .doesNotContain("Registering account");
    }

    @Test
    void aPasswordTypedOnTheRegisterLineIsDrawnMasked() throws Exception {
        // A terminal that draws what is typed (a dumb one echoes nothing), as a real one does.
        terminal.close();
        PipedInputStream input = new PipedInputStream();
        keyboard = new PipedOutputStream(input);
        terminal = new org.jline.terminal.impl.ExternalTerminal("test", "xterm-256color", input, screen, StandardCharsets.UTF_8);
        terminal.setSize(new org.jline.terminal.Size(120, 40));
        CompletableFuture<Integer> chat = runChat();
        await().atMost(WAIT).until(() -> screen().contains("You joined #lobby"));

        // Typed once the prompt is up, as a person does: the terminal is then in raw mode and echoes nothing itself.
        await().atMost(WAIT).until(() -> screen().contains("alice> ")
                && !terminal.getAttributes().getLocalFlag(org.jline.terminal.Attributes.LocalFlag.ECHO));
        type("/register typed-on-the-line");
        await().atMost(WAIT).until(() -> screen().contains("Account alice registered and saved; you are logged in."));
        type("/quit");

        assertThat(chat.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(screen()).as("screen").doesNotContain("typed-on-the-line").contains("/register *");
    }
}
