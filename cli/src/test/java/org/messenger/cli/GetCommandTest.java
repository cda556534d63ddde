package org.messenger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.files.catalogue.FileCatalogue;
import org.messenger.files.catalogue.SharedFolder;
import org.messenger.files.ports.PortRange;
import org.messenger.files.server.FileService;
import org.messenger.files.server.FileServiceConfig;
import org.messenger.files.server.TransportPortSocket;
import org.messenger.irc.server.IrcServer;
import org.messenger.irc.server.IrcServerConfig;
import org.messenger.testkit.FreeUdpPorts;
import org.messenger.transport.TransferConfig;
import org.messenger.transport.time.TimeSource;
import picocli.CommandLine;

/** {@code messenger get}, run in-process against a real server with file sharing on 127.0.0.1. */
class GetCommandTest {
    @TempDir
    Path temp;
    Path out;
    IrcServer server;
    FileService files;
    final StringWriter stdout = new StringWriter();
    final StringWriter stderr = new StringWriter();

    @BeforeEach
    void startServer() throws Exception {
        Path shared = SharedFolder.prepare(temp.resolve("shared")).folder();
        byte[] data = new byte[3 << 20];
        new Random(1).nextBytes(data);
        data[data.length - 1] = 'A';
        Files.write(shared.resolve("data.bin"), data);
        out = Files.createDirectory(temp.resolve("out"));
        int udp = FreeUdpPorts.one();
        files = new FileService(new FileCatalogue(shared), FileServiceConfig.defaults().withPorts(new PortRange(udp, udp)),
                TransportPortSocket.opener("127.0.0.1", TransferConfig.loopback(), null), TimeSource.system());
        server = IrcServer.start(IrcServerConfig.builder().bindAddress("127.0.0.1").port(0).serverName("test.server")
                .extension(files).build());
    }

    @AfterEach
    void stop() {
        server.close();
        files.close();
    }

    @Test
    void downloadsWithAProgressBarThenPrintsTheCompletionLineAndTheVerifiedChecksum() throws Exception {
        int code = run("get", "data.bin", "--server", "127.0.0.1:" + server.port(), "--nick", "alice", "--out", out.toString());

        assertThat(code).as(stderr.toString()).isZero();
        assertThat(stdout.toString())
                .contains("100% [")
                .contains("User alice downloaded 100% out of file data.bin. Last byte is: 65 ('A')")
                .contains("SHA-256 verified (");
        assertThat(Files.readAllBytes(out.resolve("data.bin"))).isEqualTo(Files.readAllBytes(temp.resolve("shared/data.bin")));
    }

    @Test
    void aShorterProgressLineBlanksWhatTheLongerOneLeftBehind() {
        StringWriter terminal = new StringWriter();
        GetCommand.ProgressLine line = new GetCommand.ProgressLine(new PrintWriter(terminal));

        line.redraw(" 99% [...] 12.3 MiB/s  ETA 0:01");
        line.redraw("100% done in 0:05");

        // What a terminal shows after the second carriage return: no "1" left over from "0:01".
        String[] frames = terminal.toString().split("\r");
        assertThat(frames[frames.length - 1]).startsWith("100% done in 0:05").matches("100% done in 0:05 *")
                .hasSize(" 99% [...] 12.3 MiB/s  ETA 0:01".length());
    }

    @Test
    void theSampleFileOfANewServerCanBeDownloaded() {
        int code = run("get", SharedFolder.SAMPLE_NAME, "--server", "127.0.0.1:" + server.port(), "--out", out.toString());

        assertThat(code).as(stderr.toString()).isZero();
        assertThat(out.resolve(SharedFolder.SAMPLE_NAME)).exists();
    }

    @Test
    void anUnknownFileExitsWithOneAndTheServersExplanation() {
        int code = run("get", "nope.txt", "--server", "127.0.0.1:" + server.port(), "--out", out.toString());

        assertThat(code).isEqualTo(1);
        assertThat(stderr.toString()).contains("messenger get: No file named 'nope.txt' in the shared folder. FILES lists what is shared.");
    }

    @Test
    void aServerThatIsNotThereExitsWithOne() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        int code = run("get", "data.bin", "--server", "127.0.0.1:" + closedPort, "--out", out.toString(), "--timeout", "3");

        assertThat(code).isEqualTo(1);
        assertThat(stderr.toString()).startsWith("messenger get: ");
    }

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(stdout, true));
        cli.setErr(new PrintWriter(stderr, true));
        return cli.execute(args);
    }
}
