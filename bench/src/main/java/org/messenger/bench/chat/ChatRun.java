package org.messenger.bench.chat;

import io.netty.handler.ssl.SslContext;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.messenger.bench.JitSettling;

/**
 * The whole load against one server: connect and register every client, read the server's
 * memory before and after (after a GC when it is our JVM), then either send the message mix
 * (warm-up, measured phase, drain) or hold the clients idle, reading the server's CPU time over
 * that phase. The result is one JSON-ready map.
 */
final class ChatRun {
    /** How long receivers may still be catching up after the last send before what is missing counts as lost. */
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(30);
    private static final Duration DRAIN_STALL = Duration.ofSeconds(5);
    private static final int WARM_UP_CLIENTS = 200;
    private static final double WARM_UP_LOBBY_PER_SECOND = 20;
    private static final double WARM_UP_PRIVATE_PER_SECOND = 100;
    private static final Duration WARM_UP_SENDING = Duration.ofSeconds(2);
    /** Connections handshaking at once while handshakes are timed. */
    private static final int HANDSHAKES_IN_FLIGHT = 8;
    private static final Duration HANDSHAKE_WARM_UP = Duration.ofSeconds(1);

    private final ChatBenchSettings settings;

    ChatRun(ChatBenchSettings settings) {
        this.settings = settings;
    }

    Map<String, Object> run(ServerUnderTest server) throws InterruptedException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("server", server.name());
        row.put("description", server.description());
        row.put("address", server.address().getHostString() + ":" + server.address().getPort());
        row.put("clients", settings.clients());
        Long pid = server.pid().isPresent() ? server.pid().getAsLong() : null;
        SslContext tls = server.tls() ? TlsHandshakes.clientContext() : null;
        if (tls != null) {
            row.put("tlsEngine", server.tlsEngine());
            row.put("generatorTlsEngine", TlsHandshakes.clientEngine());
            String problem = handshakes(server, tls, pid, row);
            if (problem != null) {
                row.put("status", "failed");
                row.put("note", "TLS handshakes: " + problem);
                return row;
            }
        }
        try {
            warmUp(server, tls);
        } catch (IllegalStateException e) {
            row.put("status", "failed");
            row.put("note", "warm-up: " + e.getMessage());
            return row;
        }
        if (pid != null) {
            long heap = server.collectGarbage();
            row.put("emptyResidentBytes", ProcStats.residentBytes(pid));
            row.put("emptyLiveHeapBytes", heap < 0 ? null : heap);
            row.put("emptyCommittedHeapBytes", heap < 0 ? null : server.committedHeap());
        }
        try (LoadClients clients = new LoadClients(server.address(), settings.clients(), settings.clientThreads(), "b", tls, settings.busyPoll())) {
            Duration connect;
            try {
                connect = clients.connectAll(settings.connectPerSecond(), settings.connectInFlight(), settings.joinLag(), settings.connectLimit());
            } catch (IllegalStateException e) {
                row.put("status", "failed");
                row.put("note", e.getMessage());
                return row;
            }
            row.put("connectSeconds", connect.toNanos() / 1e9);
            row.put("settleSeconds", clients.settle(Duration.ofSeconds(1), Duration.ofMinutes(5)).toNanos() / 1e9);
            if (pid != null) {
                long heap = server.collectGarbage();
                long resident = ProcStats.residentBytes(pid);
                row.put("connectedResidentBytes", resident);
                row.put("connectedLiveHeapBytes", heap < 0 ? null : heap);
                row.put("connectedCommittedHeapBytes", heap < 0 ? null : server.committedHeap());
                row.put("residentBytesPerClient", (double) (resident - (Long) row.get("emptyResidentBytes")) / settings.clients());
                if (heap >= 0) {
                    row.put("liveHeapBytesPerClient", (double) (heap - (Long) row.get("emptyLiveHeapBytes")) / settings.clients());
                }
            }
            if (settings.idle()) {
                hold(clients, server, pid, row);
            } else {
                load(clients, server, pid, row);
            }
            if (clients.problem() != null && !row.containsKey("note")) {
                row.put("status", "failed");
                row.put("note", clients.problem());
            }
        }
        row.putIfAbsent("status", "ok");
        return row;
    }

    /**
     * A short run with a few clients that then leave, before the empty server's memory is read:
     * the JIT has compiled the hot paths, buffer pools and the young generation have been used
     * once, so that what grows afterwards is what the clients hold, not the server warming up.
     */
    private void warmUp(ServerUnderTest server, SslContext tls) throws InterruptedException {
        int n = Math.min(settings.clients(), WARM_UP_CLIENTS);
        try (LoadClients clients = new LoadClients(server.address(), n, settings.clientThreads(), "w", tls, settings.busyPoll())) {
            clients.connectAll(settings.connectPerSecond(), settings.connectInFlight(), settings.joinLag(), settings.connectLimit());
            clients.settle(Duration.ofMillis(500), Duration.ofMinutes(1));
            new LoadSchedule(WARM_UP_LOBBY_PER_SECOND, WARM_UP_PRIVATE_PER_SECOND, 7).run(clients, WARM_UP_SENDING, false);
            clients.settle(Duration.ofMillis(500), Duration.ofMinutes(1));
        }
        // Let the server see the QUITs and close the connections before its memory is read.
        TimeUnit.MILLISECONDS.sleep(500);
    }

    /**
     * Full TLS handshakes back to back (after a second's warm-up for the JIT): how many a second
     * the server completed, and its CPU time per handshake, which says how many one core of it
     * could do when the load generator did not share the machine. Returns a problem, or null.
     */
    private String handshakes(ServerUnderTest server, SslContext tls, Long pid, Map<String, Object> row) throws InterruptedException {
        TlsHandshakes.Result warm = TlsHandshakes.run(server.address(), tls, HANDSHAKES_IN_FLIGHT, HANDSHAKE_WARM_UP,
                settings.clientThreads());
        if (warm.problem() != null) {
            return warm.problem();
        }
        long cpuBefore = pid == null ? 0 : ProcStats.cpuNanos(pid);
        TlsHandshakes.Result measured = TlsHandshakes.run(server.address(), tls, HANDSHAKES_IN_FLIGHT, settings.handshakes(),
                settings.clientThreads());
        long cpu = pid == null ? 0 : ProcStats.cpuNanos(pid) - cpuBefore;
        if (measured.problem() != null) {
            return measured.problem();
        }
        row.put("handshakes", measured.handshakes());
        row.put("handshakesPerSecond", measured.perSecond());
        if (pid != null && measured.handshakes() > 0) {
            double micros = cpu / 1000.0 / measured.handshakes();
            row.put("serverCpuMicrosPerHandshake", micros);
            row.put("handshakesPerServerCoreSecond", 1e6 / micros);
        }
        return null;
    }

    private void hold(LoadClients clients, ServerUnderTest server, Long pid, Map<String, Object> row) throws InterruptedException {
        long cpuBefore = pid == null ? 0 : ProcStats.cpuNanos(pid);
        long start = System.nanoTime();
        TimeUnit.MILLISECONDS.sleep(settings.hold().toMillis());
        long elapsed = System.nanoTime() - start;
        if (pid != null) {
            row.put("serverCpuShareOfCore", (double) (ProcStats.cpuNanos(pid) - cpuBefore) / elapsed);
            row.put("heldResidentBytes", ProcStats.residentBytes(pid));
        }
        row.put("holdSeconds", elapsed / 1e9);
        row.put("disconnects", clients.disconnects());
    }

    /** Time this JVM (the load generator) spent in garbage collection so far, as its collectors count it. */
    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    private void load(LoadClients clients, ServerUnderTest server, Long pid, Map<String, Object> row) throws InterruptedException {
        int n = clients.size();
        LoadSchedule schedule = new LoadSchedule(settings.lobbyPerSecond(), settings.privatePerSecond(), 42);
        LoadSchedule.Sent warm;
        LoadSchedule.Sent measured;
        long cpuBefore;
        long cpuAfter;
        long generatorCpuBefore;
        long gcMillisBefore;
        long elapsed;
        try {
            long warmStart = System.nanoTime();
            warm = schedule.run(clients, settings.warmup(), false);
            JitSettling jit = JitSettling.within(settings.jitWarmup());
            while (jit.wantsAnotherSlice()) {
                long serverJit = server.compilationMillis();
                long generatorJit = JitSettling.compilationMillis();
                warm = warm.plus(schedule.run(clients, JitSettling.SLICE, false));
                jit.sliceDone(serverJit < 0 ? -1 : server.compilationMillis() - serverJit,
                        generatorJit < 0 ? -1 : JitSettling.compilationMillis() - generatorJit);
            }
            row.put("warmupSeconds", (System.nanoTime() - warmStart) / 1e9);
            row.put("jitQuietBeforeMeasuring", settings.jitWarmup().isZero() ? null : jit.settled());
            clients.takeLatencies(); // warm-up messages are not timed; this only resets
            // The generator's own young collections (60-160 ms on this shared 2-core machine) stop
            // every receiver and would be charged to the server: start the measured phase with an
            // empty young generation. Whatever GC still happens is reported (generatorGcMillis).
            System.gc();
            cpuBefore = pid == null ? 0 : ProcStats.cpuNanos(pid);
            generatorCpuBefore = ProcStats.cpuNanos(ProcessHandle.current().pid());
            gcMillisBefore = gcMillis();
            long serverJitBefore = server.compilationMillis();
            long generatorJitBefore = JitSettling.compilationMillis();
            long start = System.nanoTime();
            measured = schedule.run(clients, settings.duration(), true);
            elapsed = System.nanoTime() - start;
            cpuAfter = pid == null ? 0 : ProcStats.cpuNanos(pid);
            // What the compilers still did while timing: near zero when the warm-up did its job.
            long generatorJitAfter = JitSettling.compilationMillis();
            long serverJitAfter = server.compilationMillis();
            row.put("serverJitMillisMeasured", serverJitBefore < 0 ? null : serverJitAfter - serverJitBefore);
            row.put("generatorJitMillisMeasured", generatorJitBefore < 0 ? null : generatorJitAfter - generatorJitBefore);
            row.put("generatorCpuShareOfCore", (double) (ProcStats.cpuNanos(ProcessHandle.current().pid()) - generatorCpuBefore) / elapsed);
            row.put("generatorGcMillis", gcMillis() - gcMillisBefore);
        } catch (IllegalStateException e) {
            row.put("status", "failed");
            row.put("note", e.getMessage());
            return;
        }
        long lobbySent = warm.lobby() + measured.lobby();
        long privateSent = warm.privates() + measured.privates();
        long expectedLobby = lobbySent * (n - 1);
        long expected = expectedLobby + privateSent;
        long drainStart = System.nanoTime();
        long lastProgress = drainStart;
        long seen = -1;
        while (true) {
            long delivered = clients.lobbyDelivered() + clients.privateDelivered();
            long now = System.nanoTime();
            if (delivered >= expected || now - drainStart > DRAIN_LIMIT.toNanos() || now - lastProgress > DRAIN_STALL.toNanos()) {
                break;
            }
            if (delivered != seen) {
                seen = delivered;
                lastProgress = now;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        row.put("drainSeconds", (System.nanoTime() - drainStart) / 1e9);
        Histogram latency = clients.takeLatencies();
        row.put("lobbyMessagesSent", lobbySent);
        row.put("privateMessagesSent", privateSent);
        row.put("deliveriesExpected", expected);
        row.put("lobbyDelivered", clients.lobbyDelivered());
        row.put("privateDelivered", clients.privateDelivered());
        long delivered = clients.lobbyDelivered() + clients.privateDelivered();
        row.put("deliveriesReceived", delivered);
        row.put("lost", expected - delivered);
        row.put("measuredSeconds", elapsed / 1e9);
        row.put("measuredDeliveriesPerSecond", (measured.lobby() * (n - 1) + measured.privates()) / (elapsed / 1e9));
        row.put("latencySamples", latency.getTotalCount());
        row.put("latencyP50Millis", latency.getValueAtPercentile(50) / 1000.0);
        row.put("latencyP99Millis", latency.getValueAtPercentile(99) / 1000.0);
        row.put("latencyP999Millis", latency.getValueAtPercentile(99.9) / 1000.0);
        row.put("latencyMaxMillis", latency.getMaxValue() / 1000.0);
        if (pid != null) {
            double cpu = (double) (cpuAfter - cpuBefore);
            row.put("serverCpuShareOfCore", cpu / elapsed);
            long measuredDeliveries = measured.lobby() * (n - 1) + measured.privates();
            row.put("serverCpuMicrosPerDelivery", measuredDeliveries == 0 ? null : cpu / 1000 / measuredDeliveries);
        }
        row.put("disconnects", clients.disconnects());
        if (expected != delivered) {
            row.put("status", "lost");
            row.put("note", (expected - delivered) + " of " + expected + " deliveries did not arrive within "
                    + DRAIN_LIMIT.toSeconds() + " s after the last send"
                    + (clients.problem() == null ? "" : "; first problem: " + clients.problem()));
        }
    }
}
