package org.messenger.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.transport.netem.NetemSpec;
import org.messenger.transport.sim.SimulatedNetwork;

/**
 * Goodput against the link rate on the reference path, in simulated time (no wall clock):
 * 100 Mbit/s, 15 ms each way, a 25-packet drop-tail queue.
 */
class LinkUtilizationSimTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} at {1} loss: at least {2} of the link rate")
    @CsvSource({"bbr, 0%, 0.85", "bbr, 2%, 0.80", "bbr, 5%, 0.70", "cubic, 0%, 0.60"})
    void usesTheLink(String cc, String loss, double minFraction) throws Exception {
        long size = Long.getLong("utilization.sizeMiB", 24) << 20; // 24 MiB: the ramp-up still counts
        double fraction = goodputShare(9, cc, size, "rate=100mbit,delay=15ms,queue=25,loss=" + loss,
                "delay=15ms,loss=" + loss, 100e6);
        assertThat(fraction).isGreaterThanOrEqualTo(minFraction);
    }

    /**
     * The bench's satellite-like row (sat10-loss5): 10 Mbit/s, 1 s RTT, a 100-packet queue and 5 %
     * random loss in both directions (ACKs too). Two figures: once STARTUP is over (from 15 s to
     * 40 s) the link must carry at least 90 % of its rate in new data (it carries 92 %: the loss
     * happens before the bottleneck, so pacing at the delivered rate leaves it idle 5 % of the time
     * outside the probes); over the whole 48 MiB, handshake, a slow start at one round trip per
     * second and the tail's retransmission rounds included, at least 78 % (76 % before the changes
     * of docs/transport.md §8 "Satellite-like link").
     */
    @ParameterizedTest(name = "satellite link, seed {0}")
    @CsvSource({"3", "11"})
    void keepsASatelliteLinkBusyDespiteRandomLoss(long seed) throws Exception {
        String spec = "rate=10mbit,delay=500ms,queue=100,loss=5%";
        long size = Long.getLong("utilization.satelliteMiB", 48) << 20;
        TransferConfig config = TransferConfig.defaults();
        try (SimTransfer t = new SimTransfer(seed, dir, size, config, NetemSpec.parse(spec), NetemSpec.parse(spec))) {
            t.start(ByteRanges.whole(size));
            SenderTransfer sender = (SenderTransfer) t.sendHandle;
            t.net.runUntil(t::bothDone, 15_000_000_000L, 10_000_000);
            long ackedAt15 = sender.snapshot(t.net.nowNanos()).doneBytes();
            t.net.runUntil(t::bothDone, 25_000_000_000L, 10_000_000);
            double steady = (sender.snapshot(t.net.nowNanos()).doneBytes() - ackedAt15) * 8 / 25.0 / 10e6;
            SimulatedNetwork.RunResult r = t.run(600_000_000_000L);
            assertThat(r.outcome()).isEqualTo(SimulatedNetwork.Outcome.CONDITION_MET);
            TransferStats s = t.receiveHandle.completion().get();
            double whole = s.goodputBytesPerSecond() * 8 / 10e6;
            System.out.printf("satellite, seed %d, %d MiB: steady %.3f, whole transfer %.3f of link; %s%n", seed,
                    size >> 20, steady, whole, t.sendHandle.completion().get());
            assertThat(t.filesEqual()).isTrue();
            assertThat(steady).isGreaterThanOrEqualTo(0.90);
            // The whole-transfer share moves by about 1 % with the loss realization (one packet more or less
            // shifts every later loss decision): 0.779-0.791 for seeds 3 and 11 across the issue 14 changes
            // (skipped packet numbers, split HELLO_REPLY), with the steady state unchanged at 0.92.
            assertThat(whole).isGreaterThanOrEqualTo(0.775);
        }
    }

    private double goodputShare(long seed, String cc, long size, String forward, String back, double linkBitsPerSecond)
            throws Exception {
        TransferConfig config = TransferConfig.defaults().withCongestionControl(cc);
        try (SimTransfer t = new SimTransfer(seed, dir, size, config, NetemSpec.parse(forward), NetemSpec.parse(back))) {
            t.start(ByteRanges.whole(size));
            SimulatedNetwork.RunResult r = t.run(600_000_000_000L);
            assertThat(r.outcome()).isEqualTo(SimulatedNetwork.Outcome.CONDITION_MET);
            TransferStats s = t.receiveHandle.completion().get();
            double fraction = s.goodputBytesPerSecond() * 8 / linkBitsPerSecond;
            System.out.printf("%s over %s: goodput %.2f Mbit/s = %.3f of link; %s%n", cc, forward,
                    s.goodputBytesPerSecond() * 8 / 1e6, fraction, t.sendHandle.completion().get());
            assertThat(t.filesEqual()).isTrue();
            return fraction;
        }
    }
}
