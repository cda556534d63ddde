package org.messenger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.messenger.client.ClientConfig;
import picocli.CommandLine;

/** The script-friendly commands when no server is there, or the options are wrong. */
class OneShotCommandsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Test
    void usersExplainsAnUnreachableServerInOneLine() throws IOException {
        int port = closedPort();

        assertThat(run("users", "--server", "127.0.0.1:" + port)).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("messenger users: Cannot reach 127.0.0.1:" + port
                + ": connection refused. Is the server running?" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void sendExplainsAnUnreachableServerInOneLine() throws IOException {
        int port = closedPort();

        assertThat(run("send", "--to", "bob", "--server", "127.0.0.1:" + port, "hello")).isEqualTo(1);
        assertThat(err.toString()).startsWith("messenger send: Cannot reach 127.0.0.1:" + port);
    }

    @Test
    void sendNeedsEitherToOrAll() {
        assertThat(run("send", "hello")).isEqualTo(2);
        assertThat(err.toString()).contains("--to").contains("--all");
    }

    @Test
    void sendRefusesBothToAndAll() {
        assertThat(run("send", "--to", "bob", "--all", "hello")).isEqualTo(2);
    }

    @Test
    void rejectsAMalformedServerAddress() {
        assertThat(run("users", "--server", "localhost:http")).isEqualTo(2);
        assertThat(err.toString()).contains("'http' in 'localhost:http' is not a port number");
    }

    @Test
    void mainHelpListsTheClientCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("chat").contains("users").contains("send");
    }

    @Test
    void oneShotCommandsAskOnlyForTheCapabilitiesTheyUse() {
        // Presence and history make a client send WHO and CHATHISTORY on joining: worth it for
        // chat and gui, wasted round trips for a command that lists users and leaves.
        ClientOptions options = CommandLine.populateCommand(new ClientOptions(), "--server", "127.0.0.1:1", "--nick", "quick");
        assertThat(options.configWithNickOrGenerated().wantedCapabilities()).isEqualTo(ClientConfig.ONE_SHOT_CAPABILITIES)
                .doesNotContain("away-notify", "draft/chathistory");
        assertThat(options.config("chatty").wantedCapabilities()).isEqualTo(ClientConfig.DEFAULT_CAPABILITIES);
    }
}
