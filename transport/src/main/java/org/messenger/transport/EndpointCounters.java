package org.messenger.transport;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What an endpoint dropped and why. Written by the endpoint's thread only, once per datagram on
 * the receive path: a volatile increment there cost a full fence (a locked instruction on x86) per
 * datagram for nothing, since no reader needs ordering with anything else. The single writer reads
 * its own last value plainly and publishes the sum with an opaque store (no fence); readers on
 * other threads use opaque loads, so they see each counter whole (never a torn 64-bit value) and
 * eventually current, and a counter never goes backwards.
 */
public final class EndpointCounters {
    static final int DATAGRAMS_RECEIVED = 0;
    static final int TOO_SHORT = 1;
    static final int UNAUTHENTICATED = 2;
    static final int BAD_VERSION = 3;
    static final int UNKNOWN_TRANSFER = 4;
    static final int BAD_TOKEN = 5;
    static final int MALFORMED = 6;
    static final int WRONG_PEER = 7;
    static final int INVALID_ACK = 8;
    static final int DUPLICATE = 9;
    static final int UNEXPECTED = 10;
    static final int OUT_OF_RANGE_DATA = 11;
    static final int INTERNAL_ERROR = 12;
    static final int RANGE_LIMIT = 13;
    private static final int COUNT = 14;

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    private final long[] counts = new long[COUNT];

    /** Endpoint thread only. */
    void add(int counter) {
        SLOT.setOpaque(counts, counter, counts[counter] + 1);
    }

    private long get(int counter) {
        return (long) SLOT.getOpaque(counts, counter);
    }

    public long datagramsReceived() { return get(DATAGRAMS_RECEIVED); }
    public long droppedTooShort() { return get(TOO_SHORT); }
    /**
     * Packets whose tag did not verify (forged, corrupted, or protected with keys this end does
     * not have yet, such as DATA that overtook the HELLO_REPLY): dropped, never answered.
     */
    public long droppedUnauthenticated() { return get(UNAUTHENTICATED); }
    public long droppedBadVersion() { return get(BAD_VERSION); }
    /** Datagrams naming a transfer id this endpoint does not know. */
    public long droppedUnknownTransfer() { return get(UNKNOWN_TRANSFER); }
    /** HELLO or HELLO_REPLY that does not belong to this handshake (another nonce, another address). */
    public long droppedBadToken() { return get(BAD_TOKEN); }
    /** Frames that were truncated or impossible. */
    public long droppedMalformed() { return get(MALFORMED); }
    /** Packets for a known transfer from an address that is not its peer. */
    public long droppedWrongPeer() { return get(WRONG_PEER); }
    /** ACK frames acknowledging packet numbers never sent. */
    public long droppedInvalidAck() { return get(INVALID_ACK); }
    public long droppedDuplicate() { return get(DUPLICATE); }
    /** Frames that make no sense in the transfer's state or direction. */
    public long droppedUnexpected() { return get(UNEXPECTED); }
    /** DATA outside the wanted ranges or beyond the granted credit. */
    public long droppedOutOfRangeData() { return get(OUT_OF_RANGE_DATA); }

    /**
     * DATA packets a receiver dropped (unacknowledged, so they come again) because they would have
     * opened one more received range than it keeps.
     */
    public long droppedRangeLimit() { return get(RANGE_LIMIT); }

    /**
     * Datagrams (or turns) during which the endpoint's own code failed (a bug or a listener that
     * threw): the datagram is dropped, the failure logged, and the socket goes on.
     */
    public long internalErrors() { return get(INTERNAL_ERROR); }

    /** Every datagram or frame dropped, all reasons. */
    public long droppedTotal() {
        long total = 0;
        for (int c = TOO_SHORT; c < COUNT; c++) total += get(c);
        return total;
    }

    @Override
    public String toString() {
        return "received=" + datagramsReceived() + " tooShort=" + droppedTooShort() + " unauthenticated=" + droppedUnauthenticated()
                + " badVersion=" + droppedBadVersion() + " unknownTransfer=" + droppedUnknownTransfer() + " badToken="
                + droppedBadToken() + " malformed=" + droppedMalformed() + " wrongPeer=" + droppedWrongPeer()
                + " invalidAck=" + droppedInvalidAck() + " duplicate=" + droppedDuplicate() + " unexpected="
                + droppedUnexpected() + " outOfRangeData=" + droppedOutOfRangeData() + " rangeLimit=" + droppedRangeLimit()
                + " internalErrors=" + internalErrors();
    }
}
