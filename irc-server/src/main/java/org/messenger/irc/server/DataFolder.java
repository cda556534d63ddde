package org.messenger.irc.server;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The server's data folder ({@code --data DIR}, default {@code ./messenger-data}): the database
 * with accounts and history, and whatever else the server must keep across restarts. Created on
 * first use, readable by its owner only, since it holds password verifiers.
 */
public final class DataFolder {
    public static final String DEFAULT = "messenger-data";

    private final Path path;
    private final boolean created;

    private DataFolder(Path path, boolean created) {
        this.path = path;
        this.created = created;
    }

    /** Resolves {@code folder} and creates it when missing. */
    public static DataFolder prepare(Path folder) throws IOException {
        Path path = folder.toAbsolutePath().normalize();
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw new IOException("--data " + folder + " is a file, not a folder: give a folder (it is created if missing)");
        }
        boolean created = !Files.exists(path);
        try {
            Files.createDirectories(path);
            if (created && path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (AccessDeniedException e) {
            throw new IOException("cannot create the data folder " + path + ": permission denied (choose another with --data DIR)", e);
        }
        if (!Files.isWritable(path)) {
            throw new IOException("the data folder " + path + " is not writable: fix its permissions or choose another with --data DIR");
        }
        return new DataFolder(path, created);
    }

    public Path path() {
        return path;
    }

    /** True when this start created the folder. */
    public boolean created() {
        return created;
    }
}
