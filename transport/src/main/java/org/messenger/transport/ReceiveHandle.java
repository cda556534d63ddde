package org.messenger.transport;

/** The receiving side of a transfer. */
public interface ReceiveHandle extends TransferHandle {
    /** Asks the sender to stop sending; state is kept and keep-alives hold the path open. */
    void pause();

    void resume();

    /**
     * A copy of the byte ranges written to the target so far: persist it next to the file to
     * resume later from exactly what is missing ({@link ByteRanges#toString()} / {@code parse}).
     */
    ByteRanges receivedRanges();
}
