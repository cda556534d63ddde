package org.messenger.irc.server.limits;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Decides at accept whether a connection may come in, before anything is allocated for it (after
 * Ergo's {@code connection_limits/limiter.go} and {@code throttler.go}): the server's total, the
 * connections at once from one address, how fast one address opens them, and whether it has sent
 * too many wrong passwords lately.
 *
 * <p>Throttles are the generic cell rate algorithm: a "theoretical arrival time" per address that
 * each event pushes one interval ahead, refused while it runs more than a burst ahead of now.
 *
 * <p>Not thread-safe: one thread (the server's accept loop) owns it; others hand it
 * {@link #release} and {@link #passwordFailed} as tasks. Time comes from the caller.
 */
public final class ConnectionLimiter {
    private final ConnectionLimits limits;
    private final long connectIntervalNanos;
    private final long connectToleranceNanos;
    private final long passwordIntervalNanos;
    private final long passwordToleranceNanos;
    private final Map<AddressKey, Entry> entries = new HashMap<>();
    private int clients;

    /** An IPv4 address, or the /64 of an IPv6 one (one subscriber usually gets a whole /64). */
    private record AddressKey(long high, long low) {
        static AddressKey of(InetAddress address) {
            byte[] b = address.getAddress();
            if (address instanceof Inet4Address) {
                return new AddressKey(0, 1L << 32 | (b[0] & 0xffL) << 24 | (b[1] & 0xffL) << 16 | (b[2] & 0xffL) << 8 | (b[3] & 0xffL));
            }
            long high = 0;
            for (int i = 0; i < 8; i++) {
                high = high << 8 | (b[i] & 0xffL);
            }
            return new AddressKey(high, 0);
        }
    }

    private static final class Entry {
        int connections;
        long connectArrivalNanos;
        long passwordArrivalNanos;
        boolean connectStarted;
        boolean passwordStarted;
    }

    public ConnectionLimiter(ConnectionLimits limits) {
        this.limits = limits;
        this.connectIntervalNanos = limits.connectInterval().toNanos();
        // Cannot overflow: ConnectionLimits bounds both factors.
        this.connectToleranceNanos = connectIntervalNanos * (limits.connectBurst() - 1);
        this.passwordIntervalNanos = limits.passwordFailureInterval().toNanos();
        this.passwordToleranceNanos = passwordIntervalNanos * (limits.passwordFailureBurst() - 1);
    }

    public ConnectionLimits limits() {
        return limits;
    }

    /** Connections admitted and not yet released. */
    public int clients() {
        return clients;
    }

    /** Addresses tracked (for tests and the sweep). */
    public int trackedAddresses() {
        return entries.size();
    }

    /**
     * Admits a new connection from {@code address} (counting it until {@link #release}) or says
     * why not (counting nothing).
     */
    public Admission admit(InetAddress address, long nowNanos) {
        if (clients >= limits.maxClients()) {
            return new Admission(Admission.Refusal.SERVER_FULL, 0);
        }
        AddressKey key = AddressKey.of(address);
        Entry entry = entries.get(key);
        if (entry != null && entry.passwordStarted) {
            long wait = waitNanos(entry.passwordArrivalNanos, nowNanos, passwordToleranceNanos);
            if (wait > 0) {
                return new Admission(Admission.Refusal.TOO_MANY_BAD_PASSWORDS, wait);
            }
        }
        boolean limited = isLimited(address);
        if (limited && entry != null) {
            if (entry.connections >= limits.maxPerAddress()) {
                return new Admission(Admission.Refusal.TOO_MANY_CONNECTIONS, 0);
            }
            if (entry.connectStarted) {
                long wait = waitNanos(entry.connectArrivalNanos, nowNanos, connectToleranceNanos);
                if (wait > 0) {
                    return new Admission(Admission.Refusal.CONNECTING_TOO_OFTEN, wait);
                }
            }
        }
        if (entry == null) {
            entry = new Entry();
            entries.put(key, entry);
        }
        if (limited) {
            entry.connectArrivalNanos = charge(entry.connectStarted, entry.connectArrivalNanos, nowNanos, connectIntervalNanos);
            entry.connectStarted = true;
        }
        entry.connections++;
        clients++;
        return Admission.ADMITTED;
    }

    /** A connection admitted from {@code address} has closed. */
    public void release(InetAddress address, long nowNanos) {
        AddressKey key = AddressKey.of(address);
        Entry entry = entries.get(key);
        if (entry == null || entry.connections == 0) {
            throw new IllegalStateException("released a connection from " + address.getHostAddress() + " that was never admitted");
        }
        entry.connections--;
        clients--;
        forgetIfRested(key, entry, nowNanos);
    }

    /** A client from {@code address} sent a wrong password: once too many, its next connections are refused a while. */
    public void passwordFailed(InetAddress address, long nowNanos) {
        AddressKey key = AddressKey.of(address);
        Entry entry = entries.computeIfAbsent(key, k -> new Entry());
        entry.passwordArrivalNanos = charge(entry.passwordStarted, entry.passwordArrivalNanos, nowNanos, passwordIntervalNanos);
        entry.passwordStarted = true;
    }

    /** How long until {@code address} may try a password again (SASL, on a connection already admitted): 0 when now. */
    public long passwordWaitNanos(InetAddress address, long nowNanos) {
        Entry entry = entries.get(AddressKey.of(address));
        return entry == null || !entry.passwordStarted ? 0 : waitNanos(entry.passwordArrivalNanos, nowNanos, passwordToleranceNanos);
    }

    /** Forgets addresses with no connection whose throttles have rested; call it now and then. */
    public void sweep(long nowNanos) {
        Iterator<Map.Entry<AddressKey, Entry>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            if (isRested(it.next().getValue(), nowNanos)) {
                it.remove();
            }
        }
    }

    private boolean isLimited(InetAddress address) {
        if (address.isLoopbackAddress() && !limits.limitLoopback()) {
            return false;
        }
        for (Cidr block : limits.exempt()) {
            if (block.contains(address)) {
                return false;
            }
        }
        return true;
    }

    private void forgetIfRested(AddressKey key, Entry entry, long nowNanos) {
        if (isRested(entry, nowNanos)) {
            entries.remove(key);
        }
    }

    private static boolean isRested(Entry entry, long nowNanos) {
        return entry.connections == 0
                && (!entry.connectStarted || entry.connectArrivalNanos - nowNanos <= 0)
                && (!entry.passwordStarted || entry.passwordArrivalNanos - nowNanos <= 0);
    }

    /** How long until one more event fits: 0 when it does now. */
    private static long waitNanos(long arrivalNanos, long nowNanos, long toleranceNanos) {
        long ahead = arrivalNanos - nowNanos;
        return ahead > toleranceNanos ? ahead - toleranceNanos : 0;
    }

    /**
     * The arrival time after one more event. It may wrap past {@code Long.MAX_VALUE} as
     * {@code nanoTime} itself does; every comparison is by difference, so that is harmless, while
     * sticking at the end of {@code long} would make a later, wrapped "now" look far past it.
     */
    private static long charge(boolean started, long arrivalNanos, long nowNanos, long intervalNanos) {
        long start = !started || arrivalNanos - nowNanos < 0 ? nowNanos : arrivalNanos;
        return start + intervalNanos;
    }
}
