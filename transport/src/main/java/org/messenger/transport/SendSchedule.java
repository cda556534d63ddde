package org.messenger.transport;

import org.messenger.transport.flow.SendCredit;

/**
 * What a sender sends next, in file offsets: lost data first (RFC 9002 §6: lost frames are sent
 * again in new packets), then new data from a cursor over the ranges the receiver wants. Tracks
 * what the receiver acknowledged, so that data a later copy already delivered is not sent again.
 * Knows nothing of packets; {@link SenderTransfer} frames what it picks.
 */
final class SendSchedule {
    private ByteRanges wanted = new ByteRanges();
    private final ByteRanges acked = new ByteRanges();
    private final ByteRanges lost = new ByteRanges();
    /** Retransmitted bytes that already got their tail-loss copy. */
    private final ByteRanges tailCopied = new ByteRanges();
    private int newRangeIndex;
    private long newOffset;

    /** The receiver's HELLO named these ranges. */
    void start(ByteRanges wantedRanges) {
        wanted = wantedRanges;
        newRangeIndex = 0;
        newOffset = wanted.rangeCount() > 0 ? wanted.start(0) : 0;
    }

    long wantedBytes() {
        return wanted.totalBytes();
    }

    long ackedBytes() {
        return acked.totalBytes();
    }

    boolean allAcked() {
        return acked.totalBytes() >= wanted.totalBytes();
    }

    void onAcked(long offset, int length) {
        acked.add(offset, offset + length);
    }

    void onLost(long offset, int length) {
        if (!acked.containsAll(offset, offset + length)) lost.add(offset, offset + length);
    }

    /** Lost data waits, or new data is left that the receiver's credit allows. */
    boolean hasData(SendCredit credit) {
        trimLost();
        if (!lost.isEmpty()) return true;
        return newRangeIndex < wanted.rangeCount() && credit.allowance(newOffset) > 0;
    }

    /** Call after {@link #hasData} said yes: whether the next bytes are a retransmission. */
    boolean nextIsRetransmission() {
        return !lost.isEmpty();
    }

    /** Offset of the next bytes to send. */
    long nextOffset() {
        return lost.isEmpty() ? newOffset : lost.start(0); // trimLost: not acknowledged
    }

    /** How many bytes from {@link #nextOffset} may go in one piece, before the frame's own limit. */
    long nextLength(SendCredit credit) {
        if (!lost.isEmpty()) {
            long start = lost.start(0);
            return Math.min(lost.end(0), acked.nextStartAfter(start)) - start;
        }
        return Math.min(wanted.end(newRangeIndex) - newOffset, credit.allowance(newOffset));
    }

    /** Those bytes left in a packet. */
    void onSent(long offset, int length, boolean retransmission) {
        if (retransmission) {
            if (!lost.isEmpty() && lost.start(0) == offset) lost.remove(offset, offset + length);
            if (newRangeIndex >= wanted.rangeCount() && !tailCopied.containsAll(offset, offset + length)) {
                // Tail-loss redundancy: with no new data left, the link has room, and a lost
                // retransmission here costs a whole round trip more (a second at 1 s RTT) before
                // the transfer can end. Each such byte goes once more, right behind: with random
                // loss p both copies are lost with p^2 (0.25 % at 5 %). At most one extra copy per
                // byte, counted as retransmitted; never while new data waits.
                tailCopied.add(offset, offset + length);
                lost.add(offset, offset + length);
            }
            return;
        }
        newOffset += length;
        if (newOffset >= wanted.end(newRangeIndex)) {
            newRangeIndex++;
            if (newRangeIndex < wanted.rangeCount()) newOffset = wanted.start(newRangeIndex);
        }
    }

    /** Drops from the front of the retransmission queue whatever a later copy already delivered. */
    private void trimLost() {
        while (!lost.isEmpty()) {
            long s = lost.start(0);
            if (!acked.contains(s)) return;
            lost.remove(s, Math.min(lost.end(0), acked.firstGapAtOrAfter(s)));
        }
    }

    @Override
    public String toString() {
        return "newOffset=" + newOffset + " lost=" + lost + " acked=" + acked;
    }
}
