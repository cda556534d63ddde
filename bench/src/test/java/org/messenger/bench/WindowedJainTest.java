package org.messenger.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowedJainTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long TICK = 100_000_000L;

    /** A timeline sampled every 100 ms from per-flow rates (bytes per 100 ms), each flow capped at its size. */
    private static List<long[]> timeline(int ticks, long[] sizes, RatePerTick rate) {
        List<long[]> out = new ArrayList<>();
        long[] bytes = new long[sizes.length];
        for (int k = 1; k <= ticks; k++) {
            long[] sample = new long[sizes.length + 1];
            sample[0] = k * TICK;
            for (int f = 0; f < sizes.length; f++) {
                bytes[f] = Math.min(sizes[f], bytes[f] + rate.bytes(f, k));
                sample[f + 1] = bytes[f];
            }
            out.add(sample);
        }
        return out;
    }

    interface RatePerTick {
        long bytes(int flow, int tick);
    }

    @Test
    void equalSharesGiveOneInEveryWholeWindow() {
        long[] sizes = {10_000, 10_000};
        List<long[]> timeline = timeline(35, sizes, (f, k) -> 100);

        List<WindowedJain.Window> windows = WindowedJain.compute(timeline, sizes, SECOND);

        // 3.5 s of samples: three whole windows, the half one at the end is left out.
        assertThat(windows).extracting(WindowedJain.Window::startNanos).containsExactly(0L, SECOND, 2 * SECOND);
        assertThat(windows).allSatisfy(w -> {
            assertThat(w.activeFlows()).isEqualTo(2);
            assertThat(w.index()).isCloseTo(1.0, within(1e-12));
        });
    }

    @Test
    void aFlowStarvedForOneSecondShowsInThatWindowOnly() {
        // Flow 1 gets nothing during the second second (ticks 11..20), the whole run's index would hide it.
        long[] sizes = {100_000, 100_000};
        List<long[]> timeline = timeline(40, sizes, (f, k) -> f == 1 && k > 10 && k <= 20 ? 0 : 100);

        List<WindowedJain.Window> windows = WindowedJain.compute(timeline, sizes, SECOND);

        double[] index = windows.stream().mapToDouble(WindowedJain.Window::index).toArray();
        assertThat(index).containsExactly(new double[] {1.0, 0.5, 1.0, 1.0}, within(1e-12));
    }

    @Test
    void onlyFlowsRunningForTheWholeWindowCount() {
        // Three flows at 100, 100 and 300 bytes per tick; flow 2 has 2 000 bytes, so it finishes
        // inside the first second (tick 7) and must not drag that window's index down.
        long[] sizes = {10_000, 10_000, 2_000};
        List<long[]> timeline = timeline(30, sizes, (f, k) -> f == 2 ? 300 : 100);

        List<WindowedJain.Window> windows = WindowedJain.compute(timeline, sizes, SECOND);

        assertThat(windows).hasSize(3).allSatisfy(w -> {
            assertThat(w.activeFlows()).isEqualTo(2);
            assertThat(w.index()).isCloseTo(1.0, within(1e-12));
        });
    }

    @Test
    void aWindowWithOneFlowLeftHasNoIndex() {
        // Flow 0 finishes at tick 12; from the second window on only flow 1 runs.
        long[] sizes = {1_200, 100_000};
        List<long[]> timeline = timeline(40, sizes, (f, k) -> 100);

        assertThat(WindowedJain.compute(timeline, sizes, SECOND)).extracting(WindowedJain.Window::startNanos).containsExactly(0L);
    }

    @Test
    void aBlackoutWindowHasNoIndex() {
        long[] sizes = {100_000, 100_000};
        List<long[]> timeline = timeline(30, sizes, (f, k) -> k > 10 && k <= 20 ? 0 : 100);

        assertThat(WindowedJain.compute(timeline, sizes, SECOND)).extracting(WindowedJain.Window::startNanos)
                .containsExactly(0L, 2 * SECOND);
    }

    @Test
    void interpolatesBetweenSamplesThatDoNotFallOnWindowEdges() {
        // Samples at 0.6 s and 1.6 s; the edge at 1 s is 40 % of the way between them.
        List<long[]> timeline = List.of(new long[] {600_000_000L, 600, 600}, new long[] {1_600_000_000L, 1_600, 2_600},
                new long[] {2_600_000_000L, 2_000, 3_000});

        assertThat(WindowedJain.bytesAt(timeline, 0, SECOND)).isCloseTo(1_000, within(1e-9));
        assertThat(WindowedJain.bytesAt(timeline, 1, SECOND)).isCloseTo(1_400, within(1e-9));
        assertThat(WindowedJain.bytesAt(timeline, 0, 300_000_000L)).isCloseTo(300, within(1e-9));
        // First window: 1000 and 1400 bytes.
        double expected = Rows.jainIndex(new double[] {1_000, 1_400});
        assertThat(WindowedJain.compute(timeline, new long[] {10_000, 10_000}, SECOND).getFirst().index()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void summaryTakesMinAndMedianAfterTheSettleTime() {
        List<WindowedJain.Window> windows = List.of(new WindowedJain.Window(0, 2, 0.6), new WindowedJain.Window(SECOND, 2, 0.7),
                new WindowedJain.Window(3 * SECOND, 2, 0.99), new WindowedJain.Window(4 * SECOND, 2, 0.95),
                new WindowedJain.Window(5 * SECOND, 2, 0.97));

        WindowedJain.Summary summary = WindowedJain.summary(windows, 3 * SECOND);

        assertThat(summary).isEqualTo(new WindowedJain.Summary(0.95, 0.97, 3));
        assertThat(WindowedJain.summary(windows, 6 * SECOND)).isNull();
    }

    @Test
    void jsonHasOneEntryPerWindowInEachColumn() {
        List<WindowedJain.Window> windows = List.of(new WindowedJain.Window(0, 4, 0.912345), new WindowedJain.Window(SECOND, 3, 1.0));

        Map<String, Object> json = WindowedJain.toJson(windows, SECOND);

        assertThat(json).containsEntry("windowMillis", 1000L).containsEntry("startMillis", List.of(0L, 1000L))
                .containsEntry("activeFlows", List.of(4, 3)).containsEntry("index", List.of(0.9123, 1.0));
    }

    @Test
    void rejectsSamplesWithTheWrongNumberOfFlows() {
        List<long[]> timeline = List.of(new long[] {TICK, 1, 1}, new long[] {2 * TICK, 2});

        assertThatThrownBy(() -> WindowedJain.compute(timeline, new long[] {10, 10}, SECOND)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 flows");
    }
}
