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
            CliRun run = CliRun.of("server", "--port", Integer.toString(taken.getLocalPort()), "--tls-port", "off",
                    "--files", temp.resolve("shared").toString(), "--data", temp.resolve("data").toString());
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("port " + taken.getLocalPort() + " on 127.0.0.1 is in use: is another server running? Stop it, or choose another port with --port.");
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
                "--files", "--udp-ports", "--netem", "--offer-timeout", "--max-downloads-per-client",
                "--max-clients", "--max-per-address", "--limit-loopback", "--ip-limit-exempt",
                "--tls-port", "--tls-cert", "--tls-key", "--data", "--plain-port", "--allow-plaintext-auth", "--oper");
    }

    @Test
    void aMalformedUdpPortRangeIsRefusedNamingTheFlag() {
        CliRun run = CliRun.of("server", "--port", "0", "--udp-ports", "55000:55015", "--files", temp.resolve("shared").toString(), "--data", temp.resolve("data").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("messenger server: --udp-ports: a UDP port range must look like 55000-55015");
    }

    @Test
    void anOfferTimeoutOutOfRangeIsRefusedBeforeStarting() {
        CliRun run = CliRun.of("server", "--port", "0", "--offer-timeout", "0", "--files", temp.resolve("shared").toString(), "--data", temp.resolve("data").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--offer-timeout 0 is out of range: give 1 to 3600 seconds (default 30)");
    }

    @Test
    void aZeroDownloadLimitIsRefusedBeforeStarting() {
        CliRun run = CliRun.of("server", "--port", "0", "--max-downloads-per-client", "0", "--files", temp.resolve("shared").toString(), "--data", temp.resolve("data").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--max-downloads-per-client 0 is out of range: give 1 to 1000 (default 4)");
    }

    @Test
    void turningBothPortsOffIsRefusedBeforeStarting() {
        CliRun run = CliRun.of("server", "--port", "off", "--tls-port", "off", "--files", temp.resolve("shared").toString(), "--data", temp.resolve("data").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--port off and --tls-port off leave nothing to listen on: turn one on");
    }

    @Test
    void anUnreadableCertificateIsRefusedNamingTheFlagsThatGaveIt() {
        CliRun run = CliRun.of("server", "--port", "0", "--tls-port", "0", "--tls-cert", temp.resolve("c.pem").toString(),
                "--tls-key", temp.resolve("k.pem").toString(), "--data", temp.resolve("data").toString(),
                "--files", temp.resolve("shared").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--tls-cert/--tls-key: cannot read the TLS certificate " + temp.resolve("c.pem"));
    }

    @Test
    void anAddressNotOfThisMachineIsRefusedNamingBind() {
        CliRun run = CliRun.of("server", "--port", "0", "--tls-port", "off", "--bind", "192.0.2.1",
                "--data", temp.resolve("data").toString(), "--files", temp.resolve("shared").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--bind 192.0.2.1: cannot listen on 192.0.2.1");
    }

    @Test
    void aCertificateWithoutItsKeyIsRefusedBeforeStarting() {
        CliRun run = CliRun.of("server", "--port", "0", "--tls-port", "0", "--tls-cert", temp.resolve("c.pem").toString(),
                "--data", temp.resolve("data").toString(), "--files", temp.resolve("shared").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("give both --tls-cert FILE and --tls-key FILE");
    }

    @Test
    void aPortThatIsNotANumberOrOffIsRefusedSayingWhatToGive() {
        CliRun run = CliRun.of("server", "--plain-port", "fifty", "--files", temp.resolve("shared").toString(), "--data", temp.resolve("data").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--port 'fifty' is not a port: give 1-65535, or off");
    }

    @Test
    void aBadExemptAddressBlockIsRefusedNamingTheFlag() {
        CliRun run = CliRun.of("server", "--port", "0", "--ip-limit-exempt", "10.0.0.0/40", "--files", temp.resolve("shared").toString(), "--data", temp.resolve("data").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--ip-limit-exempt '10.0.0.0/40': the prefix length must be 0-32");
    }

    @Test
    void aBackwardsUdpPortRangeIsRefusedBeforeStarting() {
        CliRun run = CliRun.of("server", "--port", "0", "--udp-ports", "55015-55000", "--files", temp.resolve("shared").toString(),
                "--data", temp.resolve("data").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("the UDP port range 55015-55000 is backwards; write the lower port first, e.g. 55000-55015");
    }

    @Test
    void aBadNetemSpecIsRefusedBeforeStarting() {
        CliRun run = CliRun.of("server", "--port", "0", "--netem", "loss=lots", "--files", temp.resolve("shared").toString(),
                "--data", temp.resolve("data").toString());
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
    void aDataFolderThatIsAFileIsRefusedWithAdvice() throws IOException {
        Path file = java.nio.file.Files.writeString(temp.resolve("not-a-folder"), "x");
        CliRun run = CliRun.of("server", "--port", "0", "--data", file.toString(), "--files", temp.resolve("shared").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--data: the data folder " + file + " is a file, not a folder");
    }

    @Test
    void historyOutOfRangeIsRefused() {
        CliRun run = CliRun.of("server", "--port", "0", "--history", "-1", "--data", temp.resolve("data").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--history -1 is out of range");
    }

    @Test
    void serverIsListedInTheTopLevelHelp() {
        assertThat(CliRun.of("--help").out()).contains("server");
    }
}
