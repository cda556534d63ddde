package org.messenger.files.server;

import org.messenger.transport.TransferException;
import org.messenger.transport.TransferListener;
import org.messenger.transport.TransferStats;

/**
 * Transport callbacks for one download. They run on the port's socket thread, so they only hand
 * each event to the {@link DownloadControl} loop, which owns the download; they never block and
 * never touch its state.
 */
final class TransferEvents implements TransferListener {
    private final ServerDownload d;
    private final DownloadControl control;

    TransferEvents(ServerDownload d, DownloadControl control) {
        this.d = d;
        this.control = control;
    }

    @Override
    public void onStarted(TransferStats stats) {
        control.submit(now -> control.transferStarted(d));
    }

    @Override
    public void onProgress(TransferStats stats) {
        long done = stats.doneBytes();
        control.submit(now -> control.transferProgressed(d, done));
    }

    @Override
    public void onPaused(boolean paused) {
        control.submit(now -> control.receiverPaused(d, paused));
    }

    @Override
    public void onComplete(TransferStats stats) {
        control.submit(now -> control.transferCompleted(d));
    }

    @Override
    public void onFailed(TransferException error, TransferStats stats) {
        control.submit(now -> control.transferFailed(d, error));
    }
}
