package org.messenger.transport.ack;

import java.nio.ByteBuffer;
import org.messenger.transport.packet.Packet;
import org.messenger.transport.packet.VarInt;

/**
 * The packet numbers an endpoint has received, as at most {@code maxRanges} disjoint ranges
 * sorted from the highest down (the shape of an ACK frame, RFC 9000 §19.3). When a new gap would
 * exceed the bound, the oldest range is forgotten: the peer will have declared those packets
 * lost or acknowledged long ago (RFC 9000 §13.2.4).
 */
public final class AckRanges {
    private final long[] low;
    private final long[] high;
    private int count;

    public AckRanges(int maxRanges) {
        if (maxRanges < 1) throw new IllegalArgumentException("need at least one range");
        low = new long[maxRanges];
        high = new long[maxRanges];
    }

    public int count() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public long largest() {
        return count == 0 ? -1 : high[0];
    }

    public long low(int i) {
        return low[i];
    }

    public long high(int i) {
        return high[i];
    }

    public boolean contains(long pn) {
        for (int i = 0; i < count; i++) {
            if (pn > high[i]) return false;
            if (pn >= low[i]) return true;
        }
        return false;
    }

    /** Records {@code pn}; returns false if it was already there (a duplicate). */
    public boolean add(long pn) {
        if (count == 0) {
            low[0] = pn;
            high[0] = pn;
            count = 1;
            return true;
        }
        if (pn == high[0] + 1) { // the common case: in order
            high[0] = pn;
            return true;
        }
        int i = 0;
        while (i < count && pn < low[i] - 1) i++;
        if (i < count && pn >= low[i] && pn <= high[i]) return false;
        if (i < count && pn == low[i] - 1) {
            low[i] = pn;
            if (i + 1 < count && high[i + 1] == pn - 1) { // closes the gap to the next lower range
                low[i] = low[i + 1];
                removeAt(i + 1);
            }
            return true;
        }
        if (i < count && pn == high[i] + 1) {
            high[i] = pn; // i == 0 handled above, so the range above is at least 2 away
            return true;
        }
        if (i > 0 && pn == low[i - 1] - 1) {
            low[i - 1] = pn;
            return true;
        }
        // A new range at index i.
        if (count == low.length) {
            if (i == count) return true; // older than anything we keep: forget it
            count--; // drop the oldest range
        }
        System.arraycopy(low, i, low, i + 1, count - i);
        System.arraycopy(high, i, high, i + 1, count - i);
        low[i] = pn;
        high[i] = pn;
        count++;
        return true;
    }

    /** Forgets every packet number below {@code pn} (they were acknowledged by an ACK of our ACK). */
    public void removeBelow(long pn) {
        while (count > 0 && high[count - 1] < pn) count--;
        if (count > 0 && low[count - 1] < pn) low[count - 1] = pn;
    }

    private void removeAt(int i) {
        System.arraycopy(low, i + 1, low, i, count - i - 1);
        System.arraycopy(high, i + 1, high, i, count - i - 1);
        count--;
    }

    /**
     * Writes an ACK frame (RFC 9000 §19.3 layout) with as many ranges as fit in
     * {@code maxBytes}. Returns false (writing nothing) if not even the first range fits.
     */
    public boolean writeFrame(ByteBuffer buf, long ackDelayMicros, int maxBytes) {
        if (count == 0) return false;
        int start = buf.position();
        long first = high[0] - low[0];
        int fixed = 1 + VarInt.size(high[0]) + VarInt.size(ackDelayMicros) + 1 + VarInt.size(first);
        if (fixed > maxBytes) return false;
        int budget = maxBytes - fixed;
        int n = 1;
        for (int i = 1; i < count && n < 64; i++) {
            long gap = low[i - 1] - high[i] - 2;
            long len = high[i] - low[i];
            int sz = VarInt.size(gap) + VarInt.size(len);
            if (sz > budget) break;
            budget -= sz;
            n++;
        }
        buf.put((byte) Packet.ACK);
        VarInt.write(buf, high[0]);
        VarInt.write(buf, ackDelayMicros);
        VarInt.write(buf, n - 1);
        VarInt.write(buf, first);
        for (int i = 1; i < n; i++) {
            VarInt.write(buf, low[i - 1] - high[i] - 2);
            VarInt.write(buf, high[i] - low[i]);
        }
        assert buf.position() - start <= maxBytes;
        return true;
    }
}
