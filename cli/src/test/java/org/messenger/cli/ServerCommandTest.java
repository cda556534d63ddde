package org.messenger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.files.catalogue.FileCatalogue;
import org.messenger.files.catalogue.SharedFolder;

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
    void operatorWithoutPasswordIsRefusedBeforeStarting() {
        CliRun run = CliRun.of("server", "--port", "0", "--oper", "admin", "--files", temp.resolve("shared").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--oper 'admin' must be NAME:PASSWORD");
    }

    @Test
    void helpListsTheFlags() {
        CliRun run = CliRun.of("server", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--port", "--bind", "--name", "--lobby", "--motd", "--password", "--history",
                "--files", "--udp-ports", "--netem", "--oper");
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
    void theStartUpLineSuggestsAFileThatIsReallyShared() {
        SharedFolder.Prepared shared = new SharedFolder.Prepared(temp.resolve("shared"), false);

        assertThat(ServerCommand.sharingLine(shared, "55000-55015", Optional.of("notes.txt"), "127.0.0.1:50000"))
                .isEqualTo("Sharing " + temp.resolve("shared") + " over UDP ports 55000-55015. Try: ./messenger get notes.txt");
    }

    @Test
    void theSuggestedCommandWorksWhenPastedIntoAShell() {
        SharedFolder.Prepared shared = new SharedFolder.Prepared(temp.resolve("shared"), false);

        assertThat(ServerCommand.sharingLine(shared, "55000-55015", Optional.of("Tom's photos/a b.jpg"), "127.0.0.1:6667"))
                .endsWith("Try: ./messenger get --server 127.0.0.1:6667 'Tom'\\''s photos/a b.jpg'");
        assertThat(ServerCommand.sharingLine(shared, "55000-55015", Optional.of("-v.txt"), "127.0.0.1:50000"))
                .endsWith("Try: ./messenger get -- -v.txt");
    }

    @Test
    void anEmptySharedFolderIsSaidToBeEmptyWithHowToShareFiles() {
        SharedFolder.Prepared shared = new SharedFolder.Prepared(temp.resolve("shared"), false);

        String line = ServerCommand.sharingLine(shared, "55000-55015", Optional.empty(), "127.0.0.1:50000");

        assertThat(line).isEqualTo("Sharing " + temp.resolve("shared") + " over UDP ports 55000-55015; it is empty. Copy files"
                + " into it to share them (no restart needed), or start with --files DIR to share another folder.");
        assertThat(line).doesNotContain("get");
    }

    @Test
    void aNewSharedFolderSaysItWasCreatedAndSuggestsItsSample() throws IOException {
        SharedFolder.Prepared shared = SharedFolder.prepare(temp.resolve("new"));

        String line = ServerCommand.sharingLine(shared, "55000-55015", new FileCatalogue(shared.folder()).exampleName(), "127.0.0.1:50000");

        assertThat(line).contains("(created, with a sample README.txt)").endsWith("Try: ./messenger get README.txt");
    }

    @Test
    void serverIsListedInTheTopLevelHelp() {
        assertThat(CliRun.of("--help").out()).contains("server");
    }
}
