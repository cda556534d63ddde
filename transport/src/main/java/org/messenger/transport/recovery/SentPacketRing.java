package org.messenger.transport.recovery;

/**
 * The packets sent and not yet acknowledged or declared lost, in a ring indexed by packet number
 * (struct of arrays: no object per packet). Packet numbers are consecutive, so slot = pn mod
 * capacity; {@link #oldest()} advances past packets that are settled.
 *
 * <p>Per packet: send time, size, whether it counts in flight / elicits an ACK, the DATA range it
 * carried (if any), and the delivery-rate state at send time (for rate sampling).
 */
public final class SentPacketRing {
    public static final byte FREE = 0;
    public static final byte IN_FLIGHT = 1;
    public static final byte ACKED = 2;
    public static final byte LOST = 3;

    private final int mask;
    private final long[] sentTimeNanos;
    private final int[] sizeBytes;
    private final long[] dataOffset;
    private final int[] dataLength;
    private final byte[] state;
    private final boolean[] ackEliciting;
    private final boolean[] countsInFlight;
    private final long[] deliveredAtSend;
    private final long[] deliveredTimeAtSend;
    private final long[] firstSentTimeAtSend;
    private final boolean[] appLimited;
    private long oldest; // lowest pn that may still be IN_FLIGHT
    private long next; // next pn to send

    public SentPacketRing(int capacityPowerOfTwo) {
        if (Integer.bitCount(capacityPowerOfTwo) != 1) throw new IllegalArgumentException("capacity must be a power of two");
        mask = capacityPowerOfTwo - 1;
        sentTimeNanos = new long[capacityPowerOfTwo];
        sizeBytes = new int[capacityPowerOfTwo];
        dataOffset = new long[capacityPowerOfTwo];
        dataLength = new int[capacityPowerOfTwo];
        state = new byte[capacityPowerOfTwo];
        ackEliciting = new boolean[capacityPowerOfTwo];
        countsInFlight = new boolean[capacityPowerOfTwo];
        deliveredAtSend = new long[capacityPowerOfTwo];
        deliveredTimeAtSend = new long[capacityPowerOfTwo];
        firstSentTimeAtSend = new long[capacityPowerOfTwo];
        appLimited = new boolean[capacityPowerOfTwo];
    }

    /** True when one more packet would overwrite one not yet settled. */
    public boolean isFull() {
        return next - oldest > mask;
    }

    public long nextPacketNumber() {
        return next;
    }

    public long oldest() {
        return oldest;
    }

    /** Records a packet with the next packet number and returns that number. */
    public long add(long sentTimeNanos, int sizeBytes, boolean ackEliciting, boolean inFlight, long dataOffset,
            int dataLength, long delivered, long deliveredTimeNanos, long firstSentTimeNanos, boolean appLimited) {
        if (isFull()) throw new IllegalStateException("sent packet ring full");
        long pn = next++;
        int i = (int) (pn & mask);
        this.sentTimeNanos[i] = sentTimeNanos;
        this.sizeBytes[i] = sizeBytes;
        this.ackEliciting[i] = ackEliciting;
        this.countsInFlight[i] = inFlight;
        this.dataOffset[i] = dataOffset;
        this.dataLength[i] = dataLength;
        this.deliveredAtSend[i] = delivered;
        this.deliveredTimeAtSend[i] = deliveredTimeNanos;
        this.firstSentTimeAtSend[i] = firstSentTimeNanos;
        this.appLimited[i] = appLimited;
        this.state[i] = IN_FLIGHT;
        return pn;
    }

    /** True if {@code pn} was sent and is neither acknowledged nor lost. */
    public boolean isInFlight(long pn) {
        return pn >= oldest && pn < next && state[(int) (pn & mask)] == IN_FLIGHT;
    }

    public boolean wasSent(long pn) {
        return pn >= 0 && pn < next;
    }

    public void markAcked(long pn) {
        state[(int) (pn & mask)] = ACKED;
    }

    public void markLost(long pn) {
        state[(int) (pn & mask)] = LOST;
    }

    /** Moves {@link #oldest()} past settled packets. */
    public void advance() {
        while (oldest < next && state[(int) (oldest & mask)] != IN_FLIGHT) {
            state[(int) (oldest & mask)] = FREE;
            oldest++;
        }
    }

    public long sentTimeNanos(long pn) {
        return sentTimeNanos[(int) (pn & mask)];
    }

    public int sizeBytes(long pn) {
        return sizeBytes[(int) (pn & mask)];
    }

    public boolean ackEliciting(long pn) {
        return ackEliciting[(int) (pn & mask)];
    }

    public boolean countsInFlight(long pn) {
        return countsInFlight[(int) (pn & mask)];
    }

    public long dataOffset(long pn) {
        return dataOffset[(int) (pn & mask)];
    }

    /** Bytes of file data the packet carried, 0 if none. */
    public int dataLength(long pn) {
        return dataLength[(int) (pn & mask)];
    }

    public long deliveredAtSend(long pn) {
        return deliveredAtSend[(int) (pn & mask)];
    }

    public long deliveredTimeAtSend(long pn) {
        return deliveredTimeAtSend[(int) (pn & mask)];
    }

    public long firstSentTimeAtSend(long pn) {
        return firstSentTimeAtSend[(int) (pn & mask)];
    }

    public boolean appLimited(long pn) {
        return appLimited[(int) (pn & mask)];
    }
}
