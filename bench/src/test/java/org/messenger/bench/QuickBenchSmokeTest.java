package org.messenger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The suite's one run of {@code bench transfer --quick} (a few seconds): it must run and its
 * output must parse. Never a speed: a missed target is fine, a missing figure is not.
 */
@Timeout(120)
class QuickBenchSmokeTest {
    @TempDir
    static Path temp;

    static int exit;
    static String console;
    static Map<String, Object> report;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void runQuickBench() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        exit = cli.execute("transfer", "--quick", "--out", temp.resolve("out").toString(), "--dir", temp.toString());
        console = out.toString();
        report = (Map<String, Object>) MiniJson.parse(Files.readString(temp.resolve("out/transfer-latest.json")));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows() {
        return (List<Map<String, Object>>) report.get("rows");
    }

    @Test
    void printsATableAndWritesJsonThatParses() throws Exception {
        // 1 means a transfer failed or arrived damaged: the transport's own tests judge that, not this one.
        assertThat(exit).as(console).isIn(0, 1);
        assertThat(console).contains("loopback", "tcp", "udp", "Results:");
        assertThat(report).containsEntry("benchmark", "transfer").containsEntry("sizeBytes", (double) (4 << 20));
        Map<String, Object> tcp = rows().getFirst();
        assertThat(tcp).containsEntry("scenario", "loopback").containsEntry("path", "tcp").containsEntry("status", "ok");
        assertThat((List<?>) tcp.get("runsGbps")).hasSize(2);
        assertThat((Double) tcp.get("medianGbps")).isPositive();
        assertThat(rows()).extracting(r -> r.get("scenario") + "/" + r.get("path"))
                .containsExactly("loopback/tcp", "loopback/tls", "loopback/udp", "wan100-loss0/udp");
        for (Map<String, Object> row : rows()) {
            assertThat(row.get("status")).isIn("ok", "failed", "unavailable");
            if ("ok".equals(row.get("status"))) {
                assertThat((Double) row.get("medianGbps")).isPositive();
            } else {
                assertThat((String) row.get("note")).isNotBlank();
            }
        }
    }

    @Test
    void leavesNothingButItsResults() throws Exception {
        try (var left = Files.list(temp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("out");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachUdpRowHasItsRateAndWindowOverTimeAndAPlot() throws Exception {
        for (Map<String, Object> row : rows()) {
            if (!"udp".equals(row.get("path")) || !"ok".equals(row.get("status"))) {
                continue;
            }
            Map<String, List<Object>> series = (Map<String, List<Object>>) row.get("medianRunSeries");
            int samples = series.get("elapsedMillis").size();
            assertThat(samples).as("samples of %s", row.get("scenario")).isPositive();
            assertThat(series.get("goodputMbps")).hasSize(samples);
            assertThat(series.get("cwndBytes")).hasSize(samples);
            assertThat(series.get("ackedBytes").getLast()).isEqualTo((double) (4 << 20));
            BufferedImage plot = ImageIO.read(temp.resolve("out").resolve((String) row.get("plot")).toFile());
            assertThat(plot.getWidth()).isPositive();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void summarisesTheIssuesTargets() {
        assertThat(console).contains("| scenario | file | goodput |", "| loopback | 4 MiB |", ">= 95% of link");
        List<Map<String, Object>> targets = (List<Map<String, Object>>) report.get("targets");
        assertThat(targets).extracting(t -> t.get("scenario") + "/" + t.get("metric"))
                .containsExactly("loopback/ratioToTls", "loopback/ratioToTcp", "wan100-loss0/shareOfLink");
        assertThat(targets).extracting(t -> t.get("verdict")).allMatch(v -> List.of("met", "missed", "no figure").contains(v));
    }
}
