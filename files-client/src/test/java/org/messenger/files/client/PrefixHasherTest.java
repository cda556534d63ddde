package org.messenger.files.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.files.catalogue.FileHasher;
import org.messenger.files.catalogue.Sha256;

class PrefixHasherTest {
    /** Not a multiple of the hasher's 256 KiB buffer, so steps end inside it. */
    private static final int SIZE = 1_000_003;

    @TempDir
    Path temp;

    private Path file(byte[] content) throws IOException {
        Path file = temp.resolve("f.part");
        Files.write(file, content);
        return file;
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(11).nextBytes(bytes);
        return bytes;
    }

    @Test
    void hashingInStepsAsThePrefixGrowsGivesTheDigestOfOnePass() throws Exception {
        Path file = file(random(SIZE));
        PrefixHasher hasher = new PrefixHasher();

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (long upTo : new long[] {1, 4096, 300_000, 300_000, 524_288, 999_999}) {
                hasher.advance(channel, upTo);
                assertThat(hasher.hashedBytes()).isEqualTo(upTo);
            }
            assertThat(hasher.finish(channel, SIZE)).isEqualTo(FileHasher.streaming().sha256(file));
        }
    }

    @Test
    void finishHashesTheWholeFileWhenNothingWasHashedAhead() throws Exception {
        Path file = file(random(SIZE));

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            assertThat(new PrefixHasher().finish(channel, SIZE)).isEqualTo(FileHasher.streaming().sha256(file));
        }
    }

    @Test
    void aPrefixThatShrinksIsNotHashedAgain() throws Exception {
        Path file = file(random(SIZE));
        PrefixHasher hasher = new PrefixHasher();

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            hasher.advance(channel, 500_000);
            hasher.advance(channel, 100_000);
            assertThat(hasher.hashedBytes()).isEqualTo(500_000);
            assertThat(hasher.finish(channel, SIZE)).isEqualTo(FileHasher.streaming().sha256(file));
        }
    }

    @Test
    void aWrongByteBeyondTheHashedPrefixChangesTheDigest() throws Exception {
        byte[] content = random(SIZE);
        Sha256 right = FileHasher.streaming().sha256(file(content));
        Path file = temp.resolve("f.part");
        PrefixHasher hasher = new PrefixHasher();

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            hasher.advance(channel, 400_000);
            channel.write(ByteBuffer.wrap(new byte[] {(byte) ~content[700_000]}), 700_000);
            assertThat(hasher.finish(channel, SIZE)).isNotEqualTo(right).isEqualTo(FileHasher.streaming().sha256(file));
        }
    }

    @Test
    void afterAResetTheDigestStartsFromTheFirstByteAgain() throws Exception {
        Path file = file(random(SIZE));
        PrefixHasher hasher = new PrefixHasher();

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            hasher.advance(channel, 600_000);
            hasher.reset();
            channel.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 10);
            assertThat(hasher.hashedBytes()).isZero();
            assertThat(hasher.finish(channel, SIZE)).isEqualTo(FileHasher.streaming().sha256(file));
        }
    }

    @Test
    void aFileShorterThanWhatShouldBeOnDiskIsAnErrorThatKeepsWhatWasHashed() throws Exception {
        Path file = file(random(1000));
        PrefixHasher hasher = new PrefixHasher();

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            assertThatThrownBy(() -> hasher.advance(channel, 2000))
                    .isInstanceOf(IOException.class).hasMessageContaining("ends at 1000 bytes, before the 2000");
            assertThat(hasher.hashedBytes()).isZero();
        }
    }
}
