package org.messenger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServerCommandTest {

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @TempDir
    Path temp;

    @Test
    void portInUseGivesAClearErrorAndExitCode1() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Run run = run("server", "--port", Integer.toString(taken.getLocalPort()), "--files", temp.resolve("shared").toString());
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("port " + taken.getLocalPort() + " on 127.0.0.1 is in use: is another server running? use --port");
        }
    }

    @Test
    void badLobbyNameIsRefusedBeforeStarting() {
        Run run = run("server", "--port", "0", "--lobby", "lobby");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--lobby 'lobby' is not a channel name");
    }

    @Test
    void helpListsTheFlags() {
        Run run = run("server", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--port", "--bind", "--name", "--lobby", "--motd", "--password", "--history",
                "--files", "--udp-ports", "--netem");
    }

    @Test
    void aBackwardsUdpPortRangeIsRefusedBeforeStarting() {
        Run run = run("server", "--port", "0", "--udp-ports", "55015-55000", "--files", temp.resolve("shared").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("the UDP port range 55015-55000 is backwards; write the lower port first, e.g. 55000-55015");
    }

    @Test
    void aBadNetemSpecIsRefusedBeforeStarting() {
        Run run = run("server", "--port", "0", "--netem", "loss=lots", "--files", temp.resolve("shared").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("messenger server: ").contains("loss");
    }

    @Test
    void serverIsListedInTheTopLevelHelp() {
        assertThat(run("--help").out()).contains("server");
    }
}
