package org.messenger.gui;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.messenger.gui.files.FolderOpener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a folder with the desktop's own opener: xdg-open on Linux, open on macOS, explorer on
 * Windows. A machine without one (a server, a bare X session) gets a sentence saying so instead
 * of a silent nothing.
 */
final class DesktopFolderOpener implements FolderOpener {
    private static final Logger log = LoggerFactory.getLogger(DesktopFolderOpener.class);
    /** xdg-open returns once it handed the folder to the file manager; one still running after this is taken as working. */
    private static final Duration HAND_OVER = Duration.ofSeconds(10);

    private final List<String> command;
    private final Executor background;

    /**
     * @param command    the opener and its leading arguments; the folder is added last
     * @param background waits for the opener; never the UI thread
     */
    DesktopFolderOpener(List<String> command, Executor background) {
        this.command = List.copyOf(command);
        this.background = background;
    }

    /** The usual opener of the running system. */
    static DesktopFolderOpener forThisSystem(Executor background) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> command = os.contains("mac") ? List.of("open") : os.contains("win") ? List.of("explorer") : List.of("xdg-open");
        return new DesktopFolderOpener(command, background);
    }

    @Override
    public CompletableFuture<Void> open(Path folder) {
        return CompletableFuture.runAsync(() -> run(folder), background);
    }

    private void run(Path folder) {
        List<String> line = new ArrayList<>(command);
        line.add(folder.toString());
        String opener = command.get(0);
        Process process;
        try {
            process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            log.debug("Could not start {}", line, e);
            throw new CompletionException(new IOException("no file manager to show it with (" + opener + " is not installed)", e));
        }
        try {
            if (process.waitFor(HAND_OVER.toMillis(), TimeUnit.MILLISECONDS) && process.exitValue() != 0) {
                // Windows' explorer exits 1 even when it opened the folder.
                if (!opener.equals("explorer")) {
                    throw new CompletionException(new IOException(opener + " could not show it (exit status "
                            + process.exitValue() + "; is a file manager installed?)"));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }
}
