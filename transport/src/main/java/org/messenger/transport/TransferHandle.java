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
}
