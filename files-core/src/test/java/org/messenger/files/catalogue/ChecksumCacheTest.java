package org.messenger.files.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumCacheTest {
    private static final Sha256 DIGEST = new Sha256("ab".repeat(32));

    @TempDir
    Path temp;

    @Test
    void concurrentCallersForTheSameFileShareOneComputation() throws Exception {
        Path file = Files.writeString(temp.resolve("f"), "x");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        ChecksumCache cache = new ChecksumCache(path -> {
            calls.incrementAndGet();
            entered.countDown();
            awaitQuietly(release);
            return DIGEST;
        });

        CompletableFuture<Sha256> first = CompletableFuture.supplyAsync(() -> hash(cache, file));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        Thread[] second = new Thread[1];
        CompletableFuture<Sha256> other = new CompletableFuture<>();
        second[0] = new Thread(() -> other.complete(hash(cache, file)));
        second[0].start();
        await().atMost(Duration.ofSeconds(10)).until(() -> second[0].getState() == Thread.State.WAITING);
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(DIGEST);
        assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo(DIGEST);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aFailedComputationIsNotCachedSoTheNextCallTriesAgain() throws Exception {
        Path file = Files.writeString(temp.resolve("f"), "x");
        AtomicInteger calls = new AtomicInteger();
        ChecksumCache cache = new ChecksumCache(path -> {
            if (calls.incrementAndGet() == 1) {
                throw new IOException("disk hiccup");
            }
            return DIGEST;
        });

        assertThatThrownBy(() -> cache.sha256(file)).isInstanceOf(IOException.class).hasMessageContaining("disk hiccup");
        assertThat(cache.sha256(file)).isEqualTo(DIGEST);
    }

    private static Sha256 hash(ChecksumCache cache, Path file) {
        try {
            return cache.sha256(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
