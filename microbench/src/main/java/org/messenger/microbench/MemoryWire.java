package org.messenger.microbench;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.messenger.transport.io.DatagramSender;

/**
 * One direction of an in-memory link for the transfer benchmarks: a fixed rate and one-way delay,
 * a FIFO of preallocated datagram slots, and optionally every n-th datagram dropped. Nothing is
 * allocated per datagram, so whatever the benchmark's allocation profiler reports comes from the
 * endpoints. A full FIFO refuses the datagram, as a full socket buffer does.
 */
final class MemoryWire implements DatagramSender {
    private final ByteBuffer[] slots;
    /** Where {@link #take} puts each datagram, as a socket's receive puts it in the driver's one buffer. */
    private final ByteBuffer receiveBuffer;
    private final long[] arrivalNanos;
    private final int mask;
    private final long nanosPerKiloByte;
    private final long delayNanos;
    private final int dropEvery;
    private long head;
    private long tail;
    private long linkFreeNanos;
    private long offered;
    private long dropped;
    private long nowNanos;

    /**
     * @param rateBitsPerSecond serialisation rate of the link
     * @param dropEvery drop every n-th datagram offered (0: none)
     */
    MemoryWire(int maxDatagramBytes, int slotCount, long rateBitsPerSecond, long delayNanos, int dropEvery) {
        if (Integer.bitCount(slotCount) != 1) throw new IllegalArgumentException("slotCount must be a power of two");
        slots = new ByteBuffer[slotCount];
        for (int i = 0; i < slotCount; i++) slots[i] = ByteBuffer.allocateDirect(maxDatagramBytes);
        receiveBuffer = ByteBuffer.allocateDirect(maxDatagramBytes);
        arrivalNanos = new long[slotCount];
        mask = slotCount - 1;
        nanosPerKiloByte = 8_000L * 1_000_000_000L / rateBitsPerSecond;
        this.delayNanos = delayNanos;
        this.dropEvery = dropEvery;
    }

    /** The time the next {@link #send} happens at (the driver's current instant). */
    void now(long nowNanos) {
        this.nowNanos = nowNanos;
    }

    @Override
    public boolean send(ByteBuffer datagram, InetSocketAddress to) {
        if (tail - head > mask) return false;
        int size = datagram.remaining();
        if (dropEvery > 0 && ++offered % dropEvery == 0) {
            dropped++;
            return true;
        }
        int i = (int) (tail & mask);
        ByteBuffer slot = slots[i];
        slot.clear();
        slot.put(datagram);
        slot.flip();
        linkFreeNanos = Math.max(linkFreeNanos, nowNanos) + size * nanosPerKiloByte / 1000;
        arrivalNanos[i] = linkFreeNanos + delayNanos;
        tail++;
        return true;
    }

    /** When the oldest datagram arrives, or {@link Long#MAX_VALUE} if none is on the way. */
    long nextArrivalNanos() {
        return head == tail ? Long.MAX_VALUE : arrivalNanos[(int) (head & mask)];
    }

    /**
     * Takes the oldest datagram off the wire into one receive buffer, valid until the next take:
     * what {@code SocketDriver} hands the endpoint too. Handing out the slots themselves gave the
     * endpoint thousands of distinct buffers, which real sockets never do, and OpenSSL's engine,
     * which keeps the native address of the last few buffers, looked one up per datagram.
     */
    ByteBuffer take() {
        if (head == tail) throw new IllegalStateException("no datagram on the wire");
        ByteBuffer slot = slots[(int) (head++ & mask)];
        receiveBuffer.clear();
        receiveBuffer.put(slot);
        receiveBuffer.flip();
        return receiveBuffer;
    }

    long dropped() {
        return dropped;
    }
}
