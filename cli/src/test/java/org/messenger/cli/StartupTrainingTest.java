package org.messenger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** The launcher's training run for the start-up cache: every one-shot command, once, against a real server. */
class StartupTrainingTest {
    @TempDir
    Path temp;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @Test
    void runsEveryOneShotCommandAndDownloadsTheFile() throws Exception {
        Path shared = SharedFolder.prepare(temp.resolve("shared")).folder();
        Files.writeString(shared.resolve("training.txt"), "a small file\n");
        Path out = Files.createDirectory(temp.resolve("out"));
        int udp = FreeUdpPorts.one();
        FileService files = new FileService(new FileCatalogue(shared), FileServiceConfig.defaults().withPorts(new PortRange(udp, udp)),
                TransportPortSocket.opener("127.0.0.1", TransferConfig.loopback(), null), TimeSource.system());
        try (IrcServer server = IrcServer.start(IrcServerConfig.builder().bindAddress("127.0.0.1").port(0)
                .extension(files).build())) {
            int code = StartupTraining.train("127.0.0.1:" + server.port(), "training.txt", out.toString(), logStream());

            assertThat(code).as(log.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.resolve("training.txt")).hasContent("a small file");
        } finally {
            files.close();
        }
    }

    @Test
    void namesTheCommandsThatFailedWhenThereIsNoServer() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }

        int code = StartupTraining.train("127.0.0.1:" + port, "training.txt", temp.toString(), logStream());

        assertThat(code).isEqualTo(1);
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("users --server 127.0.0.1:" + port + " (exit 1)")
                .contains("get --server 127.0.0.1:" + port)
                .doesNotContain("--version");
    }

    private PrintStream logStream() {
        return new PrintStream(log, true, StandardCharsets.UTF_8);
    }
}
