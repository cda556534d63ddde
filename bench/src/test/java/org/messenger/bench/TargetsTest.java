package org.messenger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetsTest {
    private static Map<String, Object> udpRow(String scenario, String metric, Object value) {
        Map<String, Object> row = new HashMap<>();
        row.put("scenario", scenario);
        row.put("path", "udp");
        row.put("status", "ok");
        if (metric != null) {
            row.put(metric, value);
        }
        return row;
    }

    @Test
    void aShareOfLinkAtOrAboveTheTargetIsMet() {
        assertThat(Targets.verdict(udpRow("wan100-loss0", "shareOfLink", 0.95))).isEqualTo("met");
        assertThat(Targets.verdict(udpRow("wan100-loss2", "shareOfLink", 0.89))).isEqualTo("missed");
        assertThat(Targets.verdict(udpRow("sat10-loss5", "shareOfLink", 0.81))).isEqualTo("met");
    }

    @Test
    void loopbackIsJudgedByItsRatiosToTlsAndTcpAndFairnessByJainsIndex() {
        Map<String, Object> loopback = udpRow("loopback", "ratioToTcp", 0.9);
        assertThat(Targets.verdict(loopback)).as("without the TLS baseline").isEqualTo("no figure");
        loopback.put("ratioToTls", 1.3);
        assertThat(Targets.verdict(loopback)).isEqualTo("met");
        loopback.put("ratioToTcp", 0.84);
        assertThat(Targets.verdict(loopback)).isEqualTo("missed");
        loopback.put("ratioToTcp", 0.9);
        loopback.put("ratioToTls", 0.99);
        assertThat(Targets.verdict(loopback)).isEqualTo("missed");
        assertThat(Targets.verdict(udpRow("fair4", "jainIndex", 0.99))).isEqualTo("met");
    }

    @Test
    void theLoopbackSummaryShowsBothRatiosAndBothTargets() {
        Map<String, Object> row = udpRow("loopback", "ratioToTcp", 0.951);
        row.put("ratioToTls", 1.559);
        row.put("medianGbps", 8.0);
        row.put("fileBytes", 256L << 20);
        StringWriter out = new StringWriter();

        Targets.printSummary(new PrintWriter(out, true), List.of(row));

        assertThat(out.toString()).contains(
                "| loopback | 256 MiB | 8.00 Gbit/s | 1.55x TLS, 0.95x TCP |  |  |  | >= 1.0x TLS, >= 0.85x TCP | met |");
    }

    @Test
    void aFailedRowHasNoFigureAndRowsWithoutATargetHaveNoVerdict() {
        assertThat(Targets.verdict(udpRow("fair2", null, null))).isEqualTo("no figure");
        assertThat(Targets.verdict(udpRow("messy100", "shareOfLink", 0.5))).isNull();
        Map<String, Object> tcp = udpRow("loopback", "medianGbps", 5.0);
        tcp.put("path", "tcp");
        assertThat(Targets.verdict(tcp)).isNull();
    }

    @Test
    void theSummaryIsAMarkdownRowPerUdpRowWithItsVerdict() {
        Map<String, Object> row = udpRow("wan100-loss0", "shareOfLink", 0.5);
        row.put("medianGbps", 0.05);
        row.put("overhead", 0.012);
        row.put("fileBytes", 64L << 20);
        StringWriter out = new StringWriter();

        Targets.printSummary(new PrintWriter(out, true), List.of(row));

        assertThat(out.toString()).contains("| wan100-loss0 | 64 MiB | 50.0 Mbit/s | 50.0% of link | 1.2% |  |  | >= 95% of link | missed |");
    }

    @Test
    void aFairnessRowShowsItsWindowedIndexRoundedDownBesideTheWholeRunOne() {
        Map<String, Object> row = udpRow("fair4", "jainIndex", 0.9995);
        row.put("medianGbps", 0.0929);
        row.put("flows", 4);
        row.put("fileBytes", 59L << 20);
        row.put("windowedJainFromSeconds", 3.0);
        row.put("windowedJainMin", 0.97549);
        row.put("windowedJainMedian", 0.9951);
        StringWriter out = new StringWriter();

        Targets.printSummary(new PrintWriter(out, true), List.of(row));

        assertThat(out.toString()).contains("| fair4 | 4 x 59 MiB | 92.9 Mbit/s |  |  | 0.999 | 0.975 / 0.995 (from 3 s) | Jain >= 0.98 | met |");
    }
}
