package org.messenger.transport.netem;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One direction of an impaired link: a model of what a real path does to datagrams, plus the delay
 * line that holds them until they "arrive". It reads no clock: callers pass {@code nowNanos}, so
 * the same class serves the real-time {@link ImpairedSender} and the virtual-time simulator. Given
 * the seed, its behaviour depends only on the sequence of {@link #offer} and {@link #release}
 * calls (sizes, times and order), never on wall-clock timing.
 *
 * <h2>What happens to an offered datagram, in this order</h2>
 * <ol>
 *   <li><b>blackhole</b>: sent at {@code blackholeStart <= t - firstPacket < blackholeStart + blackhole}: dropped.</li>
 *   <li><b>loss</b>: dropped with probability {@code loss}; independently ({@code burst=1}) or by a
 *       two-state Gilbert-Elliott chain whose bad state loses every packet and lasts {@code burst}
 *       packets on average, with the stationary loss ratio equal to {@code loss}. Like Linux netem,
 *       loss happens before the bottleneck, so lost packets use no link capacity.</li>
 *   <li><b>dup</b>: with probability {@code dup} a second, independent copy follows the first.</li>
 *   <li>Each copy then goes through the <b>bottleneck</b>: if {@code rate} is set, the copy is
 *       serialized at {@code rate} after those before it (bits of the datagram payload; no header
 *       overhead). A copy that must wait is dropped if {@code queue} packets (or bytes) are already
 *       waiting: drop-tail. The copy being serialized does not count against the queue.</li>
 *   <li><b>corrupt</b>: with probability {@code corrupt} one uniformly chosen bit of the copy flips.</li>
 *   <li><b>delay and jitter</b>: arrival = end of serialization + {@code delay} + a uniform offset in
 *       [-jitter, +jitter] (never below zero delay). Jitter never reorders: a copy that would arrive
 *       before the previous one arrives with it instead, which is what netem does once a rate is set.
 *       Only {@code reorder} reorders.</li>
 *   <li><b>reorder</b>: with probability {@code reorder} the copy is held back by max(delay, 1 ms)
 *       more, so the copies sent after it overtake it. It does not hold back those later copies.</li>
 * </ol>
 *
 * <p>The delay line keeps copies in direct buffers from a pool of size classes (512 B to 64 KiB) and
 * a binary heap of slot indices ordered by arrival then sending order; after warm-up nothing is
 * allocated per datagram. It holds at most {@code heldBytesLimit} bytes (default 64 MiB); beyond
 * that, copies are dropped and counted as {@link NetemStats#droppedLimit()}.
 *
 * <p>Not thread-safe: one thread offers and releases.
 */
public final class NetemLink {

    /** Where released datagrams go. */
    @FunctionalInterface
    public interface Receiver {
        /**
         * Takes one datagram that has arrived (position to limit, valid only during the call).
         * Returns false if it cannot be taken now; the link keeps it and offers it again first on
         * the next {@link #release}.
         */
        boolean deliver(ByteBuffer datagram, InetSocketAddress from, InetSocketAddress to, long nowNanos);
    }

    /** Largest datagram the link accepts (UDP's limit, rounded up). */
    public static final int MAX_DATAGRAM_BYTES = 65536;

    public static final long DEFAULT_HELD_BYTES_LIMIT = 64L << 20;

    private static final long MIN_HOLD_BACK_NANOS = 1_000_000L;
    private static final int MIN_CLASS_SHIFT = 9;
    private static final int CLASS_COUNT = 8; // 512 B .. 64 KiB

    private final NetemSpec spec;
    private final long seed;
    private final SplitMix64 random;
    private final NetemStats stats = new NetemStats();
    private final long heldBytesLimit;

    // Loss model (RFC-less, but see Gilbert 1960 / Elliott 1963 and netem's "gemodel").
    private final double lossProbability;
    private final boolean bursty;
    private final double goodToBad;
    private final double badToGood;
    private boolean lossBad;
    private boolean lastLost;

    private final long holdBackNanos;
    private boolean started;
    private long originNanos;
    private long lastInOrderArrivalNanos = Long.MIN_VALUE;

    // Bottleneck: when the transmitter is next free, and the packets waiting for it (start times).
    private long linkFreeAtNanos = Long.MIN_VALUE;
    private long serializationCarry;
    private long[] waitingStartNanos = new long[64];
    private int[] waitingBytes = new int[64];
    private int waitingHead;
    private int waitingCount;
    private long waitingTotalBytes;

    // Delay line: slots, a heap of slot indices, and a buffer pool by size class.
    private ByteBuffer[] slotBuffer = new ByteBuffer[0];
    private long[] slotArrivalNanos = new long[0];
    private long[] slotOrder = new long[0];
    private InetSocketAddress[] slotFrom = new InetSocketAddress[0];
    private InetSocketAddress[] slotTo = new InetSocketAddress[0];
    private int[] freeSlots = new int[0];
    private int freeCount;
    private int[] heap = new int[0];
    private int heapSize;
    private long nextOrder;
    private long heldBytes;
    private final ByteBuffer[][] pool = new ByteBuffer[CLASS_COUNT][4];
    private final int[] poolCount = new int[CLASS_COUNT];

    /** A link with the spec's seed, or a random one (see {@link #seed()}) if the spec names none. */
    public NetemLink(NetemSpec spec) {
        this(spec, spec.seeded() ? spec.seed() : ThreadLocalRandom.current().nextLong(), DEFAULT_HELD_BYTES_LIMIT);
    }

    public NetemLink(NetemSpec spec, long seed) {
        this(spec, seed, DEFAULT_HELD_BYTES_LIMIT);
    }

    public NetemLink(NetemSpec spec, long seed, long heldBytesLimit) {
        if (heldBytesLimit <= 0) {
            throw new IllegalArgumentException("heldBytesLimit must be positive, got " + heldBytesLimit);
        }
        this.spec = spec;
        this.seed = seed;
        this.random = new SplitMix64(seed);
        this.heldBytesLimit = heldBytesLimit;
        this.lossProbability = spec.lossProbability();
        this.bursty = spec.burst() > 1;
        this.badToGood = 1 / spec.burst();
        // Stationary P(bad) = g / (g + r) = loss  =>  g = loss * r / (1 - loss).
        this.goodToBad = lossProbability >= 1 ? 1 : lossProbability * badToGood / (1 - lossProbability);
        this.holdBackNanos = Math.max(spec.delayNanos(), MIN_HOLD_BACK_NANOS);
        growSlots(16);
    }

    public NetemSpec spec() {
        return spec;
    }

    /** The seed in use; put it in a spec ({@code seed=...}) to replay this link's choices. */
    public long seed() {
        return seed;
    }

    /** Live counters; see {@link NetemStats#copy()}. */
    public NetemStats stats() {
        return stats;
    }

    /** Copies waiting in the delay line. */
    public int heldPackets() {
        return heapSize;
    }

    /**
     * Offers one datagram (position to limit; neither position nor content is changed) sent at
     * {@code nowNanos}. {@code from} and {@code to} are only carried along to the receiver and
     * may be null. Returns true if at least one copy entered the delay line, false if the link
     * dropped it (blackhole, loss, full queue, full delay line).
     *
     * @throws IllegalArgumentException if the datagram is longer than {@link #MAX_DATAGRAM_BYTES}
     */
    public boolean offer(ByteBuffer datagram, InetSocketAddress from, InetSocketAddress to, long nowNanos) {
        int length = datagram.remaining();
        if (length > MAX_DATAGRAM_BYTES) {
            throw new IllegalArgumentException("datagram of " + length + " bytes exceeds the " + MAX_DATAGRAM_BYTES + "-byte maximum");
        }
        stats.offeredPackets++;
        stats.offeredBytes += length;
        if (!started) {
            started = true;
            originNanos = nowNanos;
        }
        if (inBlackhole(nowNanos)) {
            stats.droppedBlackhole++;
            return false;
        }
        if (lose()) {
            stats.droppedLoss++;
            if (!lastLost) {
                stats.lossBursts++;
            }
            lastLost = true;
            return false;
        }
        lastLost = false;
        boolean duplicate = random.chance(spec.dupProbability());
        boolean accepted = enqueueCopy(datagram, length, from, to, nowNanos);
        if (duplicate) {
            stats.duplicated++;
            accepted |= enqueueCopy(datagram, length, from, to, nowNanos);
        }
        return accepted;
    }

    /** When the earliest held copy arrives, or {@link Long#MAX_VALUE} if none is held. */
    public long nextReleaseNanos() {
        return heapSize == 0 ? Long.MAX_VALUE : slotArrivalNanos[heap[0]];
    }

    /**
     * Hands every copy that has arrived by {@code nowNanos} to {@code out}, earliest first, and
     * returns how many it took. Stops at the first one {@code out} refuses. Do not offer to this
     * link from inside {@code out}.
     */
    public int release(long nowNanos, Receiver out) {
        int released = 0;
        while (heapSize > 0) {
            int slot = heap[0];
            if (slotArrivalNanos[slot] > nowNanos) {
                break;
            }
            ByteBuffer buffer = slotBuffer[slot];
            int length = buffer.limit();
            buffer.position(0);
            if (!out.deliver(buffer, slotFrom[slot], slotTo[slot], nowNanos)) {
                buffer.limit(length).position(0);
                break;
            }
            stats.deliveredPackets++;
            stats.deliveredBytes += length;
            removeTop();
            freeSlot(slot, length);
            released++;
        }
        return released;
    }

    // ---- the model ------------------------------------------------------------------------

    private boolean inBlackhole(long nowNanos) {
        if (spec.blackholeNanos() == 0) {
            return false;
        }
        long sinceStart = nowNanos - originNanos;
        return sinceStart >= spec.blackholeStartNanos() && sinceStart - spec.blackholeStartNanos() < spec.blackholeNanos();
    }

    private boolean lose() {
        if (lossProbability <= 0) {
            return false;
        }
        if (lossProbability >= 1) {
            return true;
        }
        if (!bursty) {
            return random.nextDouble() < lossProbability;
        }
        // Gilbert-Elliott with h = 0, k = 1: the bad state loses everything, the good state nothing;
        // the bad state lasts 1 / badToGood = burst packets on average.
        lossBad = lossBad ? random.nextDouble() >= badToGood : random.nextDouble() < goodToBad;
        return lossBad;
    }

    private boolean enqueueCopy(ByteBuffer datagram, int length, InetSocketAddress from, InetSocketAddress to, long nowNanos) {
        if (heldBytes + length > heldBytesLimit) {
            stats.droppedLimit++;
            return false;
        }
        long departureNanos = nowNanos;
        if (spec.rateBitsPerSecond() > 0) {
            dequeueStarted(nowNanos);
            long startNanos = Math.max(nowNanos, linkFreeAtNanos);
            if (startNanos > nowNanos && queueFull(length)) {
                stats.droppedQueue++;
                return false;
            }
            departureNanos = startNanos + serializationNanos(length);
            linkFreeAtNanos = departureNanos;
            if (startNanos > nowNanos) {
                pushWaiting(startNanos, length);
            }
        }
        long delay = spec.delayNanos();
        if (spec.jitterNanos() > 0) {
            delay += random.nextLong(2 * spec.jitterNanos() + 1) - spec.jitterNanos();
            delay = Math.max(0, delay);
        }
        long arrivalNanos = departureNanos + delay;
        boolean corrupt = random.chance(spec.corruptProbability()) && length > 0;
        if (random.chance(spec.reorderProbability())) {
            stats.reordered++;
            arrivalNanos += holdBackNanos;
        } else {
            arrivalNanos = Math.max(arrivalNanos, lastInOrderArrivalNanos);
            lastInOrderArrivalNanos = arrivalNanos;
        }
        int slot = allocateSlot(length);
        ByteBuffer copy = slotBuffer[slot];
        copy.clear();
        copy.put(0, datagram, datagram.position(), length);
        copy.limit(length);
        if (corrupt) {
            long bit = random.nextLong(8L * length);
            int index = (int) (bit >>> 3);
            copy.put(index, (byte) (copy.get(index) ^ (1 << (int) (bit & 7))));
            stats.corrupted++;
        }
        slotArrivalNanos[slot] = arrivalNanos;
        slotOrder[slot] = nextOrder++;
        slotFrom[slot] = from;
        slotTo[slot] = to;
        heldBytes += length;
        insertIntoHeap(slot);
        return true;
    }

    private boolean queueFull(int length) {
        if (spec.queueBytes() > 0) {
            return waitingTotalBytes + length > spec.queueBytes();
        }
        return waitingCount >= spec.queuePackets();
    }

    /** Exact serialization time: the sub-nanosecond remainder carries over to the next packet. */
    private long serializationNanos(int length) {
        long scaled = length * 8L * 1_000_000_000L + serializationCarry;
        long rate = spec.rateBitsPerSecond();
        serializationCarry = scaled % rate;
        return scaled / rate;
    }

    /** Packets whose serialization has started have left the queue. */
    private void dequeueStarted(long nowNanos) {
        while (waitingCount > 0 && waitingStartNanos[waitingHead] <= nowNanos) {
            waitingTotalBytes -= waitingBytes[waitingHead];
            waitingHead = (waitingHead + 1) % waitingStartNanos.length;
            waitingCount--;
        }
    }

    private void pushWaiting(long startNanos, int length) {
        if (waitingCount == waitingStartNanos.length) {
            int n = waitingStartNanos.length;
            long[] starts = new long[n * 2];
            int[] sizes = new int[n * 2];
            for (int i = 0; i < n; i++) {
                starts[i] = waitingStartNanos[(waitingHead + i) % n];
                sizes[i] = waitingBytes[(waitingHead + i) % n];
            }
            waitingStartNanos = starts;
            waitingBytes = sizes;
            waitingHead = 0;
        }
        int tail = (waitingHead + waitingCount) % waitingStartNanos.length;
        waitingStartNanos[tail] = startNanos;
        waitingBytes[tail] = length;
        waitingCount++;
        waitingTotalBytes += length;
    }

    // ---- delay line storage ---------------------------------------------------------------

    private int allocateSlot(int length) {
        if (freeCount == 0) {
            growSlots(slotBuffer.length * 2);
        }
        int slot = freeSlots[--freeCount];
        slotBuffer[slot] = takeBuffer(length);
        return slot;
    }

    private void freeSlot(int slot, int length) {
        giveBuffer(slotBuffer[slot]);
        slotBuffer[slot] = null;
        slotFrom[slot] = null;
        slotTo[slot] = null;
        heldBytes -= length;
        freeSlots[freeCount++] = slot;
    }

    private void growSlots(int capacity) {
        int old = slotBuffer.length;
        slotBuffer = Arrays.copyOf(slotBuffer, capacity);
        slotArrivalNanos = Arrays.copyOf(slotArrivalNanos, capacity);
        slotOrder = Arrays.copyOf(slotOrder, capacity);
        slotFrom = Arrays.copyOf(slotFrom, capacity);
        slotTo = Arrays.copyOf(slotTo, capacity);
        heap = Arrays.copyOf(heap, capacity);
        freeSlots = Arrays.copyOf(freeSlots, capacity);
        for (int slot = capacity - 1; slot >= old; slot--) {
            freeSlots[freeCount++] = slot;
        }
    }

    private static int sizeClass(int length) {
        int shift = length <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(length - 1);
        return Math.max(0, shift - MIN_CLASS_SHIFT);
    }

    private ByteBuffer takeBuffer(int length) {
        int k = sizeClass(length);
        if (poolCount[k] > 0) {
            ByteBuffer b = pool[k][--poolCount[k]];
            pool[k][poolCount[k]] = null;
            return b;
        }
        return ByteBuffer.allocateDirect(1 << (k + MIN_CLASS_SHIFT));
    }

    private void giveBuffer(ByteBuffer buffer) {
        int k = sizeClass(buffer.capacity());
        if (poolCount[k] == pool[k].length) {
            pool[k] = Arrays.copyOf(pool[k], pool[k].length * 2);
        }
        pool[k][poolCount[k]++] = buffer;
    }

    // ---- heap ordered by (arrival, order) -------------------------------------------------

    private boolean before(int a, int b) {
        long ta = slotArrivalNanos[a];
        long tb = slotArrivalNanos[b];
        return ta < tb || (ta == tb && slotOrder[a] < slotOrder[b]);
    }

    private void insertIntoHeap(int slot) {
        int i = heapSize++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(slot, heap[parent])) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = slot;
    }

    private void removeTop() {
        int last = heap[--heapSize];
        int i = 0;
        int half = heapSize >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            if (child + 1 < heapSize && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], last)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        if (heapSize > 0) {
            heap[i] = last;
        }
    }

    @Override
    public String toString() {
        return "NetemLink[" + spec + ", seed=" + seed + ", held=" + heapSize + "]";
    }
}
