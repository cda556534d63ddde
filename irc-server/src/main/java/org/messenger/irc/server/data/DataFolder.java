package org.messenger.irc.server.data;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The server's data folder ({@code messenger server --data DIR}, default {@code ./messenger-data}):
 * what must survive a restart: the self-signed TLS certificate and its key, and the database with
 * accounts and history (chat-store). Created on first use, readable by its owner only, since it
 * holds secrets and password verifiers.
 */
public final class DataFolder {
    public static final String DEFAULT = "messenger-data";

    private final Path root;

    private DataFolder(Path root) {
        this.root = root;
    }

    /**
     * Opens {@code dir}, creating it (owner-only on POSIX systems) when it does not exist.
     *
     * @throws IOException naming the folder and what to do when it cannot be created or is not a folder
     */
    public static DataFolder open(Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new IOException("the data folder " + dir + " is a file, not a folder: give a folder (it is created if missing)");
        }
        if (!Files.exists(root)) {
            try {
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.createDirectories(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(root);
                }
            } catch (IOException e) {
                throw new IOException("cannot create the data folder " + root + " (" + e.getMessage()
                        + "): check its parent is writable, or give another folder", e);
            }
        }
        if (!Files.isWritable(root)) {
            throw new IOException("the data folder " + root + " is not writable: fix its permissions or give another folder");
        }
        return new DataFolder(root);
    }

    public Path root() {
        return root;
    }

    /** A file or folder inside the data folder. */
    public Path resolve(String name) {
        return root.resolve(name);
    }
}
