package org.messenger.gui.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.messenger.client.ChatClient;
import org.messenger.files.client.AlreadyDownloadingException;
import org.messenger.files.client.ClientDownload;
import org.messenger.files.client.DownloadListener;
import org.messenger.files.client.DownloadResult;
import org.messenger.files.client.FileClient;
import org.messenger.files.download.DownloadState;
import org.messenger.gui.files.DownloadProgress;
import org.messenger.gui.files.FileDownloads;
import org.messenger.gui.files.RemoteFile;
import org.messenger.irc.codec.IrcMessage;
import org.messenger.irc.codec.Numeric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The download manager's {@link FileDownloads} over the files module's {@link FileClient}: lists,
 * downloads into one folder, pauses, resumes, cancels, and turns the client's progress callbacks
 * into {@link DownloadProgress} reports with a smoothed rate.
 */
public final class FileClientService implements FileDownloads {
    private static final Logger log = LoggerFactory.getLogger(FileClientService.class);
    /** Weight of the newest sample in the rate average: smooth enough to read, quick enough to follow. */
    private static final double RATE_WEIGHT = 0.3;
    /** Rate samples closer together than this are merged; callbacks can come per packet. */
    private static final long MIN_SAMPLE_NANOS = 200_000_000L;

    private final FileClient client;
    private final ChatClient chat;
    private final Consumer<IrcMessage> unknownCommand = this::onRaw;
    private final List<CompletableFuture<List<RemoteFile>>> pendingLists = new CopyOnWriteArrayList<>();
    private final Path downloadFolder;
    private final LongSupplier nanoTime;
    private final List<Consumer<DownloadProgress>> listeners = new CopyOnWriteArrayList<>();
    private final Map<Long, Tracked> downloads = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** One download and what the manager last said about it. Guarded by itself. */
    private final class Tracked implements DownloadListener {
        final long id;
        final RemoteFile file;
        ClientDownload download;
        DownloadState state = DownloadState.REQUESTED;
        long doneBytes;
        long sampleNanos;
        long sampleBytes;
        double bytesPerSecond;

        Tracked(long id, RemoteFile file) {
            this.id = id;
            this.file = file;
        }

        @Override
        public void onNotice(String text) {
            log.info("{}: {}", file.name(), text);
        }

        @Override
        public void onProgress(long done, long total, long resumed) {
            DownloadProgress report;
            synchronized (this) {
                if (state.isFinal()) {
                    return;
                }
                long now = nanoTime.getAsLong();
                if (sampleNanos == 0) {
                    sampleNanos = now;
                    sampleBytes = done;
                } else if (now - sampleNanos >= MIN_SAMPLE_NANOS) {
                    double sample = (done - sampleBytes) * 1e9 / (now - sampleNanos);
                    bytesPerSecond = bytesPerSecond == 0 ? sample : RATE_WEIGHT * sample + (1 - RATE_WEIGHT) * bytesPerSecond;
                    sampleNanos = now;
                    sampleBytes = done;
                }
                doneBytes = done;
                if (state == DownloadState.REQUESTED) {
                    state = DownloadState.TRANSFERRING;
                }
                report = report(null, false, null);
            }
            publish(report);
        }

        /** The first report, unless progress already made one. */
        synchronized DownloadProgress waiting() {
            return state == DownloadState.REQUESTED ? report(null, false, null) : null;
        }

        synchronized DownloadProgress moveTo(DownloadState next) {
            if (state.isFinal()) {
                return null;
            }
            state = next;
            bytesPerSecond = 0;
            sampleNanos = 0;
            return report(null, false, null);
        }

        synchronized DownloadProgress finished(DownloadResult result, Throwable error) {
            if (error == null) {
                state = DownloadState.COMPLETE;
                doneBytes = result.sizeBytes();
                // A result exists only for a file whose SHA-256 matched the server's.
                return report(result.file(), true, result.completionLine().orElse(null));
            }
            if (state == DownloadState.CANCELLED) {
                return null;
            }
            state = DownloadState.FAILED;
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            return new DownloadProgress(id, file.name(), file.sizeBytes(), doneBytes, 0, state,
                    target(), null, false, cause.getMessage());
        }

        private DownloadProgress report(Path savedTo, boolean verified, String completionLine) {
            return new DownloadProgress(id, file.name(), file.sizeBytes(), doneBytes, Math.round(bytesPerSecond), state,
                    savedTo != null ? savedTo : target(), completionLine, verified, null);
        }

        /** Where the file goes: the client's choice ("notes (1).txt" beside a finished notes.txt) once known. */
        private Path target() {
            return download != null ? download.target() : downloadFolder.resolve(file.name().substring(file.name().lastIndexOf('/') + 1));
        }
    }

    /**
     * @param downloadFolder where files are saved (and resumed from)
     * @param nanoTime       the clock for the rate (System::nanoTime)
     */
    public FileClientService(ChatClient chat, FileClient client, Path downloadFolder, LongSupplier nanoTime) {
        this.chat = chat;
        this.client = client;
        this.downloadFolder = downloadFolder;
        this.nanoTime = nanoTime;
        chat.addRawListener(unknownCommand);
    }

    /**
     * A chat-only server answers FILES with ERR_UNKNOWNCOMMAND (RFC 2812 §5.2, 421); the file
     * client would wait minutes for a listing (a big share is hashed first), so say it at once.
     */
    private void onRaw(IrcMessage message) {
        if (message.numeric() == Numeric.ERR_UNKNOWNCOMMAND && "FILES".equalsIgnoreCase(message.param(1))) {
            for (CompletableFuture<List<RemoteFile>> pending : pendingLists) {
                pending.completeExceptionally(new IllegalStateException(
                        "this server does not share files (it does not know the FILES command)"));
            }
        }
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
        CompletableFuture<List<RemoteFile>> answer = new CompletableFuture<>();
        pendingLists.add(answer);
        answer.whenComplete((files, error) -> pendingLists.remove(answer));
        client.list().whenComplete((entries, error) -> {
            if (error != null) {
                answer.completeExceptionally(error);
            } else {
                answer.complete(entries.stream().map(e -> new RemoteFile(e.name(), e.sizeBytes())).toList());
            }
        });
        return answer;
    }

    @Override
    public CompletableFuture<Long> download(RemoteFile file) {
        long id = ids.incrementAndGet();
        Tracked tracked = new Tracked(id, file);
        downloads.put(id, tracked);
        ClientDownload download;
        try {
            download = client.download(file.name(), downloadFolder, tracked);
        } catch (AlreadyDownloadingException e) {
            // Refused before anything was shown: no item appears for it, only the reason.
            downloads.remove(id);
            return CompletableFuture.failedFuture(new IllegalStateException("it is already downloading into "
                    + e.running().target().getParent() + ". Pause, resume or cancel it in the downloads list, or wait"
                    + " until it finishes.", e));
        } catch (RuntimeException e) {
            downloads.remove(id);
            return CompletableFuture.failedFuture(e);
        }
        synchronized (tracked) {
            tracked.download = download;
        }
        publish(tracked.waiting());
        download.result().whenComplete((result, error) -> publish(tracked.finished(result, error)));
        return CompletableFuture.completedFuture(id);
    }

    @Override
    public CompletableFuture<Void> pause(long downloadId) {
        return control(downloadId, ClientDownload::pause, DownloadState.PAUSED);
    }

    @Override
    public CompletableFuture<Void> resume(long downloadId) {
        return control(downloadId, ClientDownload::resume, DownloadState.TRANSFERRING);
    }

    @Override
    public CompletableFuture<Void> cancel(long downloadId) {
        return control(downloadId, ClientDownload::cancel, DownloadState.CANCELLED);
    }

    private CompletableFuture<Void> control(long downloadId, Consumer<ClientDownload> action, DownloadState next) {
        Tracked tracked = downloads.get(downloadId);
        if (tracked == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no download " + downloadId));
        }
        ClientDownload download;
        synchronized (tracked) {
            download = tracked.download;
        }
        try {
            // The report goes first: cancelling fails the result, and that must read as "cancelled".
            publish(tracked.moveTo(next));
            action.accept(download);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void addProgressListener(Consumer<DownloadProgress> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        chat.removeRawListener(unknownCommand);
        client.close();
    }

    private void publish(DownloadProgress report) {
        if (report != null) {
            listeners.forEach(l -> l.accept(report));
        }
    }
}
