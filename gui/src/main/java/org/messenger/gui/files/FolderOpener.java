package org.messenger.gui.files;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** Shows a folder in the desktop's file manager. */
@FunctionalInterface
public interface FolderOpener {
    /**
     * Never blocks the caller. Completes once the file manager was started; fails with a message
     * for people when there is none or it refused (say, a machine without a desktop).
     */
    CompletableFuture<Void> open(Path folder);
}
