package org.messenger.files.catalogue;

import java.nio.file.Path;

/**
 * One file the server shares, as FILES lists it and GET announces it.
 *
 * @param name       the name clients use: relative to the shared folder, {@code /}-separated
 * @param sizeBytes  its length when it was looked at
 * @param sha256     the digest of its content
 * @param realPath   where it is on disk, links resolved (never shown to clients)
 */
public record SharedFile(String name, long sizeBytes, Sha256 sha256, Path realPath) {
}
