package org.messenger.gui.fakes;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.messenger.files.download.DownloadState;
import org.messenger.gui.files.DownloadProgress;
import org.messenger.gui.files.FileDownloads;
import org.messenger.gui.files.RemoteFile;

/** Shares a fixed list of files; the test moves each download forward by hand. */
public final class FakeFileDownloads implements FileDownloads {
    private final List<RemoteFile> files;
    private final Path folder;
    private final List<Consumer<DownloadProgress>> listeners = new CopyOnWriteArrayList<>();
    private final Map<Long, DownloadProgress> downloads = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    public FakeFileDownloads(Path folder, RemoteFile... files) {
        this.folder = folder;
        this.files = List.of(files);
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** The last download started. */
    public long lastId() {
        return ids.get();
    }

    /** The transfer moved on: {@code received} bytes are in, at {@code rate} bytes a second. */
    public void progress(long id, long received, long rate) {
        DownloadProgress p = downloads.get(id);
        publish(DownloadProgress.of(id, p.fileName(), p.sizeBytes(), received, rate, DownloadState.TRANSFERRING, p.savedTo()));
    }

    /** Completes it, saved at {@code savedTo} (another name than the shared one when that was taken). */
    public void completeAs(long id, Path savedTo) {
        DownloadProgress p = downloads.get(id);
        publish(new DownloadProgress(id, p.fileName(), p.sizeBytes(), p.sizeBytes(), 0, DownloadState.COMPLETE, savedTo,
                null, true, null));
    }

    public void complete(long id, String completionLine) {
        DownloadProgress p = downloads.get(id);
        publish(new DownloadProgress(id, p.fileName(), p.sizeBytes(), p.sizeBytes(), 0, DownloadState.COMPLETE, p.savedTo(),
                completionLine, true, null));
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public String unavailableReason() {
        return "";
    }

    @Override
    public CompletableFuture<List<RemoteFile>> listFiles() {
        calls.add("list");
        return CompletableFuture.completedFuture(files);
    }

    @Override
    public CompletableFuture<Long> download(RemoteFile file) {
        long id = ids.incrementAndGet();
        calls.add("download " + file.name());
        downloads.put(id, DownloadProgress.of(id, file.name(), file.sizeBytes(), 0, 0, DownloadState.REQUESTED,
                folder.resolve(file.name())));
        CompletableFuture<Long> started = CompletableFuture.completedFuture(id);
        publish(downloads.get(id));
        return started;
    }

    @Override
    public CompletableFuture<Void> pause(long id) {
        calls.add("pause " + id);
        DownloadProgress p = downloads.get(id);
        publish(DownloadProgress.of(id, p.fileName(), p.sizeBytes(), p.receivedBytes(), 0, DownloadState.PAUSED, p.savedTo()));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> resume(long id) {
        calls.add("resume " + id);
        DownloadProgress p = downloads.get(id);
        publish(DownloadProgress.of(id, p.fileName(), p.sizeBytes(), p.receivedBytes(), 0, DownloadState.TRANSFERRING, p.savedTo()));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> cancel(long id) {
        calls.add("cancel " + id);
        DownloadProgress p = downloads.get(id);
        publish(DownloadProgress.of(id, p.fileName(), p.sizeBytes(), p.receivedBytes(), 0, DownloadState.CANCELLED, p.savedTo()));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void addProgressListener(Consumer<DownloadProgress> listener) {
        listeners.add(listener);
    }

    private void publish(DownloadProgress p) {
        downloads.put(p.id(), p);
        listeners.forEach(l -> l.accept(p));
    }
}
