package org.messenger.transport.ack;

import java.nio.ByteBuffer;
import org.messenger.transport.packet.VarInt;

/**
 * A reusable read view of one ACK frame inside a received datagram (RFC 9000 §19.3). {@link
 * #parse} checks the whole frame once; then {@link #range(int)} walks its ranges from the highest
 * down without allocating.
 */
public final class AckFrame {
    private static final int MAX_RANGES = 256;
    private final long[] low = new long[MAX_RANGES];
    private final long[] high = new long[MAX_RANGES];
    private int count;
    private long largest;
    private long ackDelayMicros;

    /**
     * Parses the frame body (after the type byte) at the buffer's position, advancing it. Returns
     * false when the frame is truncated or describes negative packet numbers.
     */
    public boolean parse(ByteBuffer buf) {
        largest = VarInt.read(buf);
        ackDelayMicros = VarInt.read(buf);
        long rangeCount = VarInt.read(buf);
        long first = VarInt.read(buf);
        if (largest < 0 || ackDelayMicros < 0 || rangeCount < 0 || first < 0) return false;
        if (first > largest || rangeCount >= MAX_RANGES) return false;
        high[0] = largest;
        low[0] = largest - first;
        count = 1;
        for (long i = 0; i < rangeCount; i++) {
            long gap = VarInt.read(buf);
            long len = VarInt.read(buf);
            if (gap < 0 || len < 0) return false;
            long hi = low[count - 1] - gap - 2;
            long lo = hi - len;
            if (hi < 0 || lo < 0) return false;
            high[count] = hi;
            low[count] = lo;
            count++;
        }
        return true;
    }

    public long largest() {
        return largest;
    }

    public long ackDelayMicros() {
        return ackDelayMicros;
    }

    public int rangeCount() {
        return count;
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
}
