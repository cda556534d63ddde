package org.messenger.files.client;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.messenger.files.catalogue.Sha256;
import org.messenger.files.resume.ResumeRecord;
import org.messenger.transport.ByteRanges;
import org.messenger.transport.ReceiveHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a download keeps on disk: {@code NAME.part}, its resume record, and the final move into
 * place (docs/files.md, Resuming). Called on the file client's disk thread.
 */
final class PartFiles {
    private static final Logger log = LoggerFactory.getLogger(PartFiles.class);

    private PartFiles() {
    }

    /** Forces the data, then records what is on disk; a download not receiving yet has nothing to record. */
    static void persist(ClientDownload d) {
        FileChannel channel;
        ReceiveHandle handle;
        ByteRanges have;
        long size;
        Sha256 sha;
        synchronized (d) {
            channel = d.channel;
            handle = d.handle;
            have = d.have;
            size = d.sizeBytes;
            sha = d.expectedSha256;
        }
        if (channel == null || handle == null || sha == null || !channel.isOpen()) {
            return;
        }
        try {
            // The record may only claim bytes that are on disk: force first (docs/files.md).
            ByteRanges received = have.copy();
            received.addAll(handle.receivedRanges());
            channel.force(false);
            d.sidecar.save(new ResumeRecord(size, sha, received));
        } catch (IOException | RuntimeException e) {
            log.warn("Could not save the resume record of {}: {}", d.name, e.toString());
        }
    }

    /**
     * Hashes what is on disk from the first byte without a gap: the ranges kept from an earlier
     * attempt and those this transfer wrote. A file that cannot be read here is left to the final
     * check, which reads it again and says what is wrong.
     */
    static void hashAhead(ClientDownload d) {
        FileChannel channel;
        ReceiveHandle handle;
        ByteRanges have;
        long size;
        synchronized (d) {
            d.hashQueued = false;
            channel = d.channel;
            handle = d.handle;
            have = d.have;
            size = d.sizeBytes;
        }
        if (channel == null || handle == null || size < 0 || !channel.isOpen()) {
            return;
        }
        ByteRanges onDisk = have.copy();
        onDisk.addAll(handle.receivedRanges());
        try {
            d.hash.advance(channel, Math.min(size, onDisk.firstGapAtOrAfter(0)));
        } catch (IOException e) {
            log.debug("Hashing {} ahead stopped: {}", d.sidecar.partFile(), e.toString());
        }
    }

    /**
     * {@code NAME.part} cut to {@code size} (positional writes never shrink it, and a stale longer
     * part may sit there), and its SHA-256: the rest after what {@link #hashAhead} covered.
     */
    static Sha256 trimAndHash(ClientDownload d, long size) throws IOException {
        Path part = d.sidecar.partFile();
        if (!Files.exists(part) && size == 0) {
            Files.createFile(part);
        }
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (channel.size() > size) {
                channel.truncate(size);
            }
            return d.hash.finish(channel, size);
        }
    }

    /** Renames the verified {@code NAME.part} to {@code NAME} (atomically where the file system can) and drops the record. */
    static void moveIntoPlace(ClientDownload d) throws IOException {
        Path part = d.sidecar.partFile();
        try {
            Files.move(part, d.target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, d.target, StandardCopyOption.REPLACE_EXISTING);
        }
        d.sidecar.delete();
    }

    static void closeChannel(ClientDownload d) {
        FileChannel channel;
        synchronized (d) {
            channel = d.channel;
            d.channel = null;
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.warn("Closing {} failed: {}", d.sidecar.partFile(), e.toString());
            }
        }
    }

    static void discardPartial(ClientDownload d) throws IOException {
        d.hash.reset();
        d.sidecar.delete();
        Files.deleteIfExists(d.sidecar.partFile());
    }

    /** The length of {@code NAME.part}, -1 when there is none. */
    static long partLength(ClientDownload d) throws IOException {
        try {
            return Files.size(d.sidecar.partFile());
        } catch (NoSuchFileException e) {
            return -1;
        }
    }
}
