package org.messenger.transport.flow;

/**
 * The sender's view of the receiver's credit: the highest file offset (exclusive) it may send,
 * and whether the receiver paused the transfer. Out-of-date FLOW frames (reordered) never lower
 * the limit; the pause flag follows the newest packet that carried it.
 */
public final class SendCredit {
    private long maxOffset;
    private boolean paused;
    private long pausePn = -1;

    public SendCredit(long initialMaxOffset) {
        this.maxOffset = initialMaxOffset;
    }

    /** Applies a FLOW frame that arrived in packet {@code pn}. */
    public void onFlow(long newMaxOffset, boolean paused, long pn) {
        if (newMaxOffset > maxOffset) maxOffset = newMaxOffset;
        if (pn > pausePn) {
            pausePn = pn;
            this.paused = paused;
        }
    }

    public long maxOffset() {
        return maxOffset;
    }

    public boolean paused() {
        return paused;
    }

    /** Bytes that may be sent starting at {@code offset} (0 when blocked). */
    public long allowance(long offset) {
        if (paused) return 0;
        return Math.max(0, maxOffset - offset);
    }
}
