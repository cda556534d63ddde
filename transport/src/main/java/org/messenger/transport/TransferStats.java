package org.messenger.transport;

/**
 * A snapshot of one transfer, for progress bars and benchmarks.
 *
 * @param totalBytes bytes the transfer moves (the wanted ranges)
 * @param doneBytes bytes acknowledged (sender) or received (receiver)
 * @param sentBytes DATA payload bytes sent, retransmissions included (sender; 0 on receiver)
 * @param retransmittedBytes DATA payload bytes sent again after a loss or probe (sender)
 * @param packetsSent datagrams sent
 * @param packetsReceived datagrams accepted
 * @param packetsLost packets declared lost (sender)
 * @param smoothedRttNanos RFC 9002 smoothed_rtt (sender)
 * @param minRttNanos RFC 9002 min_rtt (sender)
 * @param cwndBytes congestion window (sender)
 * @param pacingRateBytesPerSecond current pacing rate (sender)
 * @param elapsedNanos time since the transfer was created
 */
public record TransferStats(long totalBytes, long doneBytes, long sentBytes, long retransmittedBytes,
        long packetsSent, long packetsReceived, long packetsLost, long smoothedRttNanos, long minRttNanos,
        long cwndBytes, long pacingRateBytesPerSecond, long elapsedNanos) {

    public static final TransferStats EMPTY = new TransferStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Average goodput so far, bytes per second. */
    public double goodputBytesPerSecond() {
        return elapsedNanos <= 0 ? 0 : doneBytes * 1e9 / elapsedNanos;
    }

    public double fractionDone() {
        return totalBytes == 0 ? 1.0 : (double) doneBytes / totalBytes;
    }
}
