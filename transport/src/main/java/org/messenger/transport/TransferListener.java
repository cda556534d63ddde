package org.messenger.transport;

/**
 * Events of one transfer. Called on the endpoint's I/O thread: return quickly and never block
 * (hand work to another executor). Progress is reported at most every 100 ms of endpoint time.
 */
public interface TransferListener {
    TransferListener NONE = new TransferListener() {};

    /** The peer was authenticated and the transfer started (sender: receiver's address validated). */
    default void onStarted(TransferStats stats) {}

    default void onProgress(TransferStats stats) {}

    /** The receiver paused ({@code true}) or resumed the transfer. */
    default void onPaused(boolean paused) {}

    /** Every requested byte is at the receiver. Final event. */
    default void onComplete(TransferStats stats) {}

    /** The transfer ended without completing (cancel, peer gone, I/O error). Final event. */
    default void onFailed(TransferException error, TransferStats stats) {}
}
