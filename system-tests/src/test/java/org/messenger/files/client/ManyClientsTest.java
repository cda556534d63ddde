package org.messenger.files.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.client.ChatClient;
import org.messenger.client.ClientConfig;
import org.messenger.files.resume.ResumeSidecar;
import org.messenger.files.resume.SidecarRead;
import org.messenger.files.server.FileServerFixture;
import org.messenger.transport.TransferConfig;
import org.messenger.transport.netem.NetemSpec;

/** Several clients at once, and a server that goes away in the middle. */
class ManyClientsTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @TempDir
    Path temp;
    final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    @Test
    void tenClientsDownloadTheSameAndDifferentFilesAtOnceAndAllArriveIntact() throws Exception {
        Path shared = Files.createDirectory(temp.resolve("shared"));
        List<byte[]> contents = new ArrayList<>();
        for (int f = 0; f < 5; f++) {
            byte[] content = new byte[(2 << 20) + f * 12345];
            new Random(f).nextBytes(content);
            contents.add(content);
            Files.write(shared.resolve("file" + f + ".bin"), content);
        }
        FileServerFixture server = open(FileServerFixture.start(shared, 16, MINUTE));
        int clients = 10;
        List<CompletableFuture<DownloadResult>> results = new ArrayList<>();
        long[] endNanos = new long[clients];
        long startNanos = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            // Half fetch the same file, half a file of their own.
            int file = c < 5 ? 0 : c - 5;
            FileClient files = client(server, "user" + c, null);
            Path out = Files.createDirectory(temp.resolve("out" + c));
            int client = c;
            results.add(files.download("file" + file + ".bin", out, DownloadListener.NONE).result()
                    .whenComplete((r, e) -> endNanos[client] = System.nanoTime()));
        }

        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        // For the log only: speed and fairness are measured in the simulator, never asserted here.
        for (int c = 0; c < clients; c++) {
            DownloadResult r = results.get(c).get();
            System.out.printf("client %d: %d bytes in %.2f s from the first GET (%.1f MiB/s)%n", c, r.transferredBytes(),
                    (endNanos[c] - startNanos) / 1e9, r.transferredBytes() / ((endNanos[c] - startNanos) / 1e9) / (1 << 20));
        }

        for (int c = 0; c < clients; c++) {
            int file = c < 5 ? 0 : c - 5;
            assertThat(Files.readAllBytes(results.get(c).get().file())).as("client %d", c).isEqualTo(contents.get(file));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> server.files.ports().leased().isEmpty());
        assertThat(server.files.ports().free()).hasSize(16);
    }

    @Test
    void continuesAfterTheServerRestartsFromWhatIsOnDisk() throws Exception {
        Path shared = Files.createDirectory(temp.resolve("shared"));
        Path out = Files.createDirectory(temp.resolve("out"));
        byte[] content = new byte[8 << 20];
        new Random(9).nextBytes(content);
        Files.write(shared.resolve("big.bin"), content);
        FileServerFixture first = FileServerFixture.start(shared, 1, MINUTE, NetemSpec.parse("rate=40mbit,queue=30"));
        AtomicLong seen = new AtomicLong();
        ClientDownload interrupted = client(first, "alice", null).download("big.bin", out, new DownloadListener() {
            @Override
            public void onProgress(long doneBytes, long totalBytes, long resumedBytes) {
                seen.set(doneBytes);
            }
        });
        await().atMost(MINUTE).until(() -> seen.get() >= content.length / 4);

        first.close();

        interrupted.result().handle((r, e) -> null).get(30, TimeUnit.SECONDS);
        assertThat(interrupted.result()).isCompletedExceptionally();
        SidecarRead saved = new ResumeSidecar(out.resolve("big.bin")).read();
        assertThat(saved).isInstanceOf(SidecarRead.Found.class);
        long kept = ((SidecarRead.Found) saved).record().received().totalBytes();
        assertThat(kept).isGreaterThan(0);

        FileServerFixture second = open(FileServerFixture.start(shared, 1, MINUTE));
        DownloadResult result = client(second, "alice", null).download("big.bin", out, DownloadListener.NONE)
                .result().get(60, TimeUnit.SECONDS);

        assertThat(Files.readAllBytes(result.file())).isEqualTo(content);
        assertThat(result.transferredBytes()).isEqualTo(content.length - kept);
    }

    private FileClient client(FileServerFixture server, String nick, NetemSpec netem) {
        ChatClient chat = new ChatClient(ClientConfig.of("127.0.0.1", server.port(), nick));
        chat.connect();
        opened.add(chat);
        FileClient files = new FileClient(chat, TransferConfig.loopback(), netem);
        opened.add(files);
        return files;
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }
}
