package org.messenger.bench.chat;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.messenger.bench.Json;
import org.messenger.irc.server.IrcServerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench chat}: N raw IRC clients over 127.0.0.1 against our server (a child JVM), against
 * the floor relay (the baseline, also a child JVM) and, with {@code --against}, against another
 * IRC server already running; prints latency percentiles, deliveries, server CPU and resident
 * memory per client side by side with ratios, and writes JSON to {@code bench-results/}.
 */
@Command(
        name = "chat",
        mixinStandardHelpOptions = true,
        description = {
            "Load test of the chat server over real TCP on 127.0.0.1: N clients in #lobby send lobby and private messages"
                    + " at a total rate; receivers time every message end to end (HdrHistogram).",
            "Runs the same load against a floor relay (the baseline: the least a server can do) and our server, each in"
                    + " its own JVM so that their CPU and resident memory can be read, and with --against also against"
                    + " another IRC server (e.g. ngircd). Results also go to <out>/chat-<time>.json."
        })
public final class ChatBenchCommand implements Callable<Integer> {
    static final int MAX_CLIENTS = 10_000;
    /** Descriptors the bench needs beside one per client (JDK, Netty, the child processes' pipes). */
    private static final int SPARE_FILES = 200;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--clients", paramLabel = "N", description = "Clients, 2 to 10000 (default: 1000; 20 with --quick).")
    Integer clients;

    @Option(names = "--lobby-rate", paramLabel = "PER_SECOND", description = "Lobby messages per second, all clients together; each goes to every other client (default: 60; 10 with --quick).")
    Double lobbyRate;

    @Option(names = "--private-rate", paramLabel = "PER_SECOND", description = "Private messages per second, all clients together (default: 600; 20 with --quick).")
    Double privateRate;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Measured phase (default: 30; 2 with --quick).")
    Integer durationSeconds;

    @Option(names = "--warmup", paramLabel = "SECONDS", description = "Sending before the measured phase, not timed (default: 5; 1 with --quick).")
    Integer warmupSeconds;

    @Option(names = "--busy-poll", description = "The load generator's event loops poll their sockets without ever sleeping,"
            + " each keeping a CPU busy (use with --pin). On one host, a write that wakes a sleeping receiver makes the writer"
            + " pay for the wake-up (an inter-processor interrupt, a VM exit on a virtual machine): a cost of co-locating"
            + " the clients that clients on other machines do not put on a server.")
    boolean busyPoll;

    @Option(names = "--jit-warmup", paramLabel = "SECONDS", description = "After --warmup, keep sending (not timed) while the"
            + " server's or the load generator's JIT compiler is still busy, for at most this long (default: 60; 0 with --quick;"
            + " 0 turns it off). Timing a server that is still compiling charges a one-off cost to every message.")
    Integer jitWarmupSeconds;

    @Option(names = "--idle", description = "Send nothing: connect the clients, read memory, hold them for --hold seconds reading CPU.")
    boolean idle;

    @Option(names = "--hold", paramLabel = "SECONDS", description = "With --idle, how long the clients are held (default: 10; 1 with --quick).")
    Integer holdSeconds;

    @Option(names = "--against", paramLabel = "HOST:PORT", description = "Also run the same load against this IRC server (e.g. ngircd on 127.0.0.1:6667).")
    String against;

    @Option(names = "--against-pid", paramLabel = "PID", description = "Process of the --against server, for CPU and memory (default: found from the listening port).")
    Long againstPid;

    @Option(names = "--connect-rate", paramLabel = "PER_SECOND", defaultValue = "1000", description = "New connections per second at most (default: ${DEFAULT-VALUE}).")
    int connectRate;

    @Option(names = "--connect-in-flight", paramLabel = "N", defaultValue = "50", description = "Registrations under way at once at most (default: ${DEFAULT-VALUE}).")
    int connectInFlight;

    @Option(names = "--connect-limit", paramLabel = "SECONDS", description = "Give up when not all clients registered after this long (default: 60 + N/50, plus N*N/200000 for the JOIN lines every member is sent).")
    Integer connectLimitSeconds;

    @Option(names = "--client-threads", paramLabel = "N", description = "Event loop threads carrying all clients"
            + " (default: 2; with --pin, one per CPU of the load generator).")
    Integer clientThreads;

    @Option(names = "--server-threads", paramLabel = "N", description = "I/O threads of our server and of the floor relay alike"
            + " (default: that of 'messenger server', " + IrcServerConfig.DEFAULT_IO_THREADS + "; with --pin, one per CPU of the servers).")
    Integer serverThreads;

    @Option(names = "--join-lag", paramLabel = "N", defaultValue = "" + LoadClients.DEFAULT_JOIN_LAG,
            description = "While registering, start client i only once the first client has seen the JOIN of client i - N"
                    + " (servers that announce JOINs; default: ${DEFAULT-VALUE}).")
    int joinLag;

    @Option(names = "--server-jvm-options", paramLabel = "OPTIONS", description = "JVM options of the spawned servers (default: \"${DEFAULT-VALUE}\").",
            defaultValue = "-XX:+UseSerialGC -Xms16m -Xmn8m -Xmx512m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:TrimNativeHeapInterval=1000 -Xss256k -Dmessenger.log.level=WARN")
    String serverJvmOptions;

    @Option(names = "--with-persistence", description = "Also run our server with history persistence on (messenger-history: SQLite in a"
            + " data folder under --out, as 'messenger server' keeps it), after the same server with it off, and print the ratio of their p99.")
    boolean withPersistence;

    @Option(names = "--only", paramLabel = "NAME", split = ",", description = "Run only these of messenger, messenger-history,"
            + " messenger-tls, relay, against (default: all that apply).")
    List<String> only;

    @Option(names = "--pin", description = "Split the CPUs with taskset: our servers on the first half, the load generator on the rest"
            + " (on 2 cores: one each), so that they do not compete for the same core. An --against server is not moved.")
    boolean pin;

    @Option(names = "--tls", description = "Also run our server over TLS only (messenger-tls: its self-signed certificate, the engine"
            + " it picks): full TLS handshakes per second first, then the same load over TLS; its figures are shown against"
            + " the plain server's of the same run.")
    boolean tls;

    @Option(names = "--handshake-seconds", paramLabel = "SECONDS", description = "With --tls, how long full handshakes are timed"
            + " (default: 5; 1 with --quick).")
    Integer handshakeSeconds;

    @Option(names = "--quick", description = "20 clients, low rates, a few seconds: a smoke run.")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-results", description = "Where the JSON goes (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        // Read before --pin narrows this process to part of them.
        int machineCpus = Runtime.getRuntime().availableProcessors();
        Optional<Path> taskset = CorePinning.findTaskset();
        Optional<CorePinning> split = Optional.empty();
        if (pin) {
            split = Optional.of(CorePinning.plan(machineCpus, taskset)
                    .orElseThrow(() -> usage("--pin: " + CorePinning.whyNot(machineCpus, taskset))));
        }
        ChatBenchSettings settings = settings(split);
        InetSocketAddress againstAddress = against == null ? null : parseAddress(against);
        checkFileLimit(settings.clients());
        List<String> jvmOptions = jvmOptions();
        List<String> serverPrefix = List.of();
        String pinning = "none";
        if (split.isPresent()) {
            split.get().pinThisProcess(taskset.orElseThrow());
            serverPrefix = split.get().serverCommandPrefix(taskset.orElseThrow());
            pinning = split.get().describe();
        }

        if (settings.idle()) {
            console.printf(Locale.ROOT, "Chat benchmark, idle: %d clients in #lobby held %d s; %d CPUs, Java %s%n",
                    settings.clients(), settings.hold().toSeconds(), machineCpus, Runtime.version());
        } else {
            console.printf(Locale.ROOT, "Chat benchmark: %d clients in #lobby, %s lobby msg/s (%s deliveries/s) + %s private msg/s,"
                            + " %d s warm-up (then up to %d s more until the JIT compilers are quiet) + %d s measured; %d CPUs, Java %s%n",
                    settings.clients(), rate(settings.lobbyPerSecond()), rate(settings.lobbyPerSecond() * (settings.clients() - 1)),
                    rate(settings.privatePerSecond()), settings.warmup().toSeconds(), settings.jitWarmup().toSeconds(),
                    settings.duration().toSeconds(),
                    machineCpus, Runtime.version());
        }
        console.println((pin ? "CPU split: " + pinning : "CPU split: none (server and load generator share every CPU; --pin splits them)")
                + "; " + settings.clientThreads() + " client thread(s)" + (settings.busyPoll() ? " polling without sleeping" : "")
                + ", " + settings.serverThreads() + " server I/O thread(s)");
        console.flush();

        ChatRun run = new ChatRun(settings);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String kind : List.of("relay", "messenger", "messenger-history", "messenger-tls")) {
            if (!wanted(kind)) {
                continue;
            }
            Path data = kind.equals("messenger-history") ? freshDataFolder() : null;
            List<String> extra = data == null ? List.of() : List.of(data.toString());
            try (SpawnedServer server = SpawnedServer.start(kind, settings.serverThreads(), jvmOptions, serverPrefix, extra)) {
                console.printf("- %s: %s%n", kind, server.description());
                console.flush();
                rows.add(run.run(server));
            } finally {
                if (data != null) {
                    deleteTree(data);
                }
            }
        }
        if (againstAddress != null && wanted("against")) {
            OptionalLong pid = againstPid != null ? OptionalLong.of(againstPid) : ProcStats.pidListeningOn(againstAddress.getPort());
            ExternalServer server = new ExternalServer(processName(pid), againstAddress, pid);
            console.printf("- %s: %s%n", server.name(), server.description());
            console.flush();
            rows.add(run.run(server));
        }
        console.println();
        ChatReport.print(console, rows, settings.idle());

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "chat");
        report.put("startedAt", Instant.now().toString());
        report.put("quick", quick);
        report.put("idle", settings.idle());
        report.put("tls", tls);
        report.put("clients", settings.clients());
        report.put("lobbyMessagesPerSecond", settings.lobbyPerSecond());
        report.put("privateMessagesPerSecond", settings.privatePerSecond());
        report.put("warmupSeconds", settings.warmup().toSeconds());
        report.put("jitWarmupSeconds", settings.jitWarmup().toSeconds());
        report.put("durationSeconds", settings.duration().toSeconds());
        report.put("holdSeconds", settings.hold().toSeconds());
        report.put("serverJvmOptions", jvmOptions);
        report.put("cpus", machineCpus);
        report.put("pinning", pinning);
        report.put("serverThreads", settings.serverThreads());
        report.put("clientThreads", settings.clientThreads());
        report.put("busyPoll", settings.busyPoll());
        report.put("joinLag", settings.joinLag());
        report.put("java", Runtime.version().toString());
        report.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        report.put("rows", rows);
        ChatReport.persistenceP99Ratio(rows).ifPresent(ratio -> report.put("persistenceP99Ratio", ratio));
        Path written = writeJson(report);
        console.printf("Results: %s%n", written);
        console.flush();
        boolean allOk = rows.stream().allMatch(r -> "ok".equals(r.get("status")));
        return allOk ? 0 : 1;
    }

    private ChatBenchSettings settings(Optional<CorePinning> split) {
        int n = clients != null ? clients : quick ? 20 : 1000;
        if (n < 2 || n > MAX_CLIENTS) {
            throw usage("--clients must be from 2 to " + MAX_CLIENTS + ", not " + n);
        }
        double lobby = lobbyRate != null ? lobbyRate : quick ? 10 : 60;
        double privates = privateRate != null ? privateRate : quick ? 20 : 600;
        if (lobby < 0 || privates < 0 || Double.isNaN(lobby) || Double.isNaN(privates)) {
            throw usage("--lobby-rate and --private-rate must be 0 or more");
        }
        int duration = durationSeconds != null ? durationSeconds : quick ? 2 : 30;
        int warmup = warmupSeconds != null ? warmupSeconds : quick ? 1 : 5;
        int jitWarmup = jitWarmupSeconds != null ? jitWarmupSeconds : quick ? 0 : 60;
        int hold = holdSeconds != null ? holdSeconds : quick ? 1 : 10;
        int handshakes = handshakeSeconds != null ? handshakeSeconds : quick ? 1 : 5;
        if (duration < 1 || warmup < 0 || jitWarmup < 0 || hold < 0 || handshakes < 1) {
            throw usage("--duration and --handshake-seconds must be 1 or more, --warmup, --jit-warmup and --hold 0 or more");
        }
        // Pinned, one event loop per CPU: more threads on one core only add handoffs between them.
        int generatorThreads = clientThreads != null ? clientThreads : split.map(CorePinning::generatorCpuCount).orElse(2);
        if (connectRate < 1 || connectInFlight < 1 || generatorThreads < 1 || joinLag < 1) {
            throw usage("--connect-rate, --connect-in-flight, --join-lag and --client-threads must be 1 or more");
        }
        int ioThreads = serverThreads != null ? serverThreads
                : split.map(CorePinning::serverCpuCount).orElse(IrcServerConfig.DEFAULT_IO_THREADS);
        if (ioThreads < 1 || ioThreads > 64) {
            throw usage("--server-threads must be from 1 to 64, not " + ioThreads);
        }
        if (only != null) {
            for (String name : only) {
                if (!List.of("messenger", "messenger-history", "messenger-tls", "relay", "against").contains(name)) {
                    throw usage("--only: no run \"" + name + "\"; choose from messenger, messenger-history, messenger-tls (with --tls),"
                            + " relay, against");
                }
                if (name.equals("messenger-tls") && !tls) {
                    throw usage("--only messenger-tls needs --tls");
                }
            }
        }
        // Generous: registration is paced, and our server's JOIN broadcast makes it quadratic in N.
        Duration connectLimit = Duration.ofSeconds(connectLimitSeconds != null ? connectLimitSeconds : 60 + n / 50 + (long) n * n / 200_000);
        return new ChatBenchSettings(n, generatorThreads, busyPoll, ioThreads, connectRate, connectInFlight, joinLag, connectLimit, idle,
                Duration.ofSeconds(hold), lobby, privates, Duration.ofSeconds(warmup), Duration.ofSeconds(jitWarmup), Duration.ofSeconds(duration),
                Duration.ofSeconds(handshakes));
    }

    private boolean wanted(String kind) {
        if (kind.equals("messenger-tls") && !tls) {
            return false;
        }
        if (kind.equals("messenger-history")) {
            return withPersistence ? only == null || only.contains(kind) : only != null && only.contains(kind);
        }
        return only == null || only.contains(kind);
    }

    /** The history database of messenger-history, on the disk of --out (not a tmpfs: fsync must cost what it costs). */
    private Path freshDataFolder() throws IOException {
        Path data = out.toAbsolutePath().resolve("chat-history-data");
        deleteTree(data);
        Files.createDirectories(data);
        return data;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private List<String> jvmOptions() {
        List<String> options = new ArrayList<>();
        for (String option : serverJvmOptions.trim().split("\\s+")) {
            if (!option.isEmpty()) {
                options.add(option);
            }
        }
        options.add("-Djava.net.preferIPv4Stack=true");
        if (Runtime.version().feature() >= 23) {
            options.add("--sun-misc-unsafe-memory-access=allow"); // Netty still uses Unsafe; silences the warning
        }
        return options;
    }

    private InetSocketAddress parseAddress(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw usage("--against \"" + text + "\": expected HOST:PORT, e.g. 127.0.0.1:6667");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw usage("--against \"" + text + "\": the port must be a number, e.g. 127.0.0.1:6667");
        }
        if (port < 1 || port > 65535) {
            throw usage("--against \"" + text + "\": port " + port + " is out of range 1-65535");
        }
        return new InetSocketAddress(text.substring(0, colon), port);
    }

    /** Each client is one descriptor here and one in the server: say what to raise before trying. */
    private void checkFileLimit(int n) {
        long limit = FileLimit.soft();
        if (limit > 0 && limit < n + SPARE_FILES) {
            throw usage(n + " clients need about " + (n + SPARE_FILES) + " open files in this process and in the server,"
                    + " but the limit is " + limit + ": raise it first, e.g. 'ulimit -n " + (n + 1000) + "' in this shell"
                    + " (the hard limit is " + FileLimit.hard() + "; above it, raise nofile in /etc/security/limits.conf)");
        }
    }

    private static String processName(OptionalLong pid) {
        if (pid.isEmpty()) {
            return "other";
        }
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid.getAsLong()), "comm")).strip();
        } catch (IOException e) {
            return "other";
        }
    }

    private static String rate(double perSecond) {
        return perSecond == Math.rint(perSecond) ? String.format(Locale.ROOT, "%,.0f", perSecond) : String.format(Locale.ROOT, "%,.1f", perSecond);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private Path writeJson(Map<String, Object> report) throws IOException {
        Files.createDirectories(out);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path file = out.resolve("chat-" + (idle ? "idle-" : "") + stamp + ".json");
        Files.writeString(file, Json.write(report));
        Files.copy(file, out.resolve("chat-latest.json"), StandardCopyOption.REPLACE_EXISTING);
        return file;
    }
}
