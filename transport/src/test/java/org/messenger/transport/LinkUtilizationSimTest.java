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
        TransferConfig config = TransferConfig.defaults().withCongestionControl(cc);
        try (SimTransfer t = new SimTransfer(9, dir, size, config,
                NetemSpec.parse("rate=100mbit,delay=15ms,queue=25,loss=" + loss),
                NetemSpec.parse("delay=15ms,loss=" + loss))) {
            t.start(ByteRanges.whole(size));
            SimulatedNetwork.RunResult r = t.run(600_000_000_000L);
            assertThat(r.outcome()).isEqualTo(SimulatedNetwork.Outcome.CONDITION_MET);
            TransferStats s = t.receiveHandle.completion().get();
            double linkBytesPerSecond = 100e6 / 8;
            double fraction = s.goodputBytesPerSecond() / linkBytesPerSecond;
            System.out.printf("%s loss %s: goodput %.1f Mbit/s = %.2f of link; %s%n", cc, loss,
                    s.goodputBytesPerSecond() * 8 / 1e6, fraction, t.sendHandle.completion().get());
            assertThat(t.filesEqual()).isTrue();
            assertThat(fraction).isGreaterThanOrEqualTo(minFraction);
        }
    }
}
