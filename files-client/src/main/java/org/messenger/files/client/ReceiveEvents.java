package org.messenger.files.client;

import org.messenger.transport.TransferException;
import org.messenger.transport.TransferListener;
import org.messenger.transport.TransferStats;

/**
 * Transport events of one download, on the UDP socket's thread: record, report progress, and hand
 * disk work to the file client's disk thread.
 */
final class ReceiveEvents implements TransferListener {
    /** How often the resume record is saved while bytes arrive. */
    private static final long SAVE_INTERVAL_NANOS = 1_000_000_000L;

    private final ClientDownload d;
    private final FileClient client;

    ReceiveEvents(ClientDownload d, FileClient client) {
        this.d = d;
        this.client = client;
    }

    @Override
    public void onProgress(TransferStats stats) {
        long done;
        long total;
        long resumed;
        boolean save;
        synchronized (d) {
            resumed = d.have.totalBytes();
            done = resumed + stats.doneBytes();
            total = d.sizeBytes;
            long now = System.nanoTime();
            save = now - d.lastSaveNanos >= SAVE_INTERVAL_NANOS;
            if (save) {
                d.lastSaveNanos = now;
            }
        }
        d.listener.onProgress(done, total, resumed);
        if (save) {
            client.onDisk(() -> PartFiles.persist(d));
        }
        client.hashAhead(d);
    }

    @Override
    public void onComplete(TransferStats stats) {
        client.onDisk(() -> client.finishReceived(d, stats.doneBytes()));
    }

    @Override
    public void onFailed(TransferException error, TransferStats stats) {
        client.onDisk(() -> {
            PartFiles.persist(d);
            PartFiles.closeChannel(d);
            boolean cancelled;
            synchronized (d) {
                cancelled = d.cancelled;
            }
            client.fail(d, cancelled ? "Download of " + d.name + " cancelled; " + d.sidecar.partFile().getFileName()
                    + " is kept, so getting it again continues where it stopped."
                    : "Download of " + d.name + " stopped: " + error.getMessage()
                    + ". What arrived is kept; get it again to continue.", null);
        });
    }
}
