package org.messenger.cli.chat;

import org.messenger.files.progress.ProgressBar;

/**
 * The live progress line of one download in the chat: percent, bytes, rate and ETA, redrawn at
 * most every {@link #REDRAW_NANOS}. The rate counts from the first progress report, not from
 * {@code /get}, so time spent waiting for the server to hash the file or for a free port does not
 * make it look slow. Time is passed in.
 */
final class LiveProgressLine {
    /** A person reads no faster; more redraws only cost the terminal. */
    static final long REDRAW_NANOS = 250_000_000L;

    private final ProgressBar bar = new ProgressBar(20);
    private long firstNanos = -1;
    private long baseBytes;
    private long lastDrawNanos;
    private boolean paused;

    /** The line to show now, or null when the last one is recent enough (the final one always shows). */
    synchronized String next(long doneBytes, long totalBytes, long nowNanos) {
        if (firstNanos >= 0 && nowNanos - lastDrawNanos < REDRAW_NANOS && doneBytes < totalBytes) {
            return null;
        }
        lastDrawNanos = nowNanos;
        return line(doneBytes, totalBytes, nowNanos);
    }

    /** The line now, unthrottled (a dumb terminal's quarter lines); the first call starts the rate's clock. */
    synchronized String line(long doneBytes, long totalBytes, long nowNanos) {
        if (firstNanos < 0) {
            firstNanos = nowNanos;
            baseBytes = doneBytes;
        }
        String line = bar.render(doneBytes, totalBytes, Math.min(baseBytes, doneBytes), nowNanos - firstNanos);
        return paused ? "paused " + line : line;
    }

    synchronized void setPaused(boolean paused) {
        this.paused = paused;
        lastDrawNanos = Long.MIN_VALUE / 2; // the next report redraws at once, with the new word
    }
}
