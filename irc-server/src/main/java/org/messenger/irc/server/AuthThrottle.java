package org.messenger.irc.server;

import java.net.InetAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed logins per address, as a token bucket on the server's monotonic clock: {@code burst}
 * failures in a row, then one more every {@code refillNanos}. A login from an address with no
 * tokens left is refused without checking the password, so guessing costs time, not just CPU.
 *
 * <p>Small and self-contained so that it can join the per-IP limits package when that lands.
 * Called from I/O threads, hence the lock; the map is bounded (oldest address forgotten first).
 */
final class AuthThrottle {
    static final int MAX_ADDRESSES = 10_000;

    private final int burst;
    private final long refillNanos;
    private final Map<InetAddress, long[]> buckets = new LinkedHashMap<>(16, 0.75f, true);

    AuthThrottle(int burst, long refillNanos) {
        this.burst = burst;
        this.refillNanos = refillNanos;
    }

    /** 0 when {@code address} may try now, else how many nanoseconds until it may. */
    synchronized long nanosUntilAllowed(InetAddress address, long nowNanos) {
        long[] bucket = buckets.get(address);
        if (bucket == null) {
            return 0;
        }
        refill(bucket, nowNanos);
        return bucket[0] >= 1 ? 0 : Math.max(1, refillNanos - saturatingSub(nowNanos, bucket[1]));
    }

    /** Takes a token for one failed login. */
    synchronized void failed(InetAddress address, long nowNanos) {
        long[] bucket = buckets.get(address);
        if (bucket == null) {
            bucket = new long[] {burst, nowNanos};
            buckets.put(address, bucket);
            if (buckets.size() > MAX_ADDRESSES) {
                Iterator<InetAddress> oldest = buckets.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
        }
        refill(bucket, nowNanos);
        bucket[0] = Math.max(0, bucket[0] - 1);
    }

    /** bucket = {tokens, time of the last refill}. */
    private void refill(long[] bucket, long nowNanos) {
        long elapsed = saturatingSub(nowNanos, bucket[1]);
        if (elapsed < refillNanos) {
            return;
        }
        long tokens = elapsed / refillNanos;
        bucket[0] = Math.min(burst, bucket[0] + tokens);
        bucket[1] = bucket[0] == burst ? nowNanos : bucket[1] + tokens * refillNanos;
    }

    private static long saturatingSub(long a, long b) {
        long d = a - b;
        return ((a ^ b) & (a ^ d)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : Math.max(0, d);
    }
}
