package org.messenger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code bench chat --quick} and checks that it runs and that its output parses; never a speed. */
@Timeout(180)
class ChatBenchSmokeTest {
    @TempDir
    Path temp;

    private final StringWriter console = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setOut(new PrintWriter(console, true));
        cli.setErr(new PrintWriter(console, true));
        return cli.execute(args);
    }

    @Test
    @SuppressWarnings("unchecked")
    void quickRunPrintsATableBesideTheBaselineAndWritesJsonThatParses() throws Exception {
        int exit = run("chat", "--quick", "--out", temp.resolve("out").toString());

        // 1 means a run lost messages or failed: the irc module's own tests judge the server, not this one.
        assertThat(exit).as(console.toString()).isIn(0, 1);
        assertThat(console.toString()).contains("latency p99 (ms)", "relay (floor)", "messenger", "ratio", "Results:");
        Map<String, Object> report = (Map<String, Object>) MiniJson.parse(Files.readString(temp.resolve("out/chat-latest.json")));
        assertThat(report).containsEntry("benchmark", "chat").containsEntry("clients", 20.0).containsEntry("quick", true)
                .containsEntry("pinning", "none").containsEntry("serverThreads", 1.0).containsEntry("clientThreads", 2.0);
        List<Map<String, Object>> rows = (List<Map<String, Object>>) report.get("rows");
        assertThat(rows).extracting(r -> r.get("server")).containsExactly("relay", "messenger");
        for (Map<String, Object> row : rows) {
            assertThat(row.get("status")).as(String.valueOf(row.get("note"))).isIn("ok", "lost", "failed");
            if (!"failed".equals(row.get("status"))) {
                double expected = (Double) row.get("deliveriesExpected");
                double received = (Double) row.get("deliveriesReceived");
                assertThat(expected).isPositive();
                assertThat(received).isBetween(0.0, expected);
                assertThat((Double) row.get("lost")).isEqualTo(expected - received);
                assertThat((Double) row.get("latencyP50Millis")).isNotNegative()
                        .isLessThanOrEqualTo((Double) row.get("latencyP99Millis"));
                assertThat((Double) row.get("latencyMaxMillis")).isGreaterThanOrEqualTo((Double) row.get("latencyP999Millis"));
                assertThat((Double) row.get("emptyResidentBytes")).isPositive();
                assertThat(row).containsKeys("serverCpuShareOfCore", "residentBytesPerClient", "liveHeapBytesPerClient",
                        "generatorCpuShareOfCore", "generatorGcMillis");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void tlsRunTimesHandshakesAndCarriesTheLoadOverTlsBesideThePlainServer() throws Exception {
        int exit = run("chat", "--quick", "--tls", "--only", "messenger,messenger-tls", "--out", temp.resolve("out").toString());

        assertThat(exit).as(console.toString()).isIn(0, 1);
        assertThat(console.toString()).contains("TLS handshakes per second", "messenger-tls", "messenger over TLS (issue 13");
        Map<String, Object> report = (Map<String, Object>) MiniJson.parse(Files.readString(temp.resolve("out/chat-latest.json")));
        assertThat(report).containsEntry("tls", true);
        List<Map<String, Object>> rows = (List<Map<String, Object>>) report.get("rows");
        assertThat(rows).extracting(r -> r.get("server")).containsExactly("messenger", "messenger-tls");
        Map<String, Object> tls = rows.get(1);
        assertThat(tls.get("status")).as(String.valueOf(tls.get("note"))).isIn("ok", "lost");
        assertThat(tls.get("tlsEngine")).isIn("OPENSSL", "JDK");
        assertThat((Double) tls.get("handshakes")).isPositive();
        assertThat((Double) tls.get("serverCpuMicrosPerHandshake")).isPositive();
        // Every delivery over TLS was timed by a client that could read it: TLS really carried the load.
        assertThat((Double) tls.get("deliveriesReceived")).isPositive();
        assertThat(rows.get(0)).doesNotContainKey("handshakes");
    }

    @Test
    void messengerTlsWithoutTlsIsAUsageError() {
        int exit = run("chat", "--quick", "--only", "messenger-tls", "--out", temp.resolve("out").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(console.toString()).contains("--only messenger-tls needs --tls");
    }

    @Test
    void tooFewClientsIsAUsageErrorThatSaysTheRange() {
        int exit = run("chat", "--clients", "1", "--out", temp.resolve("out").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(console.toString()).contains("--clients must be from 2 to 10000");
    }

    @Test
    void againstWithoutAPortIsAUsageError() {
        int exit = run("chat", "--quick", "--against", "localhost", "--out", temp.resolve("out").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(console.toString()).contains("--against \"localhost\": expected HOST:PORT");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBusyPollingGeneratorStillReceivesEveryDelivery() throws Exception {
        int exit = run("chat", "--quick", "--busy-poll", "--only", "messenger", "--out", temp.resolve("out").toString());

        assertThat(exit).as(console.toString()).isIn(0, 1);
        assertThat(console.toString()).contains("polling without sleeping");
        Map<String, Object> report = (Map<String, Object>) MiniJson.parse(Files.readString(temp.resolve("out/chat-latest.json")));
        assertThat(report).containsEntry("busyPoll", true);
        Map<String, Object> row = ((List<Map<String, Object>>) report.get("rows")).get(0);
        assertThat(row.get("status")).as(String.valueOf(row.get("note"))).isIn("ok", "lost");
        assertThat((Double) row.get("deliveriesReceived")).isPositive();
    }
}
