package org.messenger.files.ports;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.Set;
import java.util.function.IntConsumer;
import org.messenger.transport.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP ports of {@code --udp-ports}, lent to clients for their downloads.
 *
 * <p>A client holds at most one port; all its transfers share it (the transport tells them apart
 * by transfer id). The port goes back to the pool when the client's last transfer ends, and at
 * once when the client disconnects. When no port is free a request waits in a first-come,
 * first-served queue; it is told how many clients are ahead of it whenever that changes, and gives
 * up after the pool's maximum wait ({@link #expire} is the sweep that enforces it, driven by the
 * server's timer at the instants it returns).
 *
 * <p>Released ports go to the back of the free list, so a port is reused as late as possible and
 * stray datagrams of an old transfer are unlikely to meet a new one.
 *
 * <p>Not thread-safe: one thread owns it (the file service's control loop). Listener calls are
 * made one at a time, in the order the pool decided them, after the pool's state is consistent, so
 * a listener may call back into the pool. The release hook runs in the same order, so a port's old
 * socket is closed before the next client is told it may use that port.
 */
public final class PortPool {
    private static final Logger log = LoggerFactory.getLogger(PortPool.class);

    private static final class Lease {
        final int port;
        final Set<Long> transfers = new LinkedHashSet<>();

        Lease(int port) {
            this.port = port;
        }
    }

    private static final class Waiter {
        final long sinceNanos;
        final long deadlineNanos;
        final Map<Long, PortWaitListener> transfers = new LinkedHashMap<>();
        int lastToldAhead = -1;

        Waiter(long sinceNanos, long deadlineNanos) {
            this.sinceNanos = sinceNanos;
            this.deadlineNanos = deadlineNanos;
        }
    }

    private final PortRange range;
    private final long maxWaitNanos;
    private final TimeSource time;
    private final IntConsumer releaseHook;

    private final ArrayDeque<Integer> free = new ArrayDeque<>();
    private final Map<String, Lease> leases = new HashMap<>();
    private final LinkedHashMap<String, Waiter> waiting = new LinkedHashMap<>();

    private final Queue<Runnable> outbox = new ArrayDeque<>();
    /** True while listener calls are being made; a call that comes back into the pool only queues more. */
    private boolean delivering;

    /**
     * @param maxWaitNanos how long a request may wait for a free port before it gives up
     * @param releaseHook  told each port that goes back to the pool (the server closes the port's
     *                     socket there); must not call back into the pool
     */
    public PortPool(PortRange range, long maxWaitNanos, TimeSource time, IntConsumer releaseHook) {
        if (maxWaitNanos <= 0) {
            throw new IllegalArgumentException("the wait for a transfer port must be positive, got " + maxWaitNanos + " ns");
        }
        this.range = range;
        this.maxWaitNanos = maxWaitNanos;
        this.time = time;
        this.releaseHook = releaseHook;
        for (int port = range.first(); port <= range.last(); port++) {
            free.add(port);
        }
    }

    public PortPool(PortRange range, long maxWaitNanos, TimeSource time) {
        this(range, maxWaitNanos, time, port -> { });
    }

    public PortRange range() {
        return range;
    }

    /**
     * Asks a port for one transfer of {@code client}. The listener hears {@code leased} at once when
     * the client already holds a port or one is free, else {@code queued} now and {@code leased} or
     * {@code timedOut} later.
     *
     * @throws IllegalArgumentException when this client already has a transfer with this id
     */
    public void request(String client, long transferId, PortWaitListener listener) {
        Lease lease = leases.get(client);
        Waiter waiter = waiting.get(client);
        if ((lease != null && lease.transfers.contains(transferId))
                || (waiter != null && waiter.transfers.containsKey(transferId))) {
            throw new IllegalArgumentException("client " + client + " already has transfer " + transferId);
        }
        if (lease != null) {
            lease.transfers.add(transferId);
            int port = lease.port;
            outbox.add(() -> listener.leased(port));
        } else if (waiter != null) {
            waiter.transfers.put(transferId, listener);
            int ahead = positionOf(client);
            outbox.add(() -> listener.queued(ahead));
        } else if (!free.isEmpty()) {
            Lease granted = new Lease(free.poll());
            granted.transfers.add(transferId);
            leases.put(client, granted);
            outbox.add(() -> listener.leased(granted.port));
        } else {
            long now = time.nanoTime();
            Waiter queued = new Waiter(now, now + maxWaitNanos);
            queued.transfers.put(transferId, listener);
            queued.lastToldAhead = waiting.size();
            waiting.put(client, queued);
            int ahead = queued.lastToldAhead;
            outbox.add(() -> listener.queued(ahead));
        }
        deliver();
    }

    /**
     * One transfer of {@code client} is over (complete, cancelled, failed) or was withdrawn while it
     * waited. When it was the client's last, its port goes back to the pool. Returns false when the
     * pool knew no such transfer (already ended: calling twice is harmless).
     */
    public boolean transferEnded(String client, long transferId) {
        boolean known;
        Lease lease = leases.get(client);
        Waiter waiter = waiting.get(client);
        if (lease != null && lease.transfers.remove(transferId)) {
            known = true;
            if (lease.transfers.isEmpty()) {
                leases.remove(client);
                release(lease.port);
            }
        } else if (waiter != null && waiter.transfers.remove(transferId) != null) {
            known = true;
            if (waiter.transfers.isEmpty()) {
                waiting.remove(client);
                tellPositions();
            }
        } else {
            known = false;
        }
        deliver();
        return known;
    }

    /**
     * The client disconnected or its connection dropped: its port goes back at once and its waiting
     * requests are dropped without notice (there is nobody left to tell).
     */
    public void clientGone(String client) {
        boolean wasWaiting = waiting.remove(client) != null;
        Lease lease = leases.remove(client);
        if (lease != null) {
            release(lease.port);
        } else if (wasWaiting) {
            tellPositions();
        }
        deliver();
    }

    /**
     * Gives up the requests that waited longer than the maximum. Returns the instant of the next
     * deadline (same scale as the time source), or {@link Long#MAX_VALUE} when nobody waits.
     */
    public long expire() {
        long next = Long.MAX_VALUE;
        long now = time.nanoTime();
        boolean removed = false;
        for (Iterator<Waiter> it = waiting.values().iterator(); it.hasNext(); ) {
            Waiter waiter = it.next();
            if (waiter.deadlineNanos - now <= 0) {
                it.remove();
                removed = true;
                long waited = now - waiter.sinceNanos;
                for (PortWaitListener listener : waiter.transfers.values()) {
                    outbox.add(() -> listener.timedOut(waited));
                }
            } else if (waiter.deadlineNanos < next) {
                next = waiter.deadlineNanos;
            }
        }
        if (removed) {
            tellPositions();
        }
        deliver();
        return next;
    }

    /** The port {@code client} holds, if any. */
    public OptionalInt portOf(String client) {
        Lease lease = leases.get(client);
        return lease == null ? OptionalInt.empty() : OptionalInt.of(lease.port);
    }

    public PortPoolSnapshot snapshot() {
        Map<String, Integer> leased = new HashMap<>();
        leases.forEach((client, lease) -> leased.put(client, lease.port));
        return new PortPoolSnapshot(new ArrayList<>(free), leased, new ArrayList<>(waiting.keySet()));
    }

    private void release(int port) {
        outbox.add(() -> releaseHook.accept(port));
        Iterator<Map.Entry<String, Waiter>> first = waiting.entrySet().iterator();
        if (first.hasNext()) {
            // The first in line takes the port directly, so no newcomer can overtake the queue.
            Map.Entry<String, Waiter> next = first.next();
            first.remove();
            Lease lease = new Lease(port);
            lease.transfers.addAll(next.getValue().transfers.keySet());
            leases.put(next.getKey(), lease);
            for (PortWaitListener listener : next.getValue().transfers.values()) {
                outbox.add(() -> listener.leased(port));
            }
            tellPositions();
        } else {
            free.add(port);
        }
    }

    private void tellPositions() {
        int ahead = 0;
        for (Waiter waiter : waiting.values()) {
            if (waiter.lastToldAhead != ahead) {
                waiter.lastToldAhead = ahead;
                int position = ahead;
                List<PortWaitListener> listeners = List.copyOf(waiter.transfers.values());
                for (PortWaitListener listener : listeners) {
                    outbox.add(() -> listener.queued(position));
                }
            }
            ahead++;
        }
    }

    private int positionOf(String client) {
        int ahead = 0;
        for (String waitingClient : waiting.keySet()) {
            if (waitingClient.equals(client)) {
                return ahead;
            }
            ahead++;
        }
        throw new IllegalStateException(client + " is not waiting");
    }

    /**
     * Runs queued listener calls in the order the pool decided them. A listener that calls back
     * into the pool (a lease whose socket cannot be opened ends its transfer at once) only queues
     * more calls; the outer delivery makes them, after the ones already queued.
     */
    private void deliver() {
        if (delivering) {
            return;
        }
        delivering = true;
        try {
            for (Runnable call; (call = outbox.poll()) != null; ) {
                try {
                    call.run();
                } catch (RuntimeException e) {
                    // One broken listener must not keep the others from hearing about their ports.
                    log.error("A transfer-port listener failed; the pool carries on", e);
                }
            }
        } finally {
            delivering = false;
        }
    }
}
