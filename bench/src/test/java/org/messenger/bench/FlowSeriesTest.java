package org.messenger.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowSeriesTest {
    @Test
    void goodputIsTheGrowthOfAcknowledgedBytesOverEachInterval() {
        FlowSeries series = new FlowSeries(0);
        series.add(100_000_000L, 1_250_000, 64_000, 30_000_000, 0, 0);   // 1.25 MB in 100 ms: 100 Mbit/s
        series.add(200_000_000L, 1_875_000, 80_000, 31_000_000, 0, 0);   // 625 kB in 100 ms: 50 Mbit/s

        assertThat(series.goodputMbps()).containsExactly(new double[] {100, 50}, within(1e-9));
        assertThat(series.seconds()).containsExactly(0.1, 0.2);
        assertThat(series.cwndKib()).containsExactly(62.5, 78.125);
    }

    @Test
    void twoSamplesAtTheSameInstantRepeatTheRateBefore() {
        FlowSeries series = new FlowSeries(0);
        series.add(100_000_000L, 1_250_000, 0, 0, 0, 0);
        series.add(100_000_000L, 1_250_000, 0, 0, 0, 0);

        assertThat(series.goodputMbps()).containsExactly(new double[] {100, 100}, within(1e-9));
    }

    @Test
    void growsPastItsFirstCapacityAndWritesEveryColumnToJson() {
        FlowSeries series = new FlowSeries(0);
        for (int i = 1; i <= 1000; i++) {
            series.add(i * 1_000_000L, i * 1000L, 14_520, 2_000_000, 5_000_000, i);
        }

        Map<String, Object> json = series.toJson();
        assertThat(series.size()).isEqualTo(1000);
        assertThat((List<?>) json.get("elapsedMillis")).hasSize(1000).last().isEqualTo(1000L);
        assertThat((List<?>) json.get("smoothedRttMicros")).first().isEqualTo(2000L);
        assertThat((List<?>) json.get("retransmittedBytes")).last().isEqualTo(1000L);
    }
}
