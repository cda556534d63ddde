package org.messenger.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The persistence comparison of {@code bench chat --with-persistence}: p99 with history on disk over p99 without. */
class ChatReportTest {
    private static Map<String, Object> row(String server, double p99, long lost) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("server", server);
        row.put("status", "ok");
        row.put("latencyP99Millis", p99);
        row.put("lost", lost);
        return row;
    }

    @Test
    void theRatioIsPersistenceOnOverOff() {
        assertThat(ChatReport.persistenceP99Ratio(List.of(row("messenger", 20, 0), row("messenger-history", 21, 0)))).hasValue(1.05);
    }

    @Test
    void thereIsNoRatioWithoutBothRuns() {
        assertThat(ChatReport.persistenceP99Ratio(List.of(row("messenger", 20, 0), row("relay", 10, 0)))).isEmpty();
    }

    @Test
    void theReportSaysWhetherTheTargetIsMetAndWhatWasLost() {
        StringWriter text = new StringWriter();
        ChatReport.print(new PrintWriter(text), List.of(row("messenger", 20, 0), row("messenger-history", 23, 4)), false);
        assertThat(text.toString()).contains("p99 23.0 ms vs 20.0 ms = 1.15x (target <= 1.10x: MISSED), 4 deliveries LOST with it on");
    }
}
