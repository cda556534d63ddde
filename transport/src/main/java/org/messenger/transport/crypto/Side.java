package org.messenger.transport.crypto;

/** Which end of a transfer wrote a packet: each direction has its own keys (RFC 9001 §5.1). */
public enum Side {
    /** The file receiver (the downloading client). */
    RECEIVER("receiver"),
    /** The file sender (the server that owns the file). */
    SENDER("sender");

    final String label;

    Side(String label) {
        this.label = label;
    }

    public Side peer() {
        return this == RECEIVER ? SENDER : RECEIVER;
    }
}
