package org.messenger.files.download;

/**
 * A command that does not fit the download's state ("Download 3 is already paused."). The message
 * is written for the user; {@link #state()} lets the server answer with a machine-readable numeric.
 */
public final class DownloadTransitionException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final long downloadId;
    private final DownloadState state;

    public DownloadTransitionException(long downloadId, DownloadState state, String message) {
        super(message);
        this.downloadId = downloadId;
        this.state = state;
    }

    public long downloadId() {
        return downloadId;
    }

    public DownloadState state() {
        return state;
    }
}
