package org.messenger.cli.crash;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.messenger.testkit.FreeUdpPorts;

/**
 * {@code messenger server} as a real process (this JVM's java, the test class path), for tests
 * that kill it with SIGKILL and start it again on the same data folder.
 */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    final int port;

    private ServerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static ServerProcess start(Path data, Path work, String... extra) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        int udp = FreeUdpPorts.consecutive(2);
        Path log = Files.createTempFile(work, "server", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "org.messenger.cli.Main", "server",
                "--port", Integer.toString(port),
                "--data", data.toString(),
                "--files", work.resolve("shared").toString(),
                "--udp-ports", udp + "-" + (udp + 1)));
        command.addAll(List.of(extra));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServerProcess server = new ServerProcess(process, log, port);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .alias("server start-up, log: " + log)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the server exited with " + process.exitValue() + ": " + Files.readString(log));
                    }
                    return Files.readString(log).contains("Messenger server on");
                });
        return server;
    }

    /** SIGKILL: no shutdown hook, no flush, no close. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
