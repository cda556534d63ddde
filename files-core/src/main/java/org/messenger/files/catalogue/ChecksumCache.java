package org.messenger.files.catalogue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers each shared file's SHA-256 by its real path, size and modification time, so that a
 * listing does not re-read gigabytes every time. A file whose size or modification time changed
 * is hashed again. Two threads asking for the same file at once share one computation.
 *
 * <p>A file rewritten with the same size within the file system's timestamp granularity keeps its
 * old digest; the client's own SHA-256 check after the download is the final word.
 */
public final class ChecksumCache {
    /** How often a file that changes while it is being hashed is re-read before giving up. */
    private static final int MAX_ATTEMPTS = 3;

    private record Stamp(long sizeBytes, FileTime modified, Object fileKey) {
        static Stamp of(BasicFileAttributes attributes) {
            return new Stamp(attributes.size(), attributes.lastModifiedTime(), attributes.fileKey());
        }
    }

    private record Entry(Stamp stamp, CompletableFuture<Sha256> digest) {
    }

    private final FileHasher hasher;
    private final ConcurrentMap<Path, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong computed = new AtomicLong();

    public ChecksumCache(FileHasher hasher) {
        this.hasher = hasher;
    }

    public ChecksumCache() {
        this(FileHasher.streaming());
    }

    /** The digest of {@code realPath}, a regular file already checked by the catalogue. */
    public Sha256 sha256(Path realPath) throws IOException {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Stamp before = Stamp.of(Files.readAttributes(realPath, BasicFileAttributes.class));
            Entry entry = entryFor(realPath, before, () -> hasher.sha256(realPath));
            Sha256 digest = await(entry, realPath);
            Stamp after = Stamp.of(Files.readAttributes(realPath, BasicFileAttributes.class));
            if (after.equals(before)) {
                return digest;
            }
            // The file changed while we read it: the digest may mix old and new bytes.
            entries.remove(realPath, entry);
        }
        throw new IOException("'" + realPath.getFileName() + "' keeps changing while it is being read; try again when it is complete");
    }

    /**
     * The digest of the file open as {@code handle}, whose identity (the file key read when it was
     * opened) is {@code handleKey}. The cache entry of {@code realPath} is used only when the path
     * still names that same file with the handle's size and the entry's modification time; on a
     * miss the handle itself is hashed, so the digest describes what the handle reads.
     *
     * @throws IOException when the file is replaced or keeps changing while it is read
     */
    public Sha256 sha256(Path realPath, FileChannel handle, Object handleKey) throws IOException {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Stamp before = stampOf(realPath, handle, handleKey);
            Entry entry = entryFor(realPath, before, () -> hasher.sha256(handle));
            Sha256 digest = await(entry, realPath);
            Stamp after = stampOf(realPath, handle, handleKey);
            if (after.equals(before)) {
                return digest;
            }
            entries.remove(realPath, entry);
        }
        throw new IOException("'" + realPath.getFileName() + "' keeps changing while it is being read; try again when it is complete");
    }

    private static Stamp stampOf(Path realPath, FileChannel handle, Object handleKey) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(realPath, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (handleKey == null || !handleKey.equals(attributes.fileKey())) {
            throw new IOException("'" + realPath.getFileName() + "' was replaced while it was being opened; try again");
        }
        return new Stamp(handle.size(), attributes.lastModifiedTime(), attributes.fileKey());
    }

    /** How many files were actually read so far (the rest came from the cache). */
    public long hashesComputed() {
        return computed.get();
    }

    /** Forgets files that are gone, so the cache does not grow with every file ever shared. */
    public void retainOnly(java.util.Set<Path> realPaths) {
        entries.keySet().retainAll(realPaths);
    }

    /** Computes a digest; the one thing that reads the file. */
    @FunctionalInterface
    private interface Digesting {
        Sha256 run() throws IOException;
    }

    private Entry entryFor(Path realPath, Stamp stamp, Digesting digesting) {
        while (true) {
            Entry existing = entries.get(realPath);
            if (existing != null && existing.stamp().equals(stamp)) {
                return existing;
            }
            Entry mine = new Entry(stamp, new CompletableFuture<>());
            boolean installed = existing == null
                    ? entries.putIfAbsent(realPath, mine) == null
                    : entries.replace(realPath, existing, mine);
            if (installed) {
                compute(realPath, mine, digesting);
                return mine;
            }
        }
    }

    private void compute(Path realPath, Entry entry, Digesting digesting) {
        try {
            computed.incrementAndGet();
            entry.digest().complete(digesting.run());
        } catch (IOException | RuntimeException e) {
            entries.remove(realPath, entry);
            entry.digest().completeExceptionally(e);
        }
    }

    private static Sha256 await(Entry entry, Path realPath) throws IOException {
        try {
            return entry.digest().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while hashing '" + realPath.getFileName() + "'", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new IOException("cannot read '" + realPath.getFileName() + "': " + io.getMessage(), io);
            }
            if (cause instanceof UncheckedIOException unchecked) {
                throw unchecked.getCause();
            }
            throw new IllegalStateException("hashing '" + realPath.getFileName() + "' failed", cause);
        }
    }
}
