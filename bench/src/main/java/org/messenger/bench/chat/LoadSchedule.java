package org.messenger.bench.chat;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * When and from whom messages are sent: lobby messages at {@code lobbyPerSecond} and private
 * messages at {@code privatePerSecond} for all clients together, each message at its own intended
 * time ({@code start + i / rate}), senders taken in turn so that every client sends at the same
 * low rate (a server's flood control sees an even load), private receivers picked at random.
 * Runs in the calling thread, waking every millisecond to send what has come due.
 */
final class LoadSchedule {
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final double lobbyPerSecond;
    private final double privatePerSecond;
    private final SplittableRandom random;

    LoadSchedule(double lobbyPerSecond, double privatePerSecond, long seed) {
        if (lobbyPerSecond < 0 || privatePerSecond < 0) {
            throw new IllegalArgumentException("message rates must not be negative");
        }
        this.lobbyPerSecond = lobbyPerSecond;
        this.privatePerSecond = privatePerSecond;
        this.random = new SplittableRandom(seed);
    }

    /** What one phase sent. */
    record Sent(long lobby, long privates) {
        Sent plus(Sent other) {
            return new Sent(lobby + other.lobby, privates + other.privates);
        }
    }

    /**
     * Sends for {@code length}; messages are marked measured (timed by receivers) when
     * {@code measured} is true.
     */
    Sent run(LoadClients clients, Duration length, boolean measured) throws InterruptedException {
        int n = clients.size();
        long start = System.nanoTime();
        long end = start + length.toNanos();
        long lobbySent = 0;
        long privateSent = 0;
        long lobbyGap = lobbyPerSecond > 0 ? (long) (1e9 / lobbyPerSecond) : Long.MAX_VALUE;
        long privateGap = privatePerSecond > 0 && n > 1 ? (long) (1e9 / privatePerSecond) : Long.MAX_VALUE;
        // Private senders start half-way round so a client's lobby and private turns do not coincide.
        int lobbyTurn = 0;
        int privateTurn = n / 2;
        while (true) {
            long now = System.nanoTime();
            boolean sent = false;
            long nextLobby = lobbyGap == Long.MAX_VALUE ? Long.MAX_VALUE : start + lobbySent * lobbyGap;
            if (nextLobby <= now && nextLobby < end) {
                clients.send(lobbyTurn, -1, nextLobby, measured);
                lobbyTurn = (lobbyTurn + 1) % n;
                lobbySent++;
                sent = true;
            }
            long nextPrivate = privateGap == Long.MAX_VALUE ? Long.MAX_VALUE : start + privateSent * privateGap;
            if (nextPrivate <= now && nextPrivate < end) {
                int to = random.nextInt(n - 1);
                if (to >= privateTurn) {
                    to++; // anyone but the sender
                }
                clients.send(privateTurn, to, nextPrivate, measured);
                privateTurn = (privateTurn + 1) % n;
                privateSent++;
                sent = true;
            }
            if (now >= end && (nextLobby >= end) && (nextPrivate >= end)) {
                return new Sent(lobbySent, privateSent);
            }
            if (clients.problem() != null) {
                throw new IllegalStateException(clients.problem());
            }
            if (!sent) {
                TimeUnit.NANOSECONDS.sleep(TICK_NANOS);
            }
        }
    }
}
