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
    private final java.util.List<Path> extraDestinations = new java.util.ArrayList<>();
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

    /** Destination files for {@code count} simultaneous flows: the main one first, then extra ones made on demand. */
    java.util.List<Path> destinations(int count) throws IOException {
        while (extraDestinations.size() < count - 1) {
            Path extra = directory.resolve("destination-" + (extraDestinations.size() + 2) + ".bin");
            Files.createFile(extra);
            extraDestinations.add(extra);
        }
        java.util.List<Path> all = new java.util.ArrayList<>();
        all.add(destination);
        all.addAll(extraDestinations.subList(0, count - 1));
        return all;
    }

    /** Overwrites the destination with zeros over its full size, so a run writes over existing pages. */
    void resetDestination() throws IOException {
        reset(destination);
    }

    /** Same for any destination. */
    void reset(Path file) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
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
        return matches(destination);
    }

    /** True if {@code file} holds exactly the source's bytes. */
    boolean matches(Path file) throws IOException {
        if (Files.size(file) != size) {
            return false;
        }
        CRC32C crc = new CRC32C();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
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
            for (Path extra : extraDestinations) {
                Files.deleteIfExists(extra);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove benchmark files in " + directory + "; delete them by hand", e);
        }
    }
}
