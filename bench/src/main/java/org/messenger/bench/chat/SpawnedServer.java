package org.messenger.bench.chat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link ChatBenchServer} in a child JVM started from this process's own JDK and classpath. */
final class SpawnedServer implements ServerUnderTest {
    private static final int KEPT_OUTPUT_LINES = 20;

    private final String kind;
    private final Process process;
    private final PrintWriter commands;
    private final BlockingQueue<String> replies = new ArrayBlockingQueue<>(16);
    private final ArrayDeque<String> lastOutput = new ArrayDeque<>();
    private final List<String> jvmOptions;
    private final int ioThreads;
    private final InetSocketAddress address;
    private volatile long lastCommittedHeap = -1;
    /** The TLS engine the server picked (OPENSSL or JDK), for messenger-tls; else null. */
    private final String tlsEngine;

    private SpawnedServer(String kind, Process process, int ioThreads, List<String> jvmOptions, long startTimeoutMillis)
            throws InterruptedException {
        this.kind = kind;
        this.ioThreads = ioThreads;
        this.process = process;
        this.jvmOptions = jvmOptions;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readOutput, "bench-" + kind + "-output");
        reader.setDaemon(true);
        reader.start();
        String first = replies.poll(startTimeoutMillis, TimeUnit.MILLISECONDS);
        if (first == null || !first.startsWith("LISTENING ")) {
            process.destroyForcibly();
            throw new IllegalStateException("the " + kind + " server process did not start within " + startTimeoutMillis / 1000
                    + " s; its last output: " + String.join(" | ", lastOutput()));
        }
        String[] listening = first.substring("LISTENING ".length()).trim().split(" ", 2);
        this.address = new InetSocketAddress("127.0.0.1", Integer.parseInt(listening[0]));
        this.tlsEngine = kind.equals("messenger-tls") && listening.length > 1 ? listening[1] : null;
    }

    /**
     * Starts {@code ChatBenchServer <kind> <ioThreads>} with {@code jvmOptions} and waits until it
     * listens; {@code commandPrefix} runs it under another program (taskset, for {@link CorePinning}).
     */
    static SpawnedServer start(String kind, int ioThreads, List<String> jvmOptions, List<String> commandPrefix)
            throws IOException, InterruptedException {
        return start(kind, ioThreads, jvmOptions, commandPrefix, List.of());
    }

    /** {@link #start(String, int, List, List)} with arguments after the thread count (the data folder of messenger-history). */
    static SpawnedServer start(String kind, int ioThreads, List<String> jvmOptions, List<String> commandPrefix, List<String> extraArgs)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(commandPrefix);
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ChatBenchServer.class.getName());
        command.add(kind);
        command.add(Integer.toString(ioThreads));
        command.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // glibc keeps a malloc arena per thread that touched it and rarely gives memory back;
        // two arenas is the usual setting for JVM servers, and keeps RSS about the clients.
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        Process process = builder.start();
        return new SpawnedServer(kind, process, ioThreads, jvmOptions, 30_000);
    }

    private void readOutput() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("LISTENING ") || line.startsWith("HEAP ") || line.startsWith("JIT ")) {
                    replies.offer(line);
                } else {
                    synchronized (lastOutput) {
                        lastOutput.addLast(line);
                        if (lastOutput.size() > KEPT_OUTPUT_LINES) {
                            lastOutput.removeFirst();
                        }
                    }
                }
            }
        } catch (IOException e) {
            // The process ended; close() or the caller's checks report it.
        }
    }

    private List<String> lastOutput() {
        synchronized (lastOutput) {
            return List.copyOf(lastOutput);
        }
    }

    @Override
    public String name() {
        return kind;
    }

    @Override
    public String description() {
        String what = switch (kind) {
            case "messenger" -> "our IRC server, defaults of 'messenger server' (flood control on, unchanged) but no history on disk";
            case "messenger-history" -> "the same server keeping every message in the SQLite history of a data folder"
                    + " (fsynced batched commits, 100 per conversation), as 'messenger server' does by default";
            case "messenger-tls" -> "our IRC server over TLS only (self-signed ECDSA P-256 certificate, TLS 1.3, "
                    + tlsEngine + " engine), defaults of 'messenger server'";
            default -> "floor relay: the least a server can do to carry this load (no IRC rules, no flood control)";
        };
        return what + "; " + ioThreads + " I/O thread" + (ioThreads == 1 ? "" : "s") + "; child JVM " + process.pid() + " MALLOC_ARENA_MAX=2 " + String.join(" ", jvmOptions);
    }

    @Override
    public boolean tls() {
        return kind.equals("messenger-tls");
    }

    @Override
    public String tlsEngine() {
        return tlsEngine;
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public OptionalLong pid() {
        return OptionalLong.of(process.pid());
    }

    @Override
    public long collectGarbage() throws InterruptedException {
        String reply = ask("gc", "HEAP ", "answer a GC request");
        // The JVM hands glibc's free memory back every second (-XX:TrimNativeHeapInterval=1000):
        // wait for that before /proc is read.
        TimeUnit.MILLISECONDS.sleep(2500);
        String[] numbers = reply.trim().split(" ");
        lastCommittedHeap = Long.parseLong(numbers[1]);
        return Long.parseLong(numbers[0]);
    }

    @Override
    public long compilationMillis() throws InterruptedException {
        return Long.parseLong(ask("jit", "JIT ", "tell its compile time").trim());
    }

    /**
     * Sends {@code command} on the server's stdin and returns its reply line after {@code prefix};
     * fails, saying it could not {@code what}, when the process is gone or quiet for 60 s.
     */
    private String ask(String command, String prefix, String what) throws InterruptedException {
        if (!process.isAlive()) {
            throw new IllegalStateException("the " + kind + " server process exited (status " + process.exitValue()
                    + "); its last output: " + String.join(" | ", lastOutput()));
        }
        commands.println(command);
        String reply = replies.poll(60, TimeUnit.SECONDS);
        if (reply == null || !reply.startsWith(prefix)) {
            throw new IllegalStateException("the " + kind + " server did not " + what + " within 60 s");
        }
        return reply.substring(prefix.length());
    }

    @Override
    public long committedHeap() {
        return lastCommittedHeap;
    }

    @Override
    public void close() {
        commands.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
