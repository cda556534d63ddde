package org.messenger.files.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.client.ChatClient;
import org.messenger.client.ClientConfig;
import org.messenger.files.catalogue.FileHasher;
import org.messenger.files.catalogue.Sha256;
import org.messenger.files.protocol.FileReply;
import org.messenger.files.resume.ResumeRecord;
import org.messenger.files.resume.ResumeSidecar;
import org.messenger.files.resume.SidecarRead;
import org.messenger.files.server.FileServerFixture;
import org.messenger.transport.ByteRanges;
import org.messenger.transport.TransferConfig;
import org.messenger.transport.netem.NetemSpec;

/** The client library against the real server on 127.0.0.1: list, download, resume, pause, verify. */
class FileClientTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path temp;
    Path shared;
    Path out;
    FileServerFixture server;
    final List<AutoCloseable> closeLast = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        shared = Files.createDirectory(temp.resolve("shared"));
        out = Files.createDirectory(temp.resolve("out"));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closeLast.size() - 1; i >= 0; i--) {
            closeLast.get(i).close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void listsTheSharedFiles() throws Exception {
        Files.writeString(shared.resolve("hello.txt"), "hello\n");
        server = FileServerFixture.start(shared, 1, MINUTE);

        List<FileReply.FileEntry> files = client("alice").list().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(files).containsExactly(new FileReply.FileEntry("hello.txt", 6,
                new Sha256("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03")));
    }

    @Test
    void downloadsVerifiesAndRenamesAFileAndShowsTheCompletionLine() throws Exception {
        byte[] content = randomBytes(2 << 20, 1);
        content[content.length - 1] = '!';
        Files.write(shared.resolve("data.bin"), content);
        server = FileServerFixture.start(shared, 1, MINUTE);

        DownloadResult result = client("alice").download("data.bin", out, DownloadListener.NONE).result().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(result.file()).isEqualTo(out.resolve("data.bin"));
        assertThat(Files.readAllBytes(result.file())).isEqualTo(content);
        assertThat(result.completionLine()).contains("User alice downloaded 100% out of file data.bin. Last byte is: 33 ('!')");
        try (var left = Files.list(out)) {
            assertThat(left).containsExactly(out.resolve("data.bin"));
        }
    }

    @Test
    void keepsAFinishedFileOfTheSameNameAndSavesTheNewOneAsACopy() throws Exception {
        Files.writeString(shared.resolve("notes.txt"), "from the server\n");
        Files.writeString(out.resolve("notes.txt"), "mine, edited\n");
        server = FileServerFixture.start(shared, 1, MINUTE);
        List<String> notices = new CopyOnWriteArrayList<>();

        DownloadResult result = client("alice").download("notes.txt", out, notices(notices)).result().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(result.file()).isEqualTo(out.resolve("notes (1).txt"));
        assertThat(result.file()).hasContent("from the server");
        assertThat(out.resolve("notes.txt")).hasContent("mine, edited");
        assertThat(notices).contains("notes.txt is already in " + out + "; saving this download as notes (1).txt.");
    }

    @Test
    void refusesASecondDownloadOfAFileThatIsStillDownloading() throws Exception {
        byte[] content = randomBytes(4 << 20, 9);
        Files.write(shared.resolve("big.bin"), content);
        server = FileServerFixture.start(shared, 1, MINUTE, NetemSpec.parse("rate=40mbit,queue=30"));
        FileClient files = client("alice");
        AtomicLong seen = new AtomicLong();
        ClientDownload first = files.download("big.bin", out, progress(seen));
        await().atMost(Duration.ofSeconds(TIMEOUT_SECONDS)).until(() -> seen.get() > 0);

        assertThatThrownBy(() -> files.download("big.bin", out, DownloadListener.NONE))
                .isInstanceOf(AlreadyDownloadingException.class)
                .hasMessage("Already downloading big.bin into " + out.resolve("big.bin") + " (download #" + first.id()
                        + "). Pause, resume or cancel that download, or wait until it finishes; a cancelled download"
                        + " continues where it stopped when you get the file again.");

        // The first one is untouched by the refusal and still arrives whole.
        assertThat(Files.readAllBytes(first.result().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).file())).isEqualTo(content);
    }

    @Test
    void aGetBeyondTheServersPerClientLimitFailsWithTheServersExplanation() throws Exception {
        Files.write(shared.resolve("big.bin"), randomBytes(4 << 20, 9));
        Files.writeString(shared.resolve("small.txt"), "small\n");
        server = FileServerFixture.start(shared, 1, NetemSpec.parse("rate=8mbit,queue=30"), config -> config.withMaxDownloadsPerClient(1));
        FileClient files = client("alice");
        AtomicLong seen = new AtomicLong();
        ClientDownload first = files.download("big.bin", out, progress(seen));
        await().atMost(Duration.ofSeconds(TIMEOUT_SECONDS)).until(() -> seen.get() > 0);

        ClientDownload second = files.download("small.txt", out, DownloadListener.NONE);

        assertThatThrownBy(() -> second.result().get(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("Not downloading small.txt: you already have 1 download waiting or running, the most this"
                        + " server allows at once. Wait for one to finish, or CANCEL one (DOWNLOADS lists them).");
        first.cancel();
    }

    @Test
    void downloadsAnEmptyFile() throws Exception {
        Files.write(shared.resolve("empty"), new byte[0]);
        server = FileServerFixture.start(shared, 1, MINUTE);

        DownloadResult result = client("alice").download("empty", out, DownloadListener.NONE).result().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(Files.size(result.file())).isZero();
        assertThat(result.completionLine()).contains("User alice downloaded 100% out of file empty. Last byte is: none (empty file)");
    }

    @Test
    void anUnknownFileFailsWithTheServersExplanation() throws Exception {
        server = FileServerFixture.start(shared, 1, MINUTE);

        ClientDownload d = client("alice").download("nope.txt", out, DownloadListener.NONE);

        assertThatThrownBy(() -> d.result().get(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(FileClientException.class)
                .hasMessage("No file named 'nope.txt' in the shared folder. FILES lists what is shared.");
    }

    @Test
    void resumesAfterAClientRestartAndNeverFetchesFinishedRangesAgain() throws Exception {
        byte[] content = randomBytes(8 << 20, 2);
        Files.write(shared.resolve("big.bin"), content);
        // A slow link, so that the first attempt is still running when we stop it.
        server = FileServerFixture.start(shared, 1, MINUTE, NetemSpec.parse("rate=40mbit,queue=30"));
        FileClient first = client("alice");
        AtomicLong seen = new AtomicLong();
        ClientDownload interrupted = first.download("big.bin", out, progress(seen));
        await().atMost(Duration.ofSeconds(TIMEOUT_SECONDS)).until(() -> seen.get() >= content.length / 4);

        first.close();

        assertThatThrownBy(() -> interrupted.result().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).hasMessageContaining("is kept");
        SidecarRead saved = new ResumeSidecar(out.resolve("big.bin")).read();
        assertThat(saved).isInstanceOf(SidecarRead.Found.class);
        long kept = ((SidecarRead.Found) saved).record().received().totalBytes();
        assertThat(kept).isGreaterThan(0).isLessThan(content.length);

        List<String> notices = new CopyOnWriteArrayList<>();
        DownloadResult result = client("alice2").download("big.bin", out, notices(notices)).result().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(Files.readAllBytes(result.file())).isEqualTo(content);
        assertThat(result.transferredBytes()).isEqualTo(content.length - kept);
        assertThat(notices).anyMatch(n -> n.startsWith("Resuming: "));
    }

    @Test
    void startsOverWhenTheFileChangedOnTheServer() throws Exception {
        byte[] content = randomBytes(100_000, 3);
        Files.write(shared.resolve("f.bin"), content);
        server = FileServerFixture.start(shared, 1, MINUTE);
        ResumeSidecar sidecar = new ResumeSidecar(out.resolve("f.bin"));
        Files.write(sidecar.partFile(), new byte[50_000]);
        sidecar.save(new ResumeRecord(100_000, new Sha256("11".repeat(32)), ByteRanges.whole(50_000)));
        List<String> notices = new CopyOnWriteArrayList<>();

        DownloadResult result = client("alice").download("f.bin", out, notices(notices)).result().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(Files.readAllBytes(result.file())).isEqualTo(content);
        assertThat(notices).contains("The file on the server changed since the earlier attempt; downloading it again from the start.");
    }

    @Test
    void startsOverWhenTheRecordOutlivedItsPartFile() throws Exception {
        byte[] content = randomBytes(100_000, 7);
        Files.write(shared.resolve("f.bin"), content);
        server = FileServerFixture.start(shared, 1, MINUTE);
        new ResumeSidecar(out.resolve("f.bin")).save(new ResumeRecord(100_000,
                FileHasher.streaming().sha256(shared.resolve("f.bin")), ByteRanges.whole(50_000)));
        List<String> notices = new CopyOnWriteArrayList<>();

        DownloadResult result = client("alice").download("f.bin", out, notices(notices)).result().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(Files.readAllBytes(result.file())).isEqualTo(content);
        assertThat(notices).contains("f.bin.part is gone; downloading from the start.");
    }

    @Test
    void givesUpWithAClearMessageWhenNoPortFreesInTime() throws Exception {
        Files.write(shared.resolve("big.bin"), randomBytes(8 << 20, 8));
        server = FileServerFixture.start(shared, 1, Duration.ofMillis(300), NetemSpec.parse("rate=20mbit,queue=30"));
        ClientDownload holder = client("alice").download("big.bin", Files.createDirectory(temp.resolve("alice")), DownloadListener.NONE);
        await().atMost(Duration.ofSeconds(TIMEOUT_SECONDS)).until(() -> holder.id() != 0);
        List<String> notices = new CopyOnWriteArrayList<>();

        ClientDownload waiting = client("bob").download("big.bin", out, notices(notices));

        assertThatThrownBy(() -> waiting.result().get(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .cause().hasMessageMatching("Download \\d+: no transfer port became free within \\d+ s; try again later\\.");
        assertThat(notices).contains("Waiting for a free transfer port; you are next.");
    }

    @Test
    void reportsAChecksumMismatchWhenTheBytesOnDiskAreWrong() throws Exception {
        byte[] content = randomBytes(100_000, 4);
        Files.write(shared.resolve("f.bin"), content);
        server = FileServerFixture.start(shared, 1, MINUTE);
        // A record that vouches for bytes that are not the file's: the final check must catch it.
        ResumeSidecar sidecar = new ResumeSidecar(out.resolve("f.bin"));
        Files.write(sidecar.partFile(), new byte[50_000]);
        sidecar.save(new ResumeRecord(100_000, FileHasher.streaming().sha256(shared.resolve("f.bin")), ByteRanges.whole(50_000)));

        ClientDownload d = client("alice").download("f.bin", out, DownloadListener.NONE);

        assertThatThrownBy(() -> d.result().get(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .cause().hasMessageStartingWith("Checksum mismatch for f.bin: expected SHA-256 ");
        assertThat(out.resolve("f.bin")).doesNotExist();
    }

    @Test
    void reportsAChecksumMismatchWhenKeptBytesAfterAGapAreWrong() throws Exception {
        byte[] content = randomBytes(300_000, 9);
        Files.write(shared.resolve("f.bin"), content);
        server = FileServerFixture.start(shared, 1, MINUTE);
        // Kept bytes at the end that are not the file's: hashed only once the download fills the gap before them.
        ResumeSidecar sidecar = new ResumeSidecar(out.resolve("f.bin"));
        Files.write(sidecar.partFile(), new byte[300_000]);
        sidecar.save(new ResumeRecord(300_000, FileHasher.streaming().sha256(shared.resolve("f.bin")), ByteRanges.of(120_000, 300_000)));

        ClientDownload d = client("alice").download("f.bin", out, DownloadListener.NONE);

        assertThatThrownBy(() -> d.result().get(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .cause().hasMessageStartingWith("Checksum mismatch for f.bin: expected SHA-256 ");
        assertThat(out.resolve("f.bin")).doesNotExist();
    }

    @Test
    void aResumedDownloadWithTheRightKeptBytesAfterAGapIsVerifiedAndSaved() throws Exception {
        byte[] content = randomBytes(3 << 20, 10);
        Files.write(shared.resolve("f.bin"), content);
        server = FileServerFixture.start(shared, 1, MINUTE);
        // The file's own bytes kept from an earlier attempt, after a gap: the missing start arrives, then both are hashed.
        ResumeSidecar sidecar = new ResumeSidecar(out.resolve("f.bin"));
        byte[] part = content.clone();
        java.util.Arrays.fill(part, 0, 1 << 20, (byte) 0);
        Files.write(sidecar.partFile(), part);
        sidecar.save(new ResumeRecord(content.length, FileHasher.streaming().sha256(shared.resolve("f.bin")),
                ByteRanges.of(1 << 20, content.length)));

        DownloadResult result = client("alice").download("f.bin", out, DownloadListener.NONE).result().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(Files.readAllBytes(result.file())).isEqualTo(content);
        assertThat(result.transferredBytes()).isEqualTo(1 << 20);
    }

    /** The original product's scenario: A pauses part-way, B fetches the same file to the end, A resumes. */
    @Test
    void aPausedDownloadWaitsWhileAnotherClientFetchesTheSameFileThenBothAreIntact() throws Exception {
        byte[] content = randomBytes(6 << 20, 5);
        Files.write(shared.resolve("x.bin"), content);
        // Slow enough that the pause lands long before A could finish, even on a loaded machine
        // (at 60 Mbit/s the second half took 0.4 s, less than a busy CI box needed to deliver PAUSE).
        server = FileServerFixture.start(shared, 2, MINUTE, NetemSpec.parse("rate=30mbit,queue=30"));
        Path outA = Files.createDirectory(temp.resolve("a"));
        Path outB = Files.createDirectory(temp.resolve("b"));
        AtomicLong seenA = new AtomicLong();
        ClientDownload a = client("a").download("x.bin", outA, progress(seenA));
        await().atMost(Duration.ofSeconds(TIMEOUT_SECONDS)).until(() -> seenA.get() >= content.length / 3);

        a.pause();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.files.download(a.id()).orElseThrow().state().word().equals("paused"));
        long aAtPause = settled(seenA);
        DownloadResult b = client("b").download("x.bin", outB, DownloadListener.NONE).result().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(a.result()).isNotDone();
        assertThat(seenA.get()).as("A's bytes while paused").isEqualTo(aAtPause).isLessThan(content.length);
        a.resume();
        DownloadResult resultA = a.result().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(Files.readAllBytes(b.file())).isEqualTo(content);
        assertThat(Files.readAllBytes(resultA.file())).isEqualTo(content);
        assertThat(resultA.sha256()).isEqualTo(b.sha256());
    }

    /** The progress count once what was in flight at a pause has landed (unchanged over half a second). */
    private static long settled(AtomicLong seen) {
        AtomicLong last = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() -> last.getAndSet(seen.get()) == seen.get());
        return last.get();
    }

    @Test
    void arrivesIntactThroughLossReorderingDuplicationAndCorruption() throws Exception {
        byte[] content = randomBytes(4 << 20, 6);
        Files.write(shared.resolve("lossy.bin"), content);
        NetemSpec bad = NetemSpec.parse("loss=5%,reorder=2%,dup=1%,corrupt=0.5%,seed=7");
        server = FileServerFixture.start(shared, 1, MINUTE, bad);

        DownloadResult result = client("alice", bad.withSeed(8)).download("lossy.bin", out, DownloadListener.NONE)
                .result().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(Files.readAllBytes(result.file())).isEqualTo(content);
    }

    private FileClient client(String nick) {
        return client(nick, null);
    }

    private FileClient client(String nick, NetemSpec netem) {
        ChatClient chat = new ChatClient(ClientConfig.of("127.0.0.1", server.port(), nick));
        chat.connect();
        closeLast.add(chat);
        FileClient files = new FileClient(chat, TransferConfig.loopback(), netem);
        closeLast.add(files);
        return files;
    }

    private static DownloadListener progress(AtomicLong seen) {
        return new DownloadListener() {
            @Override
            public void onProgress(long doneBytes, long totalBytes, long resumedBytes) {
                seen.set(doneBytes);
            }
        };
    }

    private static DownloadListener notices(List<String> notices) {
        return new DownloadListener() {
            @Override
            public void onNotice(String text) {
                notices.add(text);
            }
        };
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
