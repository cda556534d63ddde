package org.messenger.gui.files;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What the Files pane and the download manager need from the download feature. The files
 * module's client plugs in behind this (one adapter class); until then {@link NoFileDownloads}
 * says plainly that downloads are not there yet.
 *
 * <p>Nothing here blocks: results and progress arrive on the service's threads and the
 * view-models move them onto the UI thread.
 */
public interface FileDownloads extends AutoCloseable {
    /** False when this client or server cannot download files; the panes then show {@link #unavailableReason()}. */
    boolean isAvailable();

    String unavailableReason();

    /** The server's shared files. */
    CompletableFuture<List<RemoteFile>> listFiles();

    /** Starts downloading {@code file}; completes with the download's id once the server accepted it. */
    CompletableFuture<Long> download(RemoteFile file);

    CompletableFuture<Void> pause(long downloadId);

    CompletableFuture<Void> resume(long downloadId);

    CompletableFuture<Void> cancel(long downloadId);

    /** Every change of every download, from any thread, in order per download. */
    void addProgressListener(Consumer<DownloadProgress> listener);

    /** The session is over: stop transfers (what arrived stays on disk for a later resume). */
    @Override
    default void close() {
    }
}
