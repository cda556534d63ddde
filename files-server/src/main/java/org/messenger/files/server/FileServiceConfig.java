package org.messenger.files.server;

import java.time.Duration;
import java.util.Objects;
import org.messenger.files.ports.PortRange;

/**
 * Settings of the server's file service.
 *
 * @param ports                  the transfer ports lent to clients
 * @param maxPortWait            how long a GET may wait for a free port before it gives up (795)
 * @param finishedKept           how many ended downloads per client DOWNLOADS still shows
 * @param offerTimeout           how long an offered download waits for the client's UDP handshake
 *                               before it is withdrawn (790 "no handshake in time")
 * @param maxDownloadsPerClient  how many downloads one client may have looked up, waiting,
 *                               offered or running at once; the next GET is refused (798)
 */
public record FileServiceConfig(PortRange ports, Duration maxPortWait, int finishedKept, Duration offerTimeout,
        int maxDownloadsPerClient) {
    public static final Duration DEFAULT_MAX_PORT_WAIT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_OFFER_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_DOWNLOADS_PER_CLIENT = 4;

    public FileServiceConfig {
        Objects.requireNonNull(ports, "ports");
        if (maxPortWait.isNegative() || maxPortWait.isZero()) {
            throw new IllegalArgumentException("the wait for a transfer port must be positive, got " + maxPortWait);
        }
        if (finishedKept < 0) {
            throw new IllegalArgumentException("finishedKept cannot be negative");
        }
        if (offerTimeout.isNegative() || offerTimeout.isZero()) {
            throw new IllegalArgumentException("the time a client has to start an offered download must be positive, got " + offerTimeout);
        }
        if (maxDownloadsPerClient < 1) {
            throw new IllegalArgumentException("each client must be allowed at least one download at a time, got " + maxDownloadsPerClient);
        }
    }

    public static FileServiceConfig defaults() {
        return new FileServiceConfig(PortRange.DEFAULT, DEFAULT_MAX_PORT_WAIT, 20, DEFAULT_OFFER_TIMEOUT,
                DEFAULT_MAX_DOWNLOADS_PER_CLIENT);
    }

    public FileServiceConfig withPorts(PortRange range) {
        return new FileServiceConfig(range, maxPortWait, finishedKept, offerTimeout, maxDownloadsPerClient);
    }

    public FileServiceConfig withMaxPortWait(Duration wait) {
        return new FileServiceConfig(ports, wait, finishedKept, offerTimeout, maxDownloadsPerClient);
    }

    public FileServiceConfig withOfferTimeout(Duration timeout) {
        return new FileServiceConfig(ports, maxPortWait, finishedKept, timeout, maxDownloadsPerClient);
    }

    public FileServiceConfig withMaxDownloadsPerClient(int max) {
        return new FileServiceConfig(ports, maxPortWait, finishedKept, offerTimeout, max);
    }
}
