package org.messenger.transport;

import org.messenger.transport.packet.CloseCode;

/** Why a transfer ended without completing; {@link #code()} is one of {@link CloseCode}. */
public final class TransferException extends Exception {
    private final int code;
    private final boolean byPeer;

    public TransferException(int code, boolean byPeer, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.byPeer = byPeer;
    }

    public int code() {
        return code;
    }

    /** True when the peer closed the transfer (its CLOSE frame), false when we did. */
    public boolean byPeer() {
        return byPeer;
    }
}
