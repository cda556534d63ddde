package org.messenger.transport.netem;

/**
 * What a {@link NetemLink} did to the datagrams offered to it. Counters only grow. Read them from
 * the thread that drives the link, or take a {@link #copy()} there and hand the copy on.
 */
public final class NetemStats {
    long offeredPackets;
    long offeredBytes;
    long deliveredPackets;
    long deliveredBytes;
    long droppedBlackhole;
    long droppedLoss;
    long lossBursts;
    long droppedQueue;
    long droppedLimit;
    long duplicated;
    long corrupted;
    long reordered;

    /** Datagrams handed to the link (duplicates not counted). */
    public long offeredPackets() { return offeredPackets; }

    public long offeredBytes() { return offeredBytes; }

    /** Datagrams that came out of the link, duplicates included. */
    public long deliveredPackets() { return deliveredPackets; }

    public long deliveredBytes() { return deliveredBytes; }

    /** Dropped because they were sent during the blackhole period. */
    public long droppedBlackhole() { return droppedBlackhole; }

    /** Dropped by random or Gilbert-Elliott loss. */
    public long droppedLoss() { return droppedLoss; }

    /** Runs of consecutive loss drops; {@code droppedLoss / lossBursts} is the mean burst length. */
    public long lossBursts() { return lossBursts; }

    /** Dropped at the tail of the full bottleneck queue. */
    public long droppedQueue() { return droppedQueue; }

    /** Dropped because the delay line already held its byte limit (a safety net, not a network effect). */
    public long droppedLimit() { return droppedLimit; }

    /** Extra copies made by duplication (each also counted in delivered if it got through). */
    public long duplicated() { return duplicated; }

    /** Copies that had one bit flipped. */
    public long corrupted() { return corrupted; }

    /** Copies held back so that later ones overtake them. */
    public long reordered() { return reordered; }

    /** All drops, whatever the cause. */
    public long droppedTotal() {
        return droppedBlackhole + droppedLoss + droppedQueue + droppedLimit;
    }

    /** A snapshot that no longer changes. */
    public NetemStats copy() {
        NetemStats c = new NetemStats();
        c.offeredPackets = offeredPackets;
        c.offeredBytes = offeredBytes;
        c.deliveredPackets = deliveredPackets;
        c.deliveredBytes = deliveredBytes;
        c.droppedBlackhole = droppedBlackhole;
        c.droppedLoss = droppedLoss;
        c.lossBursts = lossBursts;
        c.droppedQueue = droppedQueue;
        c.droppedLimit = droppedLimit;
        c.duplicated = duplicated;
        c.corrupted = corrupted;
        c.reordered = reordered;
        return c;
    }

    @Override
    public String toString() {
        return "offered=" + offeredPackets + " (" + offeredBytes + " B), delivered=" + deliveredPackets
                + " (" + deliveredBytes + " B), dropped: queue=" + droppedQueue + " loss=" + droppedLoss
                + " (in " + lossBursts + " bursts) blackhole=" + droppedBlackhole + " limit=" + droppedLimit
                + ", duplicated=" + duplicated + ", corrupted=" + corrupted + ", reordered=" + reordered;
    }
}
