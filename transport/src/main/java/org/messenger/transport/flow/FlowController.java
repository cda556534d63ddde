package org.messenger.transport.flow;

import org.messenger.transport.ByteRanges;

/**
 * The receiver's flow-control credit (RFC 9000 §4.1, adapted to file offsets): the sender may
 * send bytes below {@code maxOffset = first missing wanted byte + window}. Everything received
 * out of order therefore lies within one window above the first hole, which bounds the received
 * map's spread. Pausing withholds all sending with an explicit flag (credit cannot shrink, as in
 * QUIC); resuming clears it. Both travel in FLOW frames.
 */
public final class FlowController {
    private final long windowBytes;
    private long maxOffset;
    private boolean paused;

    public FlowController(long windowBytes) {
        if (windowBytes <= 0) throw new IllegalArgumentException("window must be positive");
        this.windowBytes = windowBytes;
    }

    public long windowBytes() {
        return windowBytes;
    }

    /** Recomputes the credit after data arrived; never decreases. Returns the current limit. */
    public long update(ByteRanges received, ByteRanges wanted) {
        long firstMissing = firstMissingWanted(received, wanted);
        long candidate = firstMissing > Long.MAX_VALUE - windowBytes ? Long.MAX_VALUE : firstMissing + windowBytes;
        if (candidate > maxOffset) maxOffset = candidate;
        return maxOffset;
    }

    /** The lowest wanted offset not yet received (the end of the wanted set when complete). */
    static long firstMissingWanted(ByteRanges received, ByteRanges wanted) {
        for (int i = 0; i < wanted.rangeCount(); i++) {
            long gap = received.firstGapAtOrAfter(wanted.start(i));
            if (gap < wanted.end(i)) return gap;
        }
        return wanted.upperBound();
    }

    public long maxOffset() {
        return maxOffset;
    }

    public boolean paused() {
        return paused;
    }

    public void setPaused(boolean paused) {
        this.paused = paused;
    }
}
