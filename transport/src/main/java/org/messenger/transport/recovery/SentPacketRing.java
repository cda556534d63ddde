package org.messenger.transport.recovery;

/**
 * The packets sent and not yet acknowledged or declared lost, in a ring indexed by packet number
 * (struct of arrays: no object per packet). Slot = pn mod capacity; {@link #oldest()} advances
 * past packets that are settled. The ring starts small and doubles when the packets in flight
 * need it, up to a maximum, so an idle or barely started sender holds little memory.
 *
 * <p>Per packet: send time, size, whether it counts in flight / elicits an ACK, the DATA range it
 * carried (if any), and the delivery-rate state at send time (for rate sampling).
 */
public final class SentPacketRing {
    public static final byte FREE = 0;
    public static final byte IN_FLIGHT = 1;
    public static final byte ACKED = 2;
    public static final byte LOST = 3;
    /** A number deliberately never sent (RFC 9000 §21.4): acknowledging it proves an optimistic ACK. */
    public static final byte SKIPPED = 4;
    /** Skipped numbers remembered for {@link #acksSkipped}, newest last (about 250,000 packets back). */
    private static final int SKIPPED_REMEMBERED = 512;
    private final long[] skipped = new long[SKIPPED_REMEMBERED];
    private int skippedCount;
    private int skippedHead; // index of the oldest remembered

    private final int maxCapacity;
    private int mask;
    private long[] sentTimeNanos;
    private int[] sizeBytes;
    private long[] dataOffset;
    private int[] dataLength;
    private byte[] state;
    private boolean[] ackEliciting;
    private boolean[] countsInFlight;
    private long[] deliveredAtSend;
    private long[] deliveredTimeAtSend;
    private long[] firstSentTimeAtSend;
    private boolean[] appLimited;
    private long oldest; // lowest pn that may still be IN_FLIGHT
    private long next; // next pn to send

    public SentPacketRing(int capacityPowerOfTwo) {
        this(capacityPowerOfTwo, capacityPowerOfTwo);
    }

    /** A ring of {@code initialCapacity} slots that grows by doubling up to {@code maxCapacity}. */
    public SentPacketRing(int initialCapacity, int maxCapacity) {
        if (Integer.bitCount(initialCapacity) != 1 || Integer.bitCount(maxCapacity) != 1 || initialCapacity > maxCapacity) {
            throw new IllegalArgumentException("capacities must be powers of two, initial <= max: " + initialCapacity
                    + ", " + maxCapacity);
        }
        this.maxCapacity = maxCapacity;
        allocate(initialCapacity);
    }

    private void allocate(int capacity) {
        mask = capacity - 1;
        sentTimeNanos = new long[capacity];
        sizeBytes = new int[capacity];
        dataOffset = new long[capacity];
        dataLength = new int[capacity];
        state = new byte[capacity];
        ackEliciting = new boolean[capacity];
        countsInFlight = new boolean[capacity];
        deliveredAtSend = new long[capacity];
        deliveredTimeAtSend = new long[capacity];
        firstSentTimeAtSend = new long[capacity];
        appLimited = new boolean[capacity];
    }

    /** Doubles the ring, moving the unsettled packets to their slots in the larger one. */
    private void grow() {
        long[] t = sentTimeNanos, dOff = dataOffset, dAt = deliveredAtSend, dtAt = deliveredTimeAtSend,
                fsAt = firstSentTimeAtSend;
        int[] size = sizeBytes, dLen = dataLength;
        byte[] st = state;
        boolean[] ae = ackEliciting, cif = countsInFlight, al = appLimited;
        int oldMask = mask;
        allocate((mask + 1) * 2);
        for (long pn = oldest; pn < next; pn++) {
            int from = (int) (pn & oldMask);
            int to = (int) (pn & mask);
            sentTimeNanos[to] = t[from];
            sizeBytes[to] = size[from];
            dataOffset[to] = dOff[from];
            dataLength[to] = dLen[from];
            state[to] = st[from];
            ackEliciting[to] = ae[from];
            countsInFlight[to] = cif[from];
            deliveredAtSend[to] = dAt[from];
            deliveredTimeAtSend[to] = dtAt[from];
            firstSentTimeAtSend[to] = fsAt[from];
            appLimited[to] = al[from];
        }
    }

    /** Slots now (grows up to {@link #maxCapacity()}). */
    public int capacity() {
        return mask + 1;
    }

    public int maxCapacity() {
        return maxCapacity;
    }

    /** True when one more packet would overwrite one not yet settled and the ring cannot grow. */
    public boolean isFull() {
        return next - oldest > mask && mask + 1 >= maxCapacity;
    }

    /** True if {@code n} more packets fit without overwriting one not yet settled (growing if need be). */
    public boolean hasRoomFor(int n) {
        return next - oldest + n <= maxCapacity;
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
        if (next - oldest > mask) {
            if (mask + 1 >= maxCapacity) throw new IllegalStateException("sent packet ring full");
            grow();
        }
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

    /**
     * Uses up the next packet number without sending it (RFC 9000 §21.4): a receiver that
     * acknowledges it is acknowledging what it cannot have received.
     */
    public long skip() {
        if (next - oldest > mask) {
            if (mask + 1 >= maxCapacity) throw new IllegalStateException("sent packet ring full");
            grow();
        }
        long pn = next++;
        int i = (int) (pn & mask);
        this.sizeBytes[i] = 0;
        this.dataLength[i] = 0;
        this.ackEliciting[i] = false;
        this.countsInFlight[i] = false;
        this.state[i] = SKIPPED;
        int slot = (skippedHead + skippedCount) % SKIPPED_REMEMBERED;
        skipped[slot] = pn;
        if (skippedCount < SKIPPED_REMEMBERED) {
            skippedCount++;
        } else {
            skippedHead = (skippedHead + 1) % SKIPPED_REMEMBERED;
        }
        return pn;
    }

    /**
     * True if {@code ack} names a skipped packet number. Both lists are sorted, so one merge walk
     * (ranges from the highest down, skipped numbers from the newest down) settles it.
     */
    public boolean acksSkipped(org.messenger.transport.ack.AckFrame ack) {
        int r = 0;
        for (int k = skippedCount - 1; k >= 0 && r < ack.rangeCount(); ) {
            long pn = skipped[(skippedHead + k) % SKIPPED_REMEMBERED];
            if (pn > ack.high(r)) {
                k--; // above this range (and every later, lower one)
            } else if (pn >= ack.low(r)) {
                return true;
            } else {
                r++; // below this range: try the next, lower one
            }
        }
        return false;
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
