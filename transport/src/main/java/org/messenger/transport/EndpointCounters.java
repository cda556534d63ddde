package org.messenger.transport;

/**
 * What an endpoint dropped and why. Written by the endpoint's thread only; other threads see
 * recent values.
 */
public final class EndpointCounters {
    volatile long datagramsReceived;
    volatile long droppedTooShort;
    volatile long droppedBadCrc;
    volatile long droppedBadVersion;
    volatile long droppedUnknownTransfer;
    volatile long droppedBadToken;
    volatile long droppedMalformed;
    volatile long droppedWrongPeer;
    volatile long droppedInvalidAck;
    volatile long droppedDuplicate;
    volatile long droppedUnexpected;
    volatile long droppedOutOfRangeData;

    public long datagramsReceived() { return datagramsReceived; }
    public long droppedTooShort() { return droppedTooShort; }
    public long droppedBadCrc() { return droppedBadCrc; }
    public long droppedBadVersion() { return droppedBadVersion; }
    /** Datagrams naming a transfer id this endpoint does not know. */
    public long droppedUnknownTransfer() { return droppedUnknownTransfer; }
    /** HELLO or HELLO_REPLY whose HMAC did not match the transfer's token. */
    public long droppedBadToken() { return droppedBadToken; }
    /** Frames that were truncated or impossible. */
    public long droppedMalformed() { return droppedMalformed; }
    /** Packets for a known transfer from an address that is not its peer. */
    public long droppedWrongPeer() { return droppedWrongPeer; }
    /** ACK frames acknowledging packet numbers never sent. */
    public long droppedInvalidAck() { return droppedInvalidAck; }
    public long droppedDuplicate() { return droppedDuplicate; }
    /** Frames that make no sense in the transfer's state or direction. */
    public long droppedUnexpected() { return droppedUnexpected; }
    /** DATA outside the wanted ranges or beyond the granted credit. */
    public long droppedOutOfRangeData() { return droppedOutOfRangeData; }

    /** Every datagram or frame dropped, all reasons. */
    public long droppedTotal() {
        return droppedTooShort + droppedBadCrc + droppedBadVersion + droppedUnknownTransfer + droppedBadToken
                + droppedMalformed + droppedWrongPeer + droppedInvalidAck + droppedDuplicate + droppedUnexpected
                + droppedOutOfRangeData;
    }

    @Override
    public String toString() {
        return "received=" + datagramsReceived + " tooShort=" + droppedTooShort + " badCrc=" + droppedBadCrc
                + " badVersion=" + droppedBadVersion + " unknownTransfer=" + droppedUnknownTransfer + " badToken="
                + droppedBadToken + " malformed=" + droppedMalformed + " wrongPeer=" + droppedWrongPeer
                + " invalidAck=" + droppedInvalidAck + " duplicate=" + droppedDuplicate + " unexpected="
                + droppedUnexpected + " outOfRangeData=" + droppedOutOfRangeData;
    }
}
