package org.messenger.files.server;

import java.time.Duration;
import java.util.Objects;
import org.messenger.files.ports.PortRange;

/**
 * Settings of the server's file service.
 *
 * @param ports            {@code --udp-ports}: the transfer ports lent to clients
 * @param maxPortWait      how long a GET may wait for a free port before it gives up (795)
 * @param finishedKept     how many ended downloads per client DOWNLOADS still shows
 */
public record FileServiceConfig(PortRange ports, Duration maxPortWait, int finishedKept) {
    public FileServiceConfig {
        Objects.requireNonNull(ports, "ports");
        if (maxPortWait.isNegative() || maxPortWait.isZero()) {
            throw new IllegalArgumentException("the wait for a transfer port must be positive, got " + maxPortWait);
        }
        if (finishedKept < 0) {
            throw new IllegalArgumentException("finishedKept cannot be negative");
        }
    }

    public static FileServiceConfig defaults() {
        return new FileServiceConfig(PortRange.DEFAULT, Duration.ofSeconds(60), 20);
    }

    public FileServiceConfig withPorts(PortRange range) {
        return new FileServiceConfig(range, maxPortWait, finishedKept);
    }

    public FileServiceConfig withMaxPortWait(Duration wait) {
        return new FileServiceConfig(ports, wait, finishedKept);
    }
}
