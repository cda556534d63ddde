package org.messenger.files.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.files.catalogue.FileCatalogue;
import org.messenger.files.catalogue.FileHasher;
import org.messenger.files.ports.PortRange;
import org.messenger.irc.server.IrcServer;
import org.messenger.irc.server.IrcServerConfig;
import org.messenger.transport.ByteRanges;
import org.messenger.transport.ReceiveHandle;
import org.messenger.transport.TransferConfig;
import org.messenger.transport.TransferListener;
import org.messenger.transport.TransferSocket;
import org.messenger.transport.TransferTicket;
import org.messenger.transport.netem.NetemSpec;
import org.messenger.transport.time.TimeSource;

/** The server side as a plain IRC client sees it (irssi's /quote), with a real UDP receiver where bytes flow. */
class FileServiceIntegrationTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @TempDir
    Path temp;
    Path shared;
    Path downloads;
    FileServerFixture server;
    TransferSocket receiver;

    @BeforeEach
    void setUp() throws Exception {
        shared = Files.createDirectory(temp.resolve("shared"));
        downloads = Files.createDirectory(temp.resolve("downloads"));
        Files.writeString(shared.resolve("hello.txt"), "hello\n");
        Files.writeString(temp.resolve("secret.txt"), "secret");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (receiver != null) {
            receiver.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void listsSharedFilesWithSizeAndSha256() throws Exception {
        server = FileServerFixture.start(shared, 2, MINUTE);
        try (RawLineClient alice = RawLineClient.registered(server.port(), "alice")) {
            alice.send("FILES");
            alice.expect(" 780 alice hello.txt 6 5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03 :hello.txt \\(6 B\\)$");
            alice.expect(" 781 alice 1 6 :End of FILES: 1 file, 6 B\\. GET <name> downloads one\\.$");
        }
    }

    @Test
    void downloadsAFileOverUdpAndSendsTheCompletionLineWithTheRealLastByte() throws Exception {
        byte[] content = randomBytes(3 << 20, 1);
        content[content.length - 1] = 'Z';
        Files.write(shared.resolve("big.bin"), content);
        server = FileServerFixture.start(shared, 2, MINUTE);
        try (RawLineClient alice = RawLineClient.registered(server.port(), "alice")) {
            alice.send("GET big.bin");
            Matcher ready = alice.expect(" 783 alice (\\d+) (\\d+) (\\S+) (\\d+) ([0-9a-f]{64}) (\\S+) big\\.bin :");
            Path part = downloads.resolve("big.bin");

            receive(ready, part).completion().get(30, TimeUnit.SECONDS);

            alice.expect(" 789 alice " + ready.group(1) + " 90 " + content.length
                    + " big\\.bin :User alice downloaded 100% out of file big\\.bin\\. Last byte is: 90 \\('Z'\\)$");
            assertThat(Files.readAllBytes(part)).isEqualTo(content);
            assertThat(FileHasher.streaming().sha256(part).hex()).isEqualTo(ready.group(5));
            int port = Integer.parseInt(ready.group(2));
            await().atMost(Duration.ofSeconds(10)).until(() -> server.files.ports().free().contains(port));
            assertThat(server.files.ports().leased()).isEmpty();
        }
    }

    @Test
    void sendsOnlyTheRequestedRanges() throws Exception {
        byte[] content = randomBytes(100_000, 2);
        Files.write(shared.resolve("data.bin"), content);
        server = FileServerFixture.start(shared, 1, MINUTE);
        try (RawLineClient alice = RawLineClient.registered(server.port(), "alice")) {
            alice.send("GET data.bin 0-1000,50000-");
            Matcher ready = alice.expect(" 783 alice (\\d+) (\\d+) (\\S+) (\\d+) ([0-9a-f]{64}) (\\S+) data\\.bin :");
            assertThat(ready.group(6)).isEqualTo("0-1000,50000-100000");
            Path part = downloads.resolve("data.bin");

            ReceiveHandle handle = receive(ready, part);
            handle.completion().get(30, TimeUnit.SECONDS);

            byte[] got = Files.readAllBytes(part);
            assertThat(java.util.Arrays.copyOfRange(got, 0, 1000)).isEqualTo(java.util.Arrays.copyOfRange(content, 0, 1000));
            assertThat(java.util.Arrays.copyOfRange(got, 50000, 100000)).isEqualTo(java.util.Arrays.copyOfRange(content, 50000, 100000));
            assertThat(handle.receivedRanges().toString()).isEqualTo("0-1000,50000-100000");
        }
    }

    @Test
    void anEmptyFileCompletesAtOnceWithNoLastByte() throws Exception {
        Files.write(shared.resolve("empty"), new byte[0]);
        server = FileServerFixture.start(shared, 1, MINUTE);
        try (RawLineClient alice = RawLineClient.registered(server.port(), "alice")) {
            alice.send("GET empty");
            alice.expect(" 789 alice \\d+ -1 0 empty :User alice downloaded 100% out of file empty\\. Last byte is: none \\(empty file\\)$");
            assertThat(server.files.ports().leased()).isEmpty();
        }
    }

    @Test
    void refusesPathTraversalAndUnknownFilesWithReadableErrors() throws Exception {
        Files.createSymbolicLink(shared.resolve("link"), temp.resolve("secret.txt"));
        server = FileServerFixture.start(shared, 1, MINUTE);
        try (RawLineClient alice = RawLineClient.registered(server.port(), "alice")) {
            alice.send("GET ../secret.txt");
            alice.expect(" 792 alice \\.\\./secret\\.txt outside-folder :'\\.\\./secret\\.txt' uses '\\.\\.'; only names inside the shared folder can be downloaded\\.$");
            alice.send("GET " + temp.resolve("secret.txt"));
            alice.expect(" 792 alice \\S+ outside-folder :.* is an absolute path");
            alice.send("GET link");
            alice.expect(" 792 alice link outside-folder :'link' is a link that leads out of the shared folder; it is not shared\\.$");
            alice.send("GET .hidden");
            alice.expect(" 792 alice \\.hidden hidden :");
            alice.send("GET nope.txt");
            alice.expect(" 791 alice nope\\.txt :No file named 'nope\\.txt' in the shared folder\\. FILES lists what is shared\\.$");
            alice.send("GET");
            alice.expect(" 461 alice GET :");
            assertThat(server.files.ports().leased()).isEmpty();
        }
    }

    @Test
    void theClientsPortReturnsAtOnceWhenItDisconnectsAndCanBeBoundAgain() throws Exception {
        server = FileServerFixture.start(shared, 1, MINUTE);
        RawLineClient alice = RawLineClient.registered(server.port(), "alice");
        alice.send("GET hello.txt");
        Matcher ready = alice.expect(" 783 alice (\\d+) (\\d+) ");
        int port = Integer.parseInt(ready.group(2));
        assertThat(server.files.ports().leased()).containsValue(port);

        alice.send("QUIT :bye");
        alice.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> server.files.ports().free().contains(port));
        assertThat(server.files.ports().leased()).isEmpty();
        try (DatagramChannel again = DatagramChannel.open(StandardProtocolFamily.INET)) {
            again.bind(new InetSocketAddress("127.0.0.1", port));
        }
    }

    @Test
    void queuesRequestsWhenThePoolIsEmptyAndTellsEachItsPlace() throws Exception {
        server = FileServerFixture.start(shared, 1, MINUTE);
        try (RawLineClient alice = RawLineClient.registered(server.port(), "alice");
                RawLineClient bob = RawLineClient.registered(server.port(), "bob");
                RawLineClient carol = RawLineClient.registered(server.port(), "carol")) {
            alice.send("GET hello.txt");
            String aliceId = alice.expect(" 783 alice (\\d+) ").group(1);
            bob.send("GET hello.txt");
            bob.expect(" 782 bob \\d+ 0 hello\\.txt :Download \\d+ of hello\\.txt: waiting for a free transfer port, next in line$");
            carol.send("GET hello.txt");
            carol.expect(" 782 carol \\d+ 1 hello\\.txt :Download \\d+ of hello\\.txt: waiting for a free transfer port, 1 ahead$");

            alice.send("CANCEL " + aliceId);
            alice.expect(" 786 alice " + aliceId + " :Download " + aliceId + " cancelled$");

            bob.expect(" 783 bob \\d+ " + server.ports.first() + " ");
            carol.expect(" 782 carol \\d+ 0 hello\\.txt :");
            assertThat(server.files.ports().waiting()).hasSize(1);
        }
    }

    @Test
    void aRequestThatWaitsTooLongGivesUpWithAClearError() throws Exception {
        server = FileServerFixture.start(shared, 1, Duration.ofMillis(200));
        try (RawLineClient alice = RawLineClient.registered(server.port(), "alice");
                RawLineClient bob = RawLineClient.registered(server.port(), "bob")) {
            alice.send("GET hello.txt");
            alice.expect(" 783 alice ");
            bob.send("GET hello.txt");
            bob.expect(" 782 bob ");
            bob.expect(" 795 bob (\\d+) \\d+ :Download \\d+: no transfer port became free within \\d+ s; try again later\\.$");
            await().atMost(Duration.ofSeconds(10)).until(() -> server.files.ports().waiting().isEmpty());
        }
    }

    @Test
    void anOfferNobodyStartsOnUdpIsWithdrawnAndItsPortServesTheNextClient() throws Exception {
        server = FileServerFixture.start(shared, 1, null, config -> config.withOfferTimeout(Duration.ofMillis(300)));
        try (RawLineClient alice = RawLineClient.registered(server.port(), "alice");
                RawLineClient bob = RawLineClient.registered(server.port(), "bob")) {
            alice.send("GET hello.txt");
            String id = alice.expect(" 783 alice (\\d+) ").group(1);
            bob.send("GET hello.txt");

            alice.expect(" 790 alice " + id + " hello\\.txt :Download " + id + " of hello\\.txt failed: no handshake in time"
                    + " \\(the client did not start the UDP transfer within 300 ms\\)\\. GET it again to retry\\.$");
            bob.expect(" 783 bob \\d+ " + server.ports.first() + " ");
            // Bob does not start either: afterwards the server holds no file and no port for either.
            bob.expect(" 790 bob \\d+ hello\\.txt :Download \\d+ of hello\\.txt failed: no handshake in time ");
            await().atMost(Duration.ofSeconds(10)).until(() -> server.files.openFiles() == 0
                    && server.files.ports().free().contains(server.ports.first()));
        }
    }

    @Test
    void pauseResumeCancelAndDownloadsAnswerWithTheirNumerics() throws Exception {
        Files.write(shared.resolve("big.bin"), randomBytes(8 << 20, 3));
        server = FileServerFixture.start(shared, 1, MINUTE);
        try (RawLineClient alice = RawLineClient.registered(server.port(), "alice");
                RawLineClient bob = RawLineClient.registered(server.port(), "bob")) {
            alice.send("GET big.bin");
            Matcher ready = alice.expect(" 783 alice (\\d+) (\\d+) (\\S+) (\\d+) ([0-9a-f]{64}) (\\S+) big\\.bin :");
            String id = ready.group(1);
            ReceiveHandle handle = receive(ready, downloads.resolve("big.bin"));
            handle.pause();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.files.download(Long.parseLong(id)).orElseThrow().state().word().equals("paused"));

            // The receiver paused by itself; PAUSE makes the server hold it too.
            alice.send("PAUSE " + id);
            alice.expect(" 784 alice " + id + " \\d+ " + (8 << 20) + " :Download " + id + " paused at \\d+%; RESUME " + id + " continues it$");
            alice.send("PAUSE " + id);
            alice.expect(" 796 alice " + id + " paused :Download " + id + " is already paused; RESUME " + id + " continues it\\.$");
            alice.send("DOWNLOADS");
            alice.expect(" 787 alice " + id + " paused \\d+ " + (8 << 20) + " " + (8 << 20) + " " + ready.group(2) + " big\\.bin :#" + id + " big\\.bin: paused, ");
            alice.expect(" 788 alice 1 :End of DOWNLOADS \\(1\\)$");
            bob.send("CANCEL " + id);
            bob.expect(" 793 bob " + id + " :No download " + id + " of yours; DOWNLOADS lists them\\.$");

            alice.send("PROCEED " + id);
            alice.expect(" 785 alice " + id + " :Download " + id + " continues$");
            handle.resume();
            alice.send("CANCEL " + id);
            alice.expect(" 786 alice " + id + " :Download " + id + " cancelled$");
            alice.send("CANCEL " + id);
            alice.expect(" 796 alice " + id + " cancelled :Download " + id + " is cancelled already; there is nothing to cancel\\.$");
            await().atMost(Duration.ofSeconds(10)).until(() -> server.files.ports().leased().isEmpty());
        }
    }

    @Test
    void pauseFromAPlainIrcClientStopsTheServersDataUntilResume() throws Exception {
        byte[] content = randomBytes(8 << 20, 6);
        Files.write(shared.resolve("big.bin"), content);
        // A 40 Mbit/s egress: the download is still running when PAUSE arrives.
        server = FileServerFixture.start(shared, 1, MINUTE, NetemSpec.parse("rate=40mbit,queue=30"));
        try (RawLineClient alice = RawLineClient.registered(server.port(), "alice")) {
            alice.send("GET big.bin");
            Matcher ready = alice.expect(" 783 alice (\\d+) (\\d+) (\\S+) (\\d+) ([0-9a-f]{64}) (\\S+) big\\.bin :");
            String id = ready.group(1);
            Path part = downloads.resolve("big.bin");
            // This receiver never pauses itself: only the server's sender can stop the bytes.
            ReceiveHandle handle = receive(ready, part);
            await().atMost(MINUTE).until(() -> handle.receivedRanges().totalBytes() >= content.length / 4);

            alice.send("PAUSE " + id);
            alice.expect(" 784 alice " + id + " \\d+ " + content.length + " :Download " + id + " paused at \\d+%; RESUME " + id + " continues it$");
            long atPause = settled(handle);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> handle.receivedRanges().totalBytes() == atPause);
            assertThat(atPause).isLessThan(content.length);
            assertThat(handle.completion()).isNotDone();
            alice.send("DOWNLOADS");
            alice.expect(" 787 alice " + id + " paused \\d+ " + content.length + " ");

            alice.send("RESUME " + id);
            alice.expect(" 785 alice " + id + " :Download " + id + " continues$");
            handle.completion().get(60, TimeUnit.SECONDS);

            alice.expect(" 789 alice " + id + " ");
            assertThat(FileHasher.streaming().sha256(part).hex()).isEqualTo(ready.group(5));
        }
    }

    /** The received byte count once what was in flight has landed (unchanged over half a second). */
    private static long settled(ReceiveHandle handle) {
        java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong(-1);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> last.getAndSet(handle.receivedRanges().totalBytes()) == handle.receivedRanges().totalBytes());
        return last.get();
    }

    @Test
    void spoofedDatagramsOnALeasedPortDoNotDisturbTheDownload() throws Exception {
        byte[] content = randomBytes(1 << 20, 4);
        Files.write(shared.resolve("data.bin"), content);
        server = FileServerFixture.start(shared, 1, MINUTE);
        try (RawLineClient alice = RawLineClient.registered(server.port(), "alice");
                DatagramChannel attacker = DatagramChannel.open(StandardProtocolFamily.INET)) {
            alice.send("GET data.bin");
            Matcher ready = alice.expect(" 783 alice (\\d+) (\\d+) (\\S+) (\\d+) ([0-9a-f]{64}) (\\S+) data\\.bin :");
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", Integer.parseInt(ready.group(2)));
            Random random = new Random(5);
            for (int i = 0; i < 200; i++) {
                byte[] junk = new byte[1 + random.nextInt(1400)];
                random.nextBytes(junk);
                attacker.send(ByteBuffer.wrap(junk), target);
            }
            Path part = downloads.resolve("data.bin");

            receive(ready, part).completion().get(30, TimeUnit.SECONDS);

            assertThat(Files.readAllBytes(part)).isEqualTo(content);
            alice.expect(" 789 alice ");
        }
    }

    @Test
    void aPortThatCannotBeOpenedFailsTheDownloadWithAReasonAndFreesThePort() throws Exception {
        PortRange ports = FileServerFixture.freeUdpRange(1);
        FileService broken = new FileService(new FileCatalogue(shared),
                FileServiceConfig.defaults().withPorts(ports).withMaxPortWait(MINUTE),
                port -> {
                    throw new IOException("cannot bind UDP 127.0.0.1:" + port + " (Address already in use)");
                }, TimeSource.system());
        try (IrcServer irc = IrcServer.start(
                IrcServerConfig.builder().bindAddress("127.0.0.1").port(0).serverName("test.server")
                        .extension(broken).build());
                RawLineClient alice = RawLineClient.registered(irc.port(), "alice")) {
            alice.send("GET hello.txt");
            alice.expect(" 790 alice \\d+ hello\\.txt :Download \\d+ of hello\\.txt failed: the server could not use UDP port "
                    + ports.first() + " \\(cannot bind .*\\)\\. Try again; if it keeps failing, tell the server's owner\\.$");
            await().atMost(Duration.ofSeconds(10)).until(() -> broken.ports().free().contains(ports.first()));
        } finally {
            broken.close();
        }
    }

    private ReceiveHandle receive(Matcher ready, Path target) throws Exception {
        if (receiver == null) {
            receiver = TransferSocket.open(new InetSocketAddress("127.0.0.1", 0), TransferConfig.loopback());
        }
        FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        ReceiveHandle handle = receiver.receive(channel, ByteRanges.parse(ready.group(6)),
                new InetSocketAddress("127.0.0.1", Integer.parseInt(ready.group(2))), TransferTicket.decode(ready.group(3)),
                TransferListener.NONE);
        handle.completion().whenComplete((stats, error) -> {
            try {
                channel.close();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return handle;
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
