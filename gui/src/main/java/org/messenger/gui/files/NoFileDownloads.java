package org.messenger.gui.files;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Stands in until the files module's client is wired: says so instead of pretending. */
public final class NoFileDownloads implements FileDownloads {
    private final String reason;

    public NoFileDownloads(String reason) {
        this.reason = reason;
    }

    @Override
    public boolean isAvailable() {
        return false;
    }

    @Override
    public String unavailableReason() {
        return reason;
    }

    @Override
    public CompletableFuture<List<RemoteFile>> listFiles() {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(reason));
    }

    @Override
    public CompletableFuture<Long> download(RemoteFile file) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(reason));
    }

    @Override
    public CompletableFuture<Void> pause(long downloadId) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(reason));
    }

    @Override
    public CompletableFuture<Void> resume(long downloadId) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(reason));
    }

    @Override
    public CompletableFuture<Void> cancel(long downloadId) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(reason));
    }

    @Override
    public void addProgressListener(Consumer<DownloadProgress> listener) {
        // Nothing will ever progress.
    }
}
