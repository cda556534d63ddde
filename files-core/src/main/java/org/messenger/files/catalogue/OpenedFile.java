package org.messenger.files.catalogue;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * A shared file opened once for one download: the handle the server sends from, with the size,
 * SHA-256 and last byte of exactly what that handle held when it was opened. Whoever holds it
 * closes it.
 *
 * @param name        the name clients use
 * @param sizeBytes   the handle's size when it was opened; a download offers at most this much
 * @param sha256      the digest of the handle's first {@code sizeBytes} bytes
 * @param lastByte    the byte at {@code sizeBytes - 1} as read through the handle (0-255), -1 for an empty file
 * @param channel     the open handle, opened without following links
 */
public record OpenedFile(String name, long sizeBytes, Sha256 sha256, int lastByte, FileChannel channel)
        implements AutoCloseable {

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
