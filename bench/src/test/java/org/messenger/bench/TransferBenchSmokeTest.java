package org.messenger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.transport.netem.NetemSpec;
import picocli.CommandLine;

/** Runs the benchmark in --quick mode and checks that it runs and that its output parses; never a speed. */
@Timeout(120)
class TransferBenchSmokeTest {
    @TempDir
    Path temp;

    private final StringWriter console = new StringWriter();

    private int run(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(console, true));
        cli.setErr(new PrintWriter(console, true));
        return cli.execute(args);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> latestJson() throws Exception {
        return (Map<String, Object>) MiniJson.parse(Files.readString(temp.resolve("out/transfer-latest.json")));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Map<String, Object> report) {
        return (List<Map<String, Object>>) report.get("rows");
    }

    @Test
    void quickRunPrintsATableAndWritesJsonThatParses() throws Exception {
        int exit = run(new BenchCommand(), "transfer", "--quick", "--out", temp.resolve("out").toString(), "--dir", temp.toString());

        // 1 means a transfer failed or arrived damaged: the transport's own tests judge that, not this one.
        assertThat(exit).as(console.toString()).isIn(0, 1);
        assertThat(console.toString()).contains("loopback", "tcp", "udp", "Results:");
        Map<String, Object> report = latestJson();
        assertThat(report).containsEntry("benchmark", "transfer").containsEntry("sizeBytes", (double) (4 << 20));
        Map<String, Object> tcp = rows(report).getFirst();
        assertThat(tcp).containsEntry("scenario", "loopback").containsEntry("path", "tcp").containsEntry("status", "ok");
        assertThat((List<?>) tcp.get("runsGbps")).hasSize(2);
        assertThat((Double) tcp.get("medianGbps")).isPositive();
        assertThat(rows(report)).extracting(r -> r.get("scenario") + "/" + r.get("path"))
                .containsExactly("loopback/tcp", "loopback/udp", "wan100-loss0/udp");
        for (Map<String, Object> row : rows(report)) {
            assertThat(row.get("status")).isIn("ok", "failed", "unavailable");
            if ("ok".equals(row.get("status"))) {
                assertThat((Double) row.get("medianGbps")).isPositive();
            } else {
                assertThat((String) row.get("note")).isNotBlank();
            }
        }
        try (var left = Files.list(temp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("out");
        }
    }

    @Test
    void udpRowsCarryRatioShareOfLinkAndOverhead() throws Exception {
        UdpTransfer copyingFake = new UdpTransfer() {
            @Override
            public String describe() {
                return "test double: a local file copy";
            }

            @Override
            public String unavailableReason() {
                return null;
            }

            @Override
            public Result transfer(Path source, Path destination, long size, NetemSpec toReceiver, NetemSpec toSender, java.time.Duration limit)
                    throws Exception {
                long start = System.nanoTime();
                try (FileChannel in = FileChannel.open(source); FileChannel out = FileChannel.open(destination, StandardOpenOption.WRITE)) {
                    for (long pos = 0; pos < size; ) {
                        pos += in.transferTo(pos, size - pos, out.position(pos));
                    }
                }
                return new Result(size, System.nanoTime() - start, size / 100, 0);
            }
        };

        int exit = run(new TransferCommand(cc -> copyingFake), "--size", "1MiB", "--repeat", "1",
                "--netem", "rate=100mbit,delay=1ms", "--out", temp.resolve("out").toString(), "--dir", temp.toString());

        assertThat(exit).as(console.toString()).isZero();
        List<Map<String, Object>> rows = rows(latestJson());
        assertThat(rows).extracting(r -> r.get("scenario") + "/" + r.get("path"))
                .containsExactly("loopback/tcp", "loopback/udp", "custom/udp");
        assertThat((Double) rows.get(1).get("ratioToTcp")).isPositive();
        assertThat(rows.get(2)).containsEntry("netemToReceiver", "rate=100mbit,delay=1ms,seed=1")
                .containsEntry("netemToSender", "rate=100mbit,delay=1ms,seed=2")
                .containsEntry("overhead", (double) ((1 << 20) / 100) / (1 << 20));
        assertThat((Double) rows.get(2).get("shareOfLink")).isPositive();
    }

    @Test
    void badNetemSpecIsAUsageErrorThatSaysWhatIsWrong() {
        int exit = run(new BenchCommand(), "transfer", "--netem", "loss=2", "--out", temp.resolve("out").toString(), "--dir", temp.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(console.toString()).contains("--netem: loss: expected a percentage");
    }

    @Test
    void parsesSizesAndTakesTheMedian() {
        assertThat(Sizes.parse("256MiB")).isEqualTo(256L << 20);
        assertThat(Sizes.parse("4m")).isEqualTo(4L << 20);
        assertThat(Sizes.parse("1000")).isEqualTo(1000);
        assertThat(TransferCommand.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(TransferCommand.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
        assertThat(TransferCommand.jainIndex(new double[] {5, 5, 5, 5})).isEqualTo(1.0);
        assertThat(TransferCommand.jainIndex(new double[] {8, 0, 0, 0})).isEqualTo(0.25);
    }
}
