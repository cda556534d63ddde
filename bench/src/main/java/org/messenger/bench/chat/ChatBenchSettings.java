package org.messenger.bench.chat;

import java.time.Duration;

/**
 * One {@code bench chat} configuration, the same for every server of the run.
 *
 * @param clients connections, each a registered user in #lobby
 * @param clientThreads Netty event loop threads carrying all clients
 * @param busyPoll the load generator's event loops poll instead of sleeping ({@code --busy-poll})
 * @param serverThreads I/O threads of our server and of the floor relay
 * @param connectPerSecond new connections per second at most while connecting
 * @param connectInFlight registrations not yet finished at most
 * @param joinLag registrations allowed ahead of the JOINs the first client has seen
 * @param connectLimit give up when not all clients registered after this long
 * @param idle hold the clients without sending instead of sending the message mix
 * @param hold how long idle clients are held (CPU is read over it)
 * @param lobbyPerSecond lobby messages per second, all clients together
 * @param privatePerSecond private messages per second, all clients together
 * @param warmup sending before the measured phase (delivered and counted, not timed)
 * @param jitWarmup how much longer the warm-up may go on while a JIT compiler is still busy ({@link JitSettling})
 * @param duration the measured phase
 * @param handshakes how long full TLS handshakes are timed against a TLS server, before its load
 */
record ChatBenchSettings(
        int clients,
        int clientThreads,
        boolean busyPoll,
        int serverThreads,
        int connectPerSecond,
        int connectInFlight,
        int joinLag,
        Duration connectLimit,
        boolean idle,
        Duration hold,
        double lobbyPerSecond,
        double privatePerSecond,
        Duration warmup,
        Duration jitWarmup,
        Duration duration,
        Duration handshakes) {}
