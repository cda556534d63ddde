package org.messenger.files.catalogue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Gets the shared folder ready on server start. On first run the folder does not exist yet: it is
 * created with a short README, so that a new user's first {@code FILES} and {@code get} have
 * something to show.
 */
public final class SharedFolder {
    /** The folder used when {@code --files} is not given, relative to the working directory. */
    public static final Path DEFAULT = Path.of("shared");
    public static final String SAMPLE_NAME = "README.txt";

    /** What {@link #prepare} found or did. */
    public record Prepared(Path folder, boolean created) {
    }

    private SharedFolder() {
    }

    /**
     * Creates {@code folder} with a sample file when it does not exist; uses it as it is when it
     * does (an empty folder stays empty: the owner emptied it on purpose).
     */
    public static Prepared prepare(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return new Prepared(folder, false);
        }
        if (Files.exists(folder)) {
            throw new NotDirectoryException(folder + " exists but is not a folder; share a folder instead");
        }
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(SAMPLE_NAME), sampleText(), StandardCharsets.UTF_8);
        return new Prepared(folder, true);
    }

    static String sampleText() {
        return """
                Welcome to Messenger file sharing!

                This file sits in the server's shared folder, which was created on the server's
                first run. Everything in this folder (except hidden files) can be downloaded by
                anyone connected to the chat:

                  ./messenger get README.txt          download this file with a progress bar
                  /files  and  /get README.txt        the same from inside ./messenger chat
                  /quote FILES                        list the files from irssi

                Downloads travel over UDP beside the chat connection, can be paused and resumed,
                and are checked with SHA-256 when they complete.

                To share your own files, copy them into this folder (or start the server with
                --files DIR to share another folder).
                """;
    }
}
