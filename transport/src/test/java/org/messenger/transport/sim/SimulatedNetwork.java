package org.messenger.transport.sim;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.messenger.transport.io.DatagramEndpoint;
import org.messenger.transport.io.DatagramSender;
import org.messenger.transport.netem.NetemLink;
import org.messenger.transport.netem.NetemSpec;
import org.messenger.transport.netem.NetemStats;
import org.messenger.transport.time.TimeSource;

/**
 * A network in virtual time for tests: {@link DatagramEndpoint}s attached at addresses, joined by
 * one-way {@link SimLink}s that each impair as a {@link NetemSpec} says (the same {@link NetemLink}
 * model that {@code --netem} uses on real sockets). Everything runs on the caller's thread and
 * every random choice comes from the network's seed, so a failing seed replays exactly.
 *
 * <pre>{@code
 * SimulatedNetwork net = new SimulatedNetwork(seed);
 * InetSocketAddress a = SimulatedNetwork.address(1, 4433), b = SimulatedNetwork.address(2, 4433);
 * net.attach(a, sender);                 // DatagramEndpoints; they read time only from poll/onDatagram
 * net.attach(b, receiver);
 * net.connect(a, b, NetemSpec.parse("rate=100mbit,delay=15ms,queue=25,loss=2%"), NetemSpec.parse("delay=15ms"));
 * SimulatedNetwork.RunResult r = net.runUntil(receiver::isComplete, Duration.ofMinutes(5).toNanos(), 10_000_000);
 * assertThat(r.outcome()).isEqualTo(SimulatedNetwork.Outcome.CONDITION_MET);
 * }</pre>
 *
 * <p>Several flows share a bottleneck when their routes use the same link:
 * {@code SimLink shared = net.link("bottleneck", spec); net.route(a1, b1, shared); net.route(a2, b2, shared);}.
 *
 * <h2>How a run advances</h2>
 * Each step jumps the clock to the earliest of (the next datagram arrival on any link, the next
 * wake-up an endpoint asked for), then delivers every datagram due (links in creation order, each
 * in arrival order) and polls every endpoint that is due or has just received a datagram (in
 * attach order). Every endpoint is polled once at the start. A run ends when the condition holds
 * (checked before every step), when nothing is left to happen, or at the virtual-time or step
 * limit, so it never hangs.
 *
 * <p>A link's random choices are seeded from the network seed and the link's creation index; a
 * {@code seed=} in the spec is ignored here.
 */
public final class SimulatedNetwork {

    /** Why a run stopped. */
    public enum Outcome {
        /** The condition held. */
        CONDITION_MET,
        /** No datagram in flight and no endpoint wants to be woken: nothing more can happen. */
        IDLE,
        /** The next event lies beyond the virtual-time limit; the clock stands at the limit. */
        TIME_LIMIT,
        /** The step limit was reached (an endpoint that always wants to run now shows up here). */
        STEP_LIMIT
    }

    public record RunResult(Outcome outcome, long nowNanos, long steps) {}

    /** What happened to a datagram, for traces. */
    public enum Event { SENT, DROPPED, DELIVERED, UNROUTABLE, UNDELIVERABLE }

    /** Sees every datagram event. The buffer is only valid during the call. */
    @FunctionalInterface
    public interface TraceListener {
        void on(long nowNanos, Event event, String link, InetSocketAddress from, InetSocketAddress to, ByteBuffer datagram);
    }

    private final long seed;
    private long nowNanos;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<InetSocketAddress, Node> nodesByAddress = new HashMap<>();
    private final Map<InetSocketAddress, Map<InetSocketAddress, SimLink>> routes = new HashMap<>();
    private final List<SimLink> links = new ArrayList<>();
    private final NetemLink.Receiver deliverer = this::deliver;
    private TraceListener trace; // null: no tracing, and no per-datagram cost for it
    private long unroutable;
    private long undeliverable;

    public SimulatedNetwork(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** The virtual clock, for code that takes a {@link TimeSource}. */
    public TimeSource clock() {
        return this::nowNanos;
    }

    public long nowNanos() {
        return nowNanos;
    }

    /** The address 10.0.(host / 256).(host % 256):port, host 1..65535. */
    public static InetSocketAddress address(int host, int port) {
        if (host < 1 || host > 65535) {
            throw new IllegalArgumentException("host must be 1..65535, got " + host);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, (byte) (host >>> 8), (byte) host}), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Sees every datagram from now on; null stops tracing. */
    public void trace(TraceListener listener) {
        this.trace = listener;
    }

    /** Attaches an endpoint; it is first polled when the next run starts. */
    public void attach(InetSocketAddress address, DatagramEndpoint endpoint) {
        if (nodesByAddress.containsKey(address)) {
            throw new IllegalArgumentException(address + " already has an endpoint");
        }
        Node node = new Node(address, endpoint);
        nodes.add(node);
        nodesByAddress.put(address, node);
    }

    /**
     * Makes the endpoint at {@code address} find its socket full: every {@code everyNth} datagram
     * it sends is refused (the sender returns false and nothing leaves), as a real socket with a
     * full send buffer does. 0 turns it off.
     */
    public void refuseSends(InetSocketAddress address, int everyNth) {
        Node node = nodesByAddress.get(address);
        if (node == null) throw new IllegalArgumentException("no endpoint at " + address);
        node.refuseEvery = everyNth;
    }

    /** Datagrams refused by {@link #refuseSends} at {@code address} so far. */
    public long refusedSends(InetSocketAddress address) {
        return nodesByAddress.get(address).refused;
    }

    /** Told of every turn of one endpoint: when it was polled and when it asked to be polled next. */
    @FunctionalInterface
    public interface PollListener {
        void polled(long nowNanos, long wakeNanos);
    }

    /** Calls {@code listener} after every poll of the endpoint at {@code address}; null stops it. */
    public void afterPoll(InetSocketAddress address, PollListener listener) {
        nodesByAddress.get(address).afterPoll = listener;
    }

    /** A new one-way link; route flows over it with {@link #route}. */
    public SimLink link(String name, NetemSpec spec) {
        long linkSeed = mix(seed + 0x9E3779B97F4A7C15L * (links.size() + 1));
        SimLink link = new SimLink(name, new NetemLink(spec, linkSeed));
        links.add(link);
        return link;
    }

    /** Datagrams from {@code from} to {@code to} travel over {@code link}. */
    public void route(InetSocketAddress from, InetSocketAddress to, SimLink link) {
        routes.computeIfAbsent(from, k -> new HashMap<>()).put(to, link);
    }

    /** Two links, one per direction, named "a->b" and "b->a". */
    public Path connect(InetSocketAddress a, InetSocketAddress b, NetemSpec aToB, NetemSpec bToA) {
        SimLink forward = link(a + "->" + b, aToB);
        SimLink back = link(b + "->" + a, bToA);
        route(a, b, forward);
        route(b, a, back);
        return new Path(forward, back);
    }

    public record Path(SimLink forward, SimLink back) {}

    public List<SimLink> links() {
        return List.copyOf(links);
    }

    /** Each link's counters by name, copied now. */
    public Map<String, NetemStats> linkStats() {
        Map<String, NetemStats> stats = new LinkedHashMap<>();
        for (SimLink link : links) {
            stats.put(link.name(), link.stats().copy());
        }
        return stats;
    }

    /** Datagrams sent to a destination no route leads to. */
    public long unroutable() {
        return unroutable;
    }

    /** Datagrams that arrived at an address with no endpoint. */
    public long undeliverable() {
        return undeliverable;
    }

    /** Runs until nothing more can happen or a limit is hit. */
    public RunResult run(long maxVirtualNanos, long maxSteps) {
        return runUntil(() -> false, maxVirtualNanos, maxSteps);
    }

    /**
     * Runs until {@code condition} holds, nothing more can happen, {@code maxVirtualNanos} of
     * virtual time have passed since this call, or {@code maxSteps} steps were taken.
     */
    public RunResult runUntil(BooleanSupplier condition, long maxVirtualNanos, long maxSteps) {
        long deadline = saturatedAdd(nowNanos, maxVirtualNanos);
        long steps = 0;
        for (Node node : nodes) {
            node.wakeNanos = Math.min(node.wakeNanos, nowNanos);
        }
        while (true) {
            if (condition.getAsBoolean()) {
                return new RunResult(Outcome.CONDITION_MET, nowNanos, steps);
            }
            if (steps >= maxSteps) {
                return new RunResult(Outcome.STEP_LIMIT, nowNanos, steps);
            }
            long next = Long.MAX_VALUE;
            for (SimLink link : links) {
                next = Math.min(next, link.netem().nextReleaseNanos());
            }
            for (Node node : nodes) {
                next = Math.min(next, node.wakeNanos);
            }
            if (next == Long.MAX_VALUE) {
                return new RunResult(Outcome.IDLE, nowNanos, steps);
            }
            if (next > deadline) {
                nowNanos = Math.max(nowNanos, deadline);
                return new RunResult(Outcome.TIME_LIMIT, nowNanos, steps);
            }
            nowNanos = Math.max(nowNanos, next);
            steps++;
            for (SimLink link : links) {
                current = link;
                link.netem().release(nowNanos, deliverer);
            }
            current = null;
            for (Node node : nodes) {
                if (node.wakeNanos <= nowNanos) {
                    node.wakeNanos = node.endpoint.poll(nowNanos, node.sender);
                    if (node.afterPoll != null) node.afterPoll.polled(nowNanos, node.wakeNanos);
                }
            }
        }
    }

    private SimLink current;

    private boolean deliver(ByteBuffer datagram, InetSocketAddress from, InetSocketAddress to, long now) {
        Node node = nodesByAddress.get(to);
        if (node == null) {
            undeliverable++;
            if (trace != null) {
                trace.on(now, Event.UNDELIVERABLE, current.name(), from, to, datagram);
            }
            return true;
        }
        current.countDelivered(from, datagram.remaining());
        if (trace != null) {
            trace.on(now, Event.DELIVERED, current.name(), from, to, datagram.duplicate());
        }
        node.endpoint.onDatagram(datagram, from, now);
        node.wakeNanos = now;
        return true;
    }

    private final class Node {
        final InetSocketAddress address;
        final DatagramEndpoint endpoint;
        final DatagramSender sender;
        long wakeNanos = Long.MIN_VALUE;
        int refuseEvery;
        long offered;
        long refused;
        PollListener afterPoll;

        Node(InetSocketAddress address, DatagramEndpoint endpoint) {
            this.address = address;
            this.endpoint = endpoint;
            this.sender = this::send;
        }

        private boolean send(ByteBuffer datagram, InetSocketAddress to) {
            if (refuseEvery > 0 && ++offered % refuseEvery == 0) {
                refused++;
                return false;
            }
            Map<InetSocketAddress, SimLink> fromHere = routes.get(address);
            SimLink link = fromHere == null ? null : fromHere.get(to);
            if (link == null) {
                unroutable++;
                if (trace != null) {
                    trace.on(nowNanos, Event.UNROUTABLE, "", address, to, datagram.duplicate());
                }
                return true;
            }
            if (trace != null) {
                trace.on(nowNanos, Event.SENT, link.name(), address, to, datagram.duplicate());
            }
            if (!link.netem().offer(datagram, address, to, nowNanos) && trace != null) {
                trace.on(nowNanos, Event.DROPPED, link.name(), address, to, datagram.duplicate());
            }
            return true;
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
