package org.messenger.transport.sim;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import org.messenger.transport.netem.NetemLink;
import org.messenger.transport.netem.NetemStats;

/**
 * One direction of a simulated link, possibly shared by several flows (a bottleneck). Besides the
 * impairment counters it keeps the bytes delivered per sending address, for fairness checks.
 */
public final class SimLink {
    private final String name;
    private final NetemLink netem;
    private final Map<InetSocketAddress, long[]> deliveredBySource = new HashMap<>();

    SimLink(String name, NetemLink netem) {
        this.name = name;
        this.netem = netem;
    }

    public String name() {
        return name;
    }

    /** The impairment model; its seed replays this link's choices. */
    public NetemLink netem() {
        return netem;
    }

    public NetemStats stats() {
        return netem.stats();
    }

    /** Bytes this link delivered that were sent from {@code source}. */
    public long deliveredBytesFrom(InetSocketAddress source) {
        long[] bytes = deliveredBySource.get(source);
        return bytes == null ? 0 : bytes[0];
    }

    void countDelivered(InetSocketAddress source, int bytes) {
        deliveredBySource.computeIfAbsent(source, k -> new long[1])[0] += bytes;
    }

    @Override
    public String toString() {
        return name + ": " + netem.stats();
    }
}
