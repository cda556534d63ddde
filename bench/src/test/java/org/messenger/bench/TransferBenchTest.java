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
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.transport.netem.NetemSpec;
import picocli.CommandLine;

/** Runs parts of the benchmark and checks their output (rows, JSON, plots), never a speed. */
@Timeout(120)
class TransferBenchTest {
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
    @SuppressWarnings("unchecked")
    void fairnessRowGivesJainsIndexAndEachFlowsRateOverTime() throws Exception {
        int exit = run(new BenchCommand(), "transfer", "--scenario", "fair2", "--size", "1MiB", "--repeat", "1",
                "--out", temp.resolve("out").toString(), "--dir", temp.toString());

        assertThat(exit).as(console.toString()).isZero();
        Map<String, Object> row = rows(latestJson()).getFirst();
        assertThat(row).containsEntry("scenario", "fair2").containsEntry("status", "ok").containsEntry("flows", 2.0);
        assertThat((Double) row.get("jainIndex")).isBetween(0.5, 1.0);
        assertThat((List<?>) row.get("medianRunSeriesPerFlow")).hasSize(2);
        assertThat((Double) row.get("overhead")).isNotNegative();
        assertThat(ImageIO.read(temp.resolve("out").resolve((String) row.get("plot")).toFile())).isNotNull();
        // 2 x 1 MiB takes well under the 3 s settle time: a windowed series, but no summary of it.
        Map<String, Object> windowed = (Map<String, Object>) row.get("medianRunWindowedJain");
        assertThat(windowed).containsEntry("windowMillis", 1000.0).containsKeys("startMillis", "activeFlows", "index");
        assertThat((List<?>) windowed.get("index")).hasSameSizeAs((List<?>) windowed.get("startMillis"));
        assertThat(row).containsEntry("windowedJainWindows", 0.0).containsEntry("windowedJainMin", null);
    }

    @Test
    void fileWithoutServerIsAUsageError() {
        int exit = run(new BenchCommand(), "transfer", "--file", "x.bin", "--out", temp.resolve("out").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(console.toString()).contains("--file needs --server");
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
                .containsExactly("loopback/tcp", "loopback/tls", "loopback/udp", "custom/udp");
        assertThat((Double) rows.get(1).get("medianGbps")).as("the TLS 1.3 copy").isPositive();
        assertThat((Double) rows.get(2).get("ratioToTcp")).isPositive();
        assertThat((Double) rows.get(2).get("ratioToTls")).isPositive();
        assertThat(rows.get(3)).containsEntry("netemToReceiver", "rate=100mbit,delay=1ms,seed=1")
                .containsEntry("netemToSender", "rate=100mbit,delay=1ms,seed=2")
                .containsEntry("overhead", (double) ((1 << 20) / 100) / (1 << 20));
        assertThat((Double) rows.get(3).get("shareOfLink")).isPositive();
    }

    @Test
    void aTransferThatStallsIsAFailedRowThatStillShowsWhereItStalled() throws Exception {
        UdpTransfer stalling = new UdpTransfer() {
            @Override
            public String describe() {
                return "test double: stalls half-way";
            }

            @Override
            public String unavailableReason() {
                return null;
            }

            @Override
            public Result transfer(Path source, Path destination, long size, NetemSpec toReceiver, NetemSpec toSender, java.time.Duration limit)
                    throws IncompleteTransferException {
                FlowSeries series = new FlowSeries(0);
                series.add(100_000_000L, size / 2, 64_000, 30_000_000, 0, 0);
                series.add(200_000_000L, size / 2, 3_000, 30_000_000, 0, 0);
                throw new IncompleteTransferException("UDP transfer did not finish within 1 s", null, List.of(series),
                        Map.of("sender", "stuck"));
            }
        };

        int exit = run(new TransferCommand(cc -> stalling), "--size", "1MiB", "--repeat", "1",
                "--netem", "rate=100mbit,delay=1ms", "--out", temp.resolve("out").toString(), "--dir", temp.toString());

        assertThat(exit).isEqualTo(1);
        Map<String, Object> row = rows(latestJson()).get(3);
        assertThat(row).containsEntry("scenario", "custom").containsEntry("status", "failed")
                .containsEntry("note", "UDP transfer did not finish within 1 s")
                .containsEntry("lastRunDetails", Map.of("sender", "stuck"));
        assertThat((List<?>) row.get("failedRunSeriesPerFlow")).hasSize(1);
        assertThat(ImageIO.read(temp.resolve("out").resolve((String) row.get("plot")).toFile())).isNotNull();
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
        assertThat(Rows.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(Rows.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
        assertThat(Rows.jainIndex(new double[] {5, 5, 5, 5})).isEqualTo(1.0);
        assertThat(Rows.jainIndex(new double[] {8, 0, 0, 0})).isEqualTo(0.25);
    }
}
