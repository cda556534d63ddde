package org.messenger.transport.packet;

/**
 * Packet number truncation and recovery (RFC 9000 §17.1 and Appendix A.2/A.3). On the wire a
 * packet carries only the low 1-4 bytes of its 64-bit number; the receiver rebuilds the full
 * number as the candidate closest to the next one it expects.
 */
public final class PacketNumbers {
    private PacketNumbers() {}

    /**
     * Bytes needed to send {@code fullPn} when the peer has acknowledged up to
     * {@code largestAcked} (-1 if nothing yet): enough to represent twice the number of
     * unacknowledged packets (RFC 9000 §17.1, Appendix A.2).
     */
    public static int encodedLength(long fullPn, long largestAcked) {
        long numUnacked = largestAcked < 0 ? fullPn + 1 : fullPn - largestAcked;
        // Twice the range, plus one bit of sign: 1 byte covers < 2^7 unacked packets, etc.
        if (numUnacked < (1L << 7)) return 1;
        if (numUnacked < (1L << 15)) return 2;
        if (numUnacked < (1L << 23)) return 3;
        return 4;
    }

    /** RFC 9000 Appendix A.3: the full packet number closest to {@code largestPn + 1}. */
    public static long decode(long largestPn, long truncatedPn, int pnNBits) {
        long expected = largestPn + 1;
        long pnWin = 1L << pnNBits;
        long pnHwin = pnWin / 2;
        long pnMask = pnWin - 1;
        long candidate = (expected & ~pnMask) | truncatedPn;
        if (candidate <= expected - pnHwin && candidate < (1L << 62) - pnWin) {
            return candidate + pnWin;
        }
        if (candidate > expected + pnHwin && candidate >= pnWin) {
            return candidate - pnWin;
        }
        return candidate;
    }
}
