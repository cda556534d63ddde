package org.messenger.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.messenger.transport.netem.NetemSpec;
import org.messenger.transport.sim.SimulatedNetwork;

/**
 * Several BBR downloads from one sending endpoint share one emulated bottleneck (the bench's
 * fair2/fair4 rows: 100 Mbit/s, 30 ms RTT, 25-packet drop-tail queue) in virtual time. Each flow's
 * goodput is measured over the steady part, from 6 s to 16 s (STARTUP of the last flow is over by
 * then), and Jain's index over those rates must reach 0.95 for two flows and 0.98 for four.
 *
 * <p>Why: BBR v1 has no force that takes share from the largest flow; the additive probe pulls
 * shares together, random drops push them apart. With the probe alone the four-flow cases scored
 * 0.992 and 0.973 (four flows 0.5 s apart) and a split such as 35/19/25/19 Mbit/s could hold for
 * many seconds (0.93, see the second-by-second test); with the multiplicative cut on contention
 * (Bbr {@code cutOnContention}) 0.996 and 0.999. Two flows scored 0.997 / 0.986 before and
 * 0.999 / 0.983 after: their threshold stays 0.95. Before the additive probe and the rotating
 * send order: 0.27 for four flows started together, 0.59 for a flow joining half a second late.
 *
 * <p>The sender's timer wake-ups come up to 2 ms late, as on a busy 2-core machine; without that
 * the simulation hides the bursts that made the real fairness rows unfair.
 */
class FairnessSimTest {
    static final long MEASURE_FROM_NANOS = 6_000_000_000L;
    static final long MEASURE_UNTIL_NANOS = 16_000_000_000L;
    static final long WAKE_JITTER_NANOS = 2_000_000L;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} flows started {2} ms apart, seed {1}: Jain >= {3}")
    @CsvSource({"2, 1, 0, 0.95", "4, 1, 0, 0.98", "2, 2, 500, 0.95", "4, 3, 500, 0.98"})
    void flowsThroughOneBottleneckShareItFairly(int flows, long seed, long staggerMillis, double minJain)
            throws Exception {
        double[] rates = steadyStateRates(flows, seed, staggerMillis);
        double jain = SharedBottleneckSim.jainIndex(rates);
        System.out.printf("%d flows, seed %d, %d ms apart: Mbit/s %s, Jain %.3f%n", flows, seed, staggerMillis,
                Arrays.toString(Arrays.stream(rates).map(r -> Math.round(r / 1e5) / 10.0).toArray()), jain);
        assertThat(jain).as("Jain's index of %s", Arrays.toString(rates)).isGreaterThanOrEqualTo(minJain);
        // Fair, and the link still full: together at least 90 % of it.
        assertThat(Arrays.stream(rates).sum()).isGreaterThanOrEqualTo(0.90 * 100e6);
    }

    /**
     * Four flows started together, watched second by second from 5 s to 25 s, over several seeds.
     * The 6-16 s average above forgives a split that holds steady at 35/22/22/21 Mbit/s for many
     * seconds (whole-window Jain ~0.95): the bench's bad fair4 runs looked like that. Here both the
     * late phase (15-25 s, Jain of the 10 s means) and the worst single second must stay fair, so a
     * controller without a force that takes share away from the largest flow fails.
     */
    @ParameterizedTest(name = "4 flows, seed {0}: late Jain >= 0.98, every second >= 0.95")
    @CsvSource({"1", "2", "3", "4", "5"})
    void fourFlowsConvergeAndStayFairSecondBySecond(long seed) throws Exception {
        int flows = 4;
        long fromNanos = 5_000_000_000L, untilNanos = 25_000_000_000L, lateFromNanos = 15_000_000_000L;
        long second = 1_000_000_000L;
        try (SharedBottleneckSim sim = new SharedBottleneckSim(seed, dir, 4L << 30, TransferConfig.defaults(),
                NetemSpec.parse("rate=100mbit,delay=15ms,queue=25"), NetemSpec.parse("delay=15ms"), flows,
                WAKE_JITTER_NANOS)) {
            for (int i = 0; i < flows; i++) sim.start(i);
            assertThat(sim.advance(fromNanos).outcome()).isEqualTo(SimulatedNetwork.Outcome.TIME_LIMIT);
            long[] previous = new long[flows], lateStart = new long[flows];
            for (int i = 0; i < flows; i++) previous[i] = sim.doneBytes(i);
            double worst = 1;
            StringBuilder trace = new StringBuilder();
            boolean lateStarted = false;
            while (sim.net.nowNanos() < untilNanos) {
                if (!lateStarted && sim.net.nowNanos() >= lateFromNanos) {
                    for (int i = 0; i < flows; i++) lateStart[i] = sim.doneBytes(i);
                    lateStarted = true;
                }
                assertThat(sim.advance(second).outcome()).as(sim.describe())
                        .isEqualTo(SimulatedNetwork.Outcome.TIME_LIMIT);
                double[] window = new double[flows];
                for (int i = 0; i < flows; i++) {
                    long done = sim.doneBytes(i);
                    window[i] = (done - previous[i]) * 8e9 / second;
                    previous[i] = done;
                }
                double jain = SharedBottleneckSim.jainIndex(window);
                worst = Math.min(worst, jain);
                if (Boolean.getBoolean("fairness.trace")) System.out.println(sim.describe()); // per-flow BBR state
                trace.append(String.format("%n  %2d s: %s Jain %.3f", sim.net.nowNanos() / second,
                        Arrays.toString(Arrays.stream(window).map(r -> Math.round(r / 1e5) / 10.0).toArray()), jain));
            }
            double[] late = new double[flows];
            for (int i = 0; i < flows; i++) late[i] = (sim.doneBytes(i) - lateStart[i]) * 8e9 / (untilNanos - lateFromNanos);
            double lateJain = SharedBottleneckSim.jainIndex(late);
            System.out.printf("4 flows, seed %d: late (15-25 s) Mbit/s %s Jain %.3f, worst second %.3f%s%n", seed,
                    Arrays.toString(Arrays.stream(late).map(r -> Math.round(r / 1e5) / 10.0).toArray()), lateJain,
                    worst, trace);
            assertThat(lateJain).as("late-phase Jain").isGreaterThanOrEqualTo(0.98);
            assertThat(worst).as("worst one-second Jain").isGreaterThanOrEqualTo(0.95);
            assertThat(Arrays.stream(late).sum()).isGreaterThanOrEqualTo(0.90 * 100e6);
        }
    }

    /** Each flow's goodput in bit/s over the measured window. */
    private double[] steadyStateRates(int flows, long seed, long staggerMillis) throws Exception {
        try (SharedBottleneckSim sim = new SharedBottleneckSim(seed, dir, 4L << 30, TransferConfig.defaults(),
                NetemSpec.parse("rate=100mbit,delay=15ms,queue=25"), NetemSpec.parse("delay=15ms"), flows,
                WAKE_JITTER_NANOS)) {
            long[] atStart = new long[flows];
            long step = 100_000_000L;
            while (sim.net.nowNanos() < MEASURE_UNTIL_NANOS) {
                while (sim.started() < flows && sim.net.nowNanos() >= sim.started() * staggerMillis * 1_000_000L) {
                    sim.start(sim.started());
                }
                long before = sim.net.nowNanos();
                SimulatedNetwork.RunResult r = sim.advance(step);
                assertThat(r.outcome()).as(sim.describe()).isEqualTo(SimulatedNetwork.Outcome.TIME_LIMIT);
                if (before < MEASURE_FROM_NANOS && sim.net.nowNanos() >= MEASURE_FROM_NANOS) {
                    for (int i = 0; i < flows; i++) atStart[i] = sim.doneBytes(i);
                }
            }
            double[] rates = new double[flows];
            for (int i = 0; i < flows; i++) {
                rates[i] = (sim.doneBytes(i) - atStart[i]) * 8e9 / (MEASURE_UNTIL_NANOS - MEASURE_FROM_NANOS);
            }
            return rates;
        }
    }
}
