package org.messenger.files.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import org.messenger.files.catalogue.FileHasher;
import org.messenger.files.catalogue.Sha256;

/**
 * The SHA-256 of {@code NAME.part}, computed while the download lands instead of in a pass after
 * its last byte: whenever more of the file is on disk without a gap from its first byte, that
 * stretch is read back (from the page cache, moments after it was written) and hashed, so at the
 * end only the tail that arrived last is left to hash. Bytes that arrived out of order, and
 * ranges kept from an earlier attempt, are hashed once the gap before them has filled.
 *
 * <p>Each byte is hashed as it is on disk when the prefix reaches it, and a download writes each
 * byte once, so the digest is the file's as the one pass gave it; a kept range that is wrong is
 * caught as before (docs/files.md, Resuming). Owned by the file client's disk thread.
 */
final class PrefixHasher {
    /** Large enough that a read is one syscall per 256 KiB. */
    private static final int BUFFER_BYTES = 256 * 1024;
    private static final int PAGE = 4096;

    /**
     * Made at the first bytes to hash, on the disk thread: a one-shot {@code get} links libcrypto's
     * digest on a second thread meanwhile, which the download's set-up would otherwise wait for.
     */
    private MessageDigest digest;
    private ByteBuffer buffer;
    private long hashedBytes;

    /** How many bytes from the start are in the digest. */
    long hashedBytes() {
        return hashedBytes;
    }

    /**
     * Hashes {@code [hashedBytes(), upTo)} of {@code channel} (read by position); nothing when
     * {@code upTo} is not past what is hashed already.
     *
     * @throws IOException when the file cannot be read or ends before {@code upTo}; what was hashed
     *     until then stays hashed, so a later call continues from there
     */
    void advance(FileChannel channel, long upTo) throws IOException {
        if (upTo <= hashedBytes) {
            return;
        }
        if (buffer == null) {
            // Direct and page-aligned: the file is read straight into it (a heap buffer costs the
            // JDK a copy through a direct one) and libcrypto hashes it where it lies.
            buffer = ByteBuffer.allocateDirect(BUFFER_BYTES + PAGE).alignedSlice(PAGE);
        }
        while (hashedBytes < upTo) {
            buffer.clear().limit((int) Math.min(BUFFER_BYTES, upTo - hashedBytes));
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, hashedBytes + buffer.position()) < 0) {
                    throw new IOException("the file ends at " + (hashedBytes + buffer.position()) + " bytes, before the "
                            + upTo + " bytes that should be on disk");
                }
            }
            int n = buffer.flip().remaining();
            digest().update(buffer);
            hashedBytes += n;
        }
    }

    /** Hashes the rest up to {@code sizeBytes} and returns the digest of the whole file; starts over afterwards. */
    Sha256 finish(FileChannel channel, long sizeBytes) throws IOException {
        if (hashedBytes > sizeBytes) {
            throw new IllegalStateException("hashed " + hashedBytes + " bytes of a file of " + sizeBytes);
        }
        advance(channel, sizeBytes);
        Sha256 sha = Sha256.of(digest().digest());
        hashedBytes = 0;
        return sha;
    }

    private MessageDigest digest() {
        if (digest == null) digest = FileHasher.StreamingHasher.newDigest();
        return digest;
    }

    /** Forgets everything hashed (the part file was deleted or is being written anew). */
    void reset() {
        if (digest != null) digest.reset();
        hashedBytes = 0;
    }
}
