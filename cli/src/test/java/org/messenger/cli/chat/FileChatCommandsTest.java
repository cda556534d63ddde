package org.messenger.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.client.ChatClient;
import org.messenger.client.ClientConfig;
import org.messenger.files.catalogue.FileCatalogue;
import org.messenger.files.catalogue.SharedFolder;
import org.messenger.files.ports.PortRange;
import org.messenger.files.server.FileService;
import org.messenger.files.server.FileServiceConfig;
import org.messenger.files.server.TransportPortSocket;
import org.messenger.irc.server.IrcServer;
import org.messenger.irc.server.IrcServerConfig;
import org.messenger.transport.TransferConfig;
import org.messenger.transport.netem.NetemSpec;
import org.messenger.transport.time.TimeSource;

/** /files, /get and friends inside the chat, against a real server on 127.0.0.1. */
class FileChatCommandsTest {
    @TempDir
    Path temp;
    IrcServer server;
    FileService files;
    ChatClient chat;
    FileChatCommands commands;
    final List<String> screen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Path shared = SharedFolder.prepare(temp.resolve("shared")).folder();
        byte[] big = new byte[8 << 20];
        new java.util.Random(1).nextBytes(big);
        Files.write(shared.resolve("big.bin"), big);
        int udp;
        try (DatagramChannel probe = DatagramChannel.open(StandardProtocolFamily.INET)) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            udp = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
        files = new FileService(new FileCatalogue(shared), FileServiceConfig.defaults().withPorts(new PortRange(udp, udp)),
                TransportPortSocket.opener("127.0.0.1", TransferConfig.loopback(), NetemSpec.parse("rate=100mbit,queue=30")), TimeSource.system());
        server = IrcServer.start(IrcServerConfig.builder().bindAddress("127.0.0.1").port(0).serverName("test.server")
                .extension(files).build());
        chat = new ChatClient(ClientConfig.of("127.0.0.1", server.port(), "alice"));
        chat.connect();
        commands = new FileChatCommands(chat, screen::add, new EventFormatter(ZoneOffset.UTC), Clock.systemUTC(),
                Files.createDirectory(temp.resolve("out")));
    }

    @AfterEach
    void stop() {
        commands.close();
        chat.disconnect("bye");
        server.close();
        files.close();
    }

    @Test
    void listsTheSharedFilesAboveThePrompt() {
        assertThat(commands.tryRun("/files")).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> screen.stream().anyMatch(l -> l.contains("README.txt")));
    }

    @Test
    void getsAFileInTheBackgroundAndShowsTheCompletionLine() {
        assertThat(commands.tryRun("/get README.txt")).isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() -> screen.stream().anyMatch(l -> l.contains("done, SHA-256 verified")));
        assertThat(screen).anyMatch(l -> l.contains("User alice downloaded 100% out of file README.txt. Last byte is: 10"));
        assertThat(temp.resolve("out/README.txt")).exists();
    }

    @Test
    void showsALiveProgressLineThatUpdatesAndGoesAwayAtTheEnd() throws Exception {
        commands.close();
        List<String> live = new CopyOnWriteArrayList<>();
        List<Long> removed = new CopyOnWriteArrayList<>();
        commands = new FileChatCommands(chat, screen::add, new EventFormatter(ZoneOffset.UTC), Clock.systemUTC(),
                temp.resolve("out"), new ProgressLines() {
                    @Override
                    public boolean live() {
                        return true;
                    }

                    @Override
                    public void update(long key, String line) {
                        live.add(key + " " + line);
                    }

                    @Override
                    public void remove(long key) {
                        removed.add(key);
                    }
                }, null);

        commands.tryRun("/get big.bin");

        await().atMost(Duration.ofSeconds(60)).until(() -> screen.stream().anyMatch(l -> l.contains("big.bin: done, SHA-256 verified")));
        // 8 MiB at 100 Mbit/s: several redraws, each with percent, bytes, rate and ETA.
        assertThat(live).hasSizeGreaterThanOrEqualTo(2);
        assertThat(live).allMatch(l -> l.matches("1 #\\d+ big\\.bin: +\\d+% \\[.*\\] .* / 8\\.00 MiB  .*/s  (ETA|done in) .*"));
        assertThat(live).anyMatch(l -> l.contains("ETA "));
        await().atMost(Duration.ofSeconds(10)).until(() -> removed.contains(1L));
        // The live line replaces the quarter lines above the prompt.
        assertThat(screen).noneMatch(l -> l.contains("ETA"));
    }

    @Test
    void refusesASecondGetOfAFileStillDownloadingAndSaysHowToControlTheFirst() {
        commands.tryRun("/get big.bin");
        commands.tryRun("/get big.bin");

        assertThat(screen).anyMatch(l -> l.contains("! big.bin: already downloading into " + temp.resolve("out/big.bin"))
                && (l.contains("/cancel") || l.contains("waiting for the server")));
        await().atMost(Duration.ofSeconds(60)).until(() -> screen.stream().anyMatch(l -> l.contains("big.bin: done, SHA-256 verified")));
        assertThat(temp.resolve("out")).isDirectoryNotContaining("glob:**/big (1).bin");
    }

    @Test
    void aSecondGetOfAFinishedFileKeepsItAndSavesANumberedCopy() {
        commands.tryRun("/get README.txt");
        await().atMost(Duration.ofSeconds(30)).until(() -> screen.stream().anyMatch(l -> l.contains("README.txt: done")));

        commands.tryRun("/get README.txt");

        await().atMost(Duration.ofSeconds(30)).until(() -> screen.stream().anyMatch(l -> l.contains("Saved to " + temp.resolve("out/README (1).txt"))));
        assertThat(screen).anyMatch(l -> l.contains("README.txt is already in " + temp.resolve("out") + "; saving this download as README (1).txt."));
        assertThat(temp.resolve("out/README.txt")).exists();
    }

    @Test
    void reportsAnUnknownFile() {
        commands.tryRun("/get nope");
        await().atMost(Duration.ofSeconds(20)).until(() -> screen.stream().anyMatch(l -> l.contains("No file named 'nope'")));
    }

    @Test
    void leavesOtherLinesToTheChat() {
        assertThat(commands.tryRun("hello everyone")).isFalse();
        assertThat(commands.tryRun("/msg bob hi")).isFalse();
        assertThat(commands.tryRun("/pause x")).isTrue();
        assertThat(screen).anyMatch(l -> l.contains("Usage: /pause <id>"));
    }
}
