package org.messenger.client.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.irc.codec.CertificateFingerprint;

/** Several clients accepting fingerprints at once (two windows, two terminals) never lose or mangle an entry. */
class KnownServersConcurrencyTest {
    private static final int WRITERS = 8;
    private static final int ROUNDS = 25;

    @TempDir
    Path temp;

    private static CertificateFingerprint fingerprint(int n) {
        byte[] digest = new byte[32];
        digest[0] = (byte) n;
        digest[31] = (byte) (n >> 8);
        StringBuilder hex = new StringBuilder();
        for (byte b : digest) {
            hex.append(String.format("%02X", b));
        }
        return CertificateFingerprint.parse(hex.toString());
    }

    @Test
    void concurrentFirstWritersAllKeepTheirEntry() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Path file = temp.resolve("round" + round).resolve("known_servers");
                CyclicBarrier start = new CyclicBarrier(WRITERS);
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    // One KnownServers per writer, as each client process has its own.
                    writers.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        new KnownServers(file).remember("host" + writer + ":6697", fingerprint(writer));
                        return null;
                    }));
                }
                for (Future<?> writer : writers) {
                    writer.get(30, TimeUnit.SECONDS);
                }
                KnownServers known = new KnownServers(file);
                for (int w = 0; w < WRITERS; w++) {
                    assertThat(known.lookup("host" + w + ":6697")).as("round %d, writer %d", round, w)
                            .get().extracting(KnownServers.Entry::fingerprint).isEqualTo(fingerprint(w));
                }
                assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(WRITERS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void leavesNoTemporaryFileBehind() throws IOException {
        Path file = temp.resolve("known_servers");
        new KnownServers(file).remember("a:6697", fingerprint(1));
        new KnownServers(file).remember("b:6697", fingerprint(2));

        try (var names = Files.list(temp)) {
            assertThat(names.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("known_servers", "known_servers.lock");
        }
        assertThat(Files.readString(file)).isEqualTo("a:6697 " + fingerprint(1) + System.lineSeparator()
                + "b:6697 " + fingerprint(2) + System.lineSeparator());
    }

    @Test
    void refusesToRememberASecondFingerprintForAServerAnotherClientJustRemembered() throws IOException {
        Path file = temp.resolve("known_servers");
        new KnownServers(file).remember("a:6697", fingerprint(1));

        assertThatThrownBy(() -> new KnownServers(file).remember("A:6697", fingerprint(2)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("line 1 of " + file)
                .hasMessageContaining("different fingerprint");
        new KnownServers(file).remember("a:6697", fingerprint(1)); // the same again: nothing to do
        assertThat(Files.readAllLines(file)).hasSize(1);
    }

    @Test
    void concurrentProcessesAllKeepTheirEntries() throws Exception {
        Path file = temp.resolve("shared").resolve("known_servers");
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> others = new ArrayList<>();
        for (String name : List.of("first", "second")) {
            others.add(new ProcessBuilder(javaCommand, "-cp", System.getProperty("java.class.path"),
                    KnownServersWriter.class.getName(), file.toString(), name, "50")
                    .redirectErrorStream(true).redirectOutput(temp.resolve(name + ".log").toFile()).start());
        }
        // Start writing once the others are: three processes then write the same file at once.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> Files.exists(file));
        KnownServersWriter.main(new String[] {file.toString(), "here", "50"});
        for (Process other : others) {
            assertThat(other.waitFor(60, TimeUnit.SECONDS)).as("writer process ended").isTrue();
            assertThat(other.exitValue()).as("exit code; log: %s", Files.readString(temp.resolve(
                    others.indexOf(other) == 0 ? "first.log" : "second.log"))).isZero();
        }

        KnownServers known = new KnownServers(file);
        for (String name : List.of("first", "second", "here")) {
            for (int n = 0; n < 50; n++) {
                assertThat(known.lookup(name + "-" + n + ":6697")).as("%s-%d", name, n).get()
                        .extracting(KnownServers.Entry::fingerprint).isEqualTo(KnownServersWriter.fingerprintFor(name.hashCode() * 1000 + n));
            }
        }
        assertThat(Files.readAllLines(file)).hasSize(150);
    }
}
