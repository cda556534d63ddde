package org.messenger.transport;

/** The receiving side of a transfer. */
public interface ReceiveHandle extends TransferHandle {
    /**
     * A copy of the byte ranges written to the target so far: persist it next to the file to
     * resume later from exactly what is missing ({@link ByteRanges#toString()} / {@code parse}).
     */
    ByteRanges receivedRanges();
}
