package org.messenger.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * The files a transfer benchmark moves: one source, created once with pseudo-random bytes (so every
 * page exists before timing starts), and one destination that is zeroed before each run (which
 * touches its pages too) and checked against the source's CRC32C afterwards, outside the timing.
 */
final class BenchFiles implements AutoCloseable {
    static final int CHUNK = 128 * 1024;

    private final Path directory;
    private final Path source;
    private final Path destination;
    private final long size;
    private final long sourceCrc;
    private final ByteBuffer chunk = AlignedBuffers.allocate(CHUNK);

    private BenchFiles(Path directory, long size, long seed) throws IOException {
        this.directory = directory;
        this.size = size;
        this.source = directory.resolve("source.bin");
        this.destination = directory.resolve("destination.bin");
        SplittableRandom random = new SplittableRandom(seed);
        CRC32C crc = new CRC32C();
        try (FileChannel out = FileChannel.open(source, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long pos = 0; pos < size; ) {
                int n = (int) Math.min(CHUNK, size - pos);
                chunk.clear().limit(n);
                for (int i = 0; i + 8 <= n; i += 8) {
                    chunk.putLong(i, random.nextLong());
                }
                for (int i = n & ~7; i < n; i++) {
                    chunk.put(i, (byte) random.nextInt());
                }
                crc.update(chunk.duplicate());
                while (chunk.hasRemaining()) {
                    pos += out.write(chunk, pos);
                }
            }
        }
        this.sourceCrc = crc.getValue();
        Files.createFile(destination);
    }

    /** Creates a fresh directory under {@code parent} holding a source file of {@code size} bytes. */
    static BenchFiles create(Path parent, long size) throws IOException {
        Path dir = Files.createTempDirectory(parent, "messenger-bench-");
        return new BenchFiles(dir, size, 0x5EEDL);
    }

    /** /dev/shm when it is there and writable (no disk in the measurement), else the temp directory. */
    static Path defaultParent() {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return shm;
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    Path source() {
        return source;
    }

    Path destination() {
        return destination;
    }

    long size() {
        return size;
    }

    Path directory() {
        return directory;
    }

    /** Overwrites the destination with zeros over its full size, so a run writes over existing pages. */
    void resetDestination() throws IOException {
        try (FileChannel out = FileChannel.open(destination, StandardOpenOption.WRITE)) {
            for (long pos = 0; pos < size; ) {
                int n = (int) Math.min(CHUNK, size - pos);
                chunk.clear().limit(n);
                for (int i = 0; i < n; i += 8) {
                    chunk.putLong(i, 0L);
                }
                while (chunk.hasRemaining()) {
                    pos += out.write(chunk, pos);
                }
            }
            out.truncate(size);
        }
    }

    /** True if the destination holds exactly the source's bytes. */
    boolean destinationMatches() throws IOException {
        if (Files.size(destination) != size) {
            return false;
        }
        CRC32C crc = new CRC32C();
        try (FileChannel in = FileChannel.open(destination, StandardOpenOption.READ)) {
            for (long pos = 0; pos < size; ) {
                chunk.clear();
                int n = in.read(chunk, pos);
                if (n < 0) {
                    return false;
                }
                chunk.flip();
                crc.update(chunk);
                pos += n;
            }
        }
        return crc.getValue() == sourceCrc;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(source);
            Files.deleteIfExists(destination);
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove benchmark files in " + directory + "; delete them by hand", e);
        }
    }
}
