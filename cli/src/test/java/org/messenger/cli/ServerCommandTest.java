package org.messenger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCommandTest {

    @TempDir
    Path temp;

    @Test
    void portInUseGivesAClearErrorAndExitCode1() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CliRun run = CliRun.of("server", "--port", Integer.toString(taken.getLocalPort()), "--files", temp.resolve("shared").toString());
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("port " + taken.getLocalPort() + " on 127.0.0.1 is in use: is another server running? use --port");
        }
    }

    @Test
    void badLobbyNameIsRefusedBeforeStarting() {
        CliRun run = CliRun.of("server", "--port", "0", "--lobby", "lobby");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--lobby 'lobby' is not a channel name");
    }

    @Test
    void helpListsTheFlags() {
        CliRun run = CliRun.of("server", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--port", "--bind", "--name", "--lobby", "--motd", "--password", "--history",
                "--files", "--udp-ports", "--netem");
    }

    @Test
    void aBackwardsUdpPortRangeIsRefusedBeforeStarting() {
        CliRun run = CliRun.of("server", "--port", "0", "--udp-ports", "55015-55000", "--files", temp.resolve("shared").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("the UDP port range 55015-55000 is backwards; write the lower port first, e.g. 55000-55015");
    }

    @Test
    void aBadNetemSpecIsRefusedBeforeStarting() {
        CliRun run = CliRun.of("server", "--port", "0", "--netem", "loss=lots", "--files", temp.resolve("shared").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("messenger server: ").contains("loss");
    }

    @Test
    void serverIsListedInTheTopLevelHelp() {
        assertThat(CliRun.of("--help").out()).contains("server");
    }
}
