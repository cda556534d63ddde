package org.messenger.files.catalogue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Computes the SHA-256 of a file. Implementations stream: memory use does not grow with the file
 * (a 10 GiB file is read through one fixed buffer).
 */
@FunctionalInterface
public interface FileHasher {
    Sha256 sha256(Path file) throws IOException;

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

        /** A digest for callers that hash while they receive (the download client). */
        public static MessageDigest newDigest() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                // Every Java platform must provide SHA-256 (java.security.MessageDigest javadoc).
                throw new IllegalStateException("this JVM has no SHA-256", e);
            }
        }
    }
}
