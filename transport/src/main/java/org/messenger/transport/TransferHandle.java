package org.messenger.transport;

import java.util.concurrent.CompletableFuture;

/** A transfer in progress, seen from any thread. */
public interface TransferHandle {
    long transferId();

    /** Latest snapshot (refreshed by the I/O thread at least every progress tick). */
    TransferStats stats();

    /** Completes with the final stats, or exceptionally with a {@link TransferException}. */
    CompletableFuture<TransferStats> completion();

    /** Ends the transfer: the peer gets a CLOSE(cancelled). Idempotent. */
    void cancel();

    /**
     * Stops the data flow from this side and keeps every piece of state; keep-alives hold the
     * path open so that neither end idles out. A sender stops sending DATA (new data, retransmissions
     * and probes alike); a receiver withholds credit, so its sender stops (docs/transport.md §5).
     * Either side's pause stops the transfer; both must have resumed for data to flow again.
     * Idempotent; does nothing once the transfer ended.
     */
    void pause();

    /** Undoes this side's {@link #pause()}: data continues exactly where it stopped. */
    void resume();
}
