package org.messenger.files.catalogue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import org.messenger.transport.crypto.Sha256Digest;

/**
 * Computes the SHA-256 of a file. Implementations stream: memory use does not grow with the file
 * (a 10 GiB file is read through one fixed buffer).
 */
@FunctionalInterface
public interface FileHasher {
    Sha256 sha256(Path file) throws IOException;

    /**
     * The digest of the bytes {@code [0, channel.size())} of an open file, read by position (the
     * channel's own position is left alone), so that it describes exactly the handle a download
     * then sends from.
     */
    default Sha256 sha256(FileChannel channel) throws IOException {
        return StreamingHasher.hashChannel(channel);
    }

    /** Reads the file through one 256 KiB buffer. */
    static FileHasher streaming() {
        return StreamingHasher.INSTANCE;
    }

    /** The streaming hasher; a named class so it shows in profiles. */
    final class StreamingHasher implements FileHasher {
        static final StreamingHasher INSTANCE = new StreamingHasher();
        private static final int BUFFER_BYTES = 256 * 1024;

        private StreamingHasher() {
        }

        @Override
        public Sha256 sha256(Path file) throws IOException {
            MessageDigest digest = newDigest();
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                while (channel.read(buffer) >= 0) {
                    buffer.flip();
                    digest.update(buffer);
                    buffer.clear();
                }
            }
            return Sha256.of(digest.digest());
        }

        @Override
        public Sha256 sha256(FileChannel channel) throws IOException {
            return hashChannel(channel);
        }

        static Sha256 hashChannel(FileChannel channel) throws IOException {
            MessageDigest digest = newDigest();
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
            long size = channel.size();
            long position = 0;
            while (position < size) {
                buffer.clear().limit((int) Math.min(BUFFER_BYTES, size - position));
                int n = channel.read(buffer, position);
                if (n < 0) {
                    throw new IOException("the file shrank to " + position + " bytes while it was being read");
                }
                position += n;
                buffer.flip();
                digest.update(buffer);
            }
            return Sha256.of(digest.digest());
        }

        /**
         * The SHA-256 every file hash here uses, also for callers that hash while they receive
         * (the download client): libcrypto's where it runs, else the JDK's ({@link Sha256Digest}).
         */
        public static MessageDigest newDigest() {
            return Sha256Digest.create();
        }
    }
}
