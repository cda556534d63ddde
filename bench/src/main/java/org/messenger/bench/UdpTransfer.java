package org.messenger.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.messenger.transport.netem.NetemSpec;

/**
 * The seam between the benchmark and our UDP transport: one file transfer between a sender and a
 * receiver in this process over 127.0.0.1, each side's egress impaired by its spec. The benchmark
 * times nothing itself here; the implementation reports the elapsed time from the first datagram
 * (or the handshake) until the receiver has every byte in the destination file.
 */
public interface UdpTransfer {

    /**
     * What one transfer did. {@code retransmittedBytes} is -1 when the transport does not say;
     * {@code details} (may be empty) goes into the JSON as it is: transport and impairment counters;
     * {@code series} is the sender's goodput and congestion window over time, or null when not recorded.
     */
    record Result(long bytes, long elapsedNanos, long retransmittedBytes, long datagramsSent, java.util.Map<String, Object> details,
            FlowSeries series) {
        public Result(long bytes, long elapsedNanos, long retransmittedBytes, long datagramsSent) {
            this(bytes, elapsedNanos, retransmittedBytes, datagramsSent, java.util.Map.of(), null);
        }
    }

    /**
     * A transfer that failed or ran out of time, with what it did until then: the picture of a
     * stall is the most useful one, so the benchmark still plots and records it.
     *
     * @param series each flow's samples up to the end (empty when not recorded)
     * @param details counters at the end, as in {@link Result#details()}
     */
    final class IncompleteTransferException extends Exception {
        private final transient List<FlowSeries> series;
        private final transient java.util.Map<String, Object> details;

        public IncompleteTransferException(String message, Throwable cause, List<FlowSeries> series,
                java.util.Map<String, Object> details) {
            super(message, cause);
            this.series = List.copyOf(series);
            this.details = details;
        }

        public List<FlowSeries> series() {
            return series;
        }

        public java.util.Map<String, Object> details() {
            return details;
        }
    }

    /** For reports, e.g. "messenger-udp cubic 65000 B datagrams". */
    String describe();

    /** Null when usable, else a sentence saying why not (it goes into the report). */
    String unavailableReason();

    /**
     * Moves {@code size} bytes of {@code source} into {@code destination} (already {@code size}
     * bytes long). {@code toReceiver} impairs the sender's egress, {@code toSender} the receiver's
     * (ACKs); {@link NetemSpec#NONE} for a clean path. Fails if it takes longer than {@code limit}.
     */
    Result transfer(Path source, Path destination, long size, NetemSpec toReceiver, NetemSpec toSender, Duration limit)
            throws Exception;

    /**
     * Several transfers at once, for fairness: one sending endpoint (so one impaired egress: the
     * shared bottleneck) serves {@code destinations.size()} receivers, each with its own endpoint.
     *
     * @param flows one result per destination, in order
     * @param sharedPhaseBytesPerSecond each flow's goodput while all of them were running (from
     *     the start until the first one completed)
     * @param timeline samples {@code {elapsedNanos, doneBytes of flow 0, flow 1, ...}} about every 100 ms
     */
    record FlowsResult(List<Result> flows, double[] sharedPhaseBytesPerSecond, List<long[]> timeline) {}

    default FlowsResult transferConcurrently(Path source, List<Path> destinations, long size, NetemSpec toReceivers,
            NetemSpec toSender, Duration limit) throws Exception {
        throw new UnsupportedOperationException(describe() + " cannot run several transfers at once");
    }

    /** Stand-in until the transport's sender and receiver exist. */
    static UdpTransfer unavailable(String reason) {
        return new UdpTransfer() {
            @Override
            public String describe() {
                return "messenger-udp (not available)";
            }

            @Override
            public String unavailableReason() {
                return reason;
            }

            @Override
            public Result transfer(Path source, Path destination, long size, NetemSpec toReceiver, NetemSpec toSender, Duration limit) {
                throw new UnsupportedOperationException(reason);
            }
        };
    }
}
