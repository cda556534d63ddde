package org.messenger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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

/** {@code bench transfer --server}: against a real server with file sharing, in this process on 127.0.0.1. */
@Timeout(120)
class ServerBenchTest {
    @TempDir
    Path temp;
    IrcServer server;
    FileService files;
    final StringWriter console = new StringWriter();

    @BeforeEach
    void startServer() throws Exception {
        Path shared = SharedFolder.prepare(temp.resolve("shared")).folder();
        byte[] data = new byte[2 << 20];
        new Random(7).nextBytes(data);
        Files.write(shared.resolve("data.bin"), data);
        int udp = FreeUdpPorts.one();
        files = new FileService(new FileCatalogue(shared), FileServiceConfig.defaults().withPorts(new PortRange(udp, udp)),
                TransportPortSocket.opener("127.0.0.1", TransferConfig.loopback(), null), TimeSource.system());
        server = IrcServer.start(IrcServerConfig.builder().bindAddress("127.0.0.1").port(0).serverName("bench.test")
                .extension(files).build());
    }

    @AfterEach
    void stop() {
        server.close();
        files.close();
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setOut(new PrintWriter(console, true));
        cli.setErr(new PrintWriter(console, true));
        return cli.execute(args);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> rows() throws Exception {
        Map<String, Object> report = (Map<String, Object>) MiniJson.parse(Files.readString(temp.resolve("out/transfer-latest.json")));
        return (List<Map<String, Object>>) report.get("rows");
    }

    @Test
    void getsTheLargestSharedFileAndComparesItWithATcpCopyOfTheSameSize() throws Exception {
        int exit = run("transfer", "--server", "127.0.0.1:" + server.port(), "--repeat", "1",
                "--out", temp.resolve("out").toString(), "--dir", temp.toString());

        assertThat(exit).as(console.toString()).isZero();
        List<Map<String, Object>> rows = rows();
        assertThat(rows).extracting(r -> r.get("scenario") + "/" + r.get("path")).containsExactly("server/tcp", "server/udp");
        Map<String, Object> get = rows.get(1);
        assertThat(get).containsEntry("status", "ok").containsEntry("fileBytes", (double) (2 << 20));
        assertThat((String) get.get("description")).startsWith("GET data.bin from 127.0.0.1:" + server.port());
        assertThat((Double) get.get("ratioToTcp")).isPositive();
        assertThat(ImageIO.read(temp.resolve("out").resolve((String) get.get("plot")).toFile())).isNotNull();
        try (var left = Files.list(temp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("out", "shared");
        }
    }

    @Test
    void aFileTheServerDoesNotShareIsAFailedRowThatSaysWhatIsShared() throws Exception {
        int exit = run("transfer", "--server", "127.0.0.1:" + server.port(), "--file", "nope.bin", "--repeat", "1",
                "--out", temp.resolve("out").toString(), "--dir", temp.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(rows().getFirst()).containsEntry("scenario", "server").containsEntry("status", "failed");
        assertThat(console.toString()).contains("shares no file named 'nope.bin'", "data.bin");
    }
}
