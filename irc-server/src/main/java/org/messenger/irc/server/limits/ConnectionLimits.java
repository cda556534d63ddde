package org.messenger.irc.server.limits;

import java.time.Duration;
import java.util.List;

/**
 * The abuse limits of a server, after Ergo's {@code connection_limits}: how many clients in all,
 * how many at once and how often from one address, and how often a wrong password may be tried.
 *
 * @param maxClients connections the server holds at once, from everyone; one more is refused "server full"
 * @param maxPerAddress connections at once from one address (an IPv6 /64 counts as one address)
 * @param connectBurst new connections one address may open in a row
 * @param connectInterval then one more per this long
 * @param passwordFailureBurst wrong passwords (PASS) one address may send in a row
 * @param passwordFailureInterval then one more try per this long; the address's connections are
 *     refused at accept until then
 * @param limitLoopback whether clients on this machine (127.0.0.0/8, ::1) are limited too; they are
 *     exempt by default, as a bouncer or a local bench would be
 * @param exempt address blocks exempt from the per-address limits (never from {@code maxClients}
 *     or the password throttle)
 */
public record ConnectionLimits(
        int maxClients,
        int maxPerAddress,
        int connectBurst,
        Duration connectInterval,
        int passwordFailureBurst,
        Duration passwordFailureInterval,
        boolean limitLoopback,
        List<Cidr> exempt) {

    public static final int DEFAULT_MAX_CLIENTS = 10_000;
    public static final int DEFAULT_MAX_PER_ADDRESS = 16;
    /**
     * Bounds on the throttles. Their deadlines are {@code System.nanoTime()} values, compared by
     * difference as that clock's values must be; bounding the inputs keeps interval × burst (at most
     * about 2^60 ns) and every deadline well inside the 292 years such a difference can span.
     */
    public static final int MAX_BURST = 10_000;
    public static final Duration MAX_INTERVAL = Duration.ofDays(1);

    public static final ConnectionLimits DEFAULTS = new ConnectionLimits(DEFAULT_MAX_CLIENTS, DEFAULT_MAX_PER_ADDRESS,
            32, Duration.ofSeconds(2), 5, Duration.ofSeconds(10), false, List.of());

    public ConnectionLimits {
        if (maxClients < 1) {
            throw new IllegalArgumentException("max clients must be at least 1 (it is " + maxClients + ")");
        }
        if (maxPerAddress < 1) {
            throw new IllegalArgumentException("connections per address must be at least 1 (it is " + maxPerAddress + ")");
        }
        if (connectBurst < 1 || passwordFailureBurst < 1 || connectBurst > MAX_BURST || passwordFailureBurst > MAX_BURST) {
            throw new IllegalArgumentException("connection and password bursts must be from 1 to " + MAX_BURST
                    + " (they are " + connectBurst + " and " + passwordFailureBurst + ")");
        }
        if (connectInterval.isNegative() || passwordFailureInterval.isNegative()
                || connectInterval.compareTo(MAX_INTERVAL) > 0 || passwordFailureInterval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("throttle intervals must be from 0 to one day (they are "
                    + connectInterval + " and " + passwordFailureInterval + ")");
        }
        exempt = List.copyOf(exempt);
    }

    public ConnectionLimits withMaxClients(int v) {
        return new ConnectionLimits(v, maxPerAddress, connectBurst, connectInterval, passwordFailureBurst,
                passwordFailureInterval, limitLoopback, exempt);
    }

    public ConnectionLimits withMaxPerAddress(int v) {
        return new ConnectionLimits(maxClients, v, connectBurst, connectInterval, passwordFailureBurst,
                passwordFailureInterval, limitLoopback, exempt);
    }

    public ConnectionLimits withConnectThrottle(int burst, Duration interval) {
        return new ConnectionLimits(maxClients, maxPerAddress, burst, interval, passwordFailureBurst,
                passwordFailureInterval, limitLoopback, exempt);
    }

    public ConnectionLimits withPasswordThrottle(int burst, Duration interval) {
        return new ConnectionLimits(maxClients, maxPerAddress, connectBurst, connectInterval, burst, interval,
                limitLoopback, exempt);
    }

    public ConnectionLimits withLimitLoopback(boolean v) {
        return new ConnectionLimits(maxClients, maxPerAddress, connectBurst, connectInterval, passwordFailureBurst,
                passwordFailureInterval, v, exempt);
    }

    public ConnectionLimits withExempt(List<Cidr> v) {
        return new ConnectionLimits(maxClients, maxPerAddress, connectBurst, connectInterval, passwordFailureBurst,
                passwordFailureInterval, limitLoopback, v);
    }
}
