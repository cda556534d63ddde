package org.messenger.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.transport.netem.NetemSpec;
import org.messenger.transport.sim.SimulatedNetwork;

class EndToEndSimTest {
    @TempDir
    Path dir;

    private static final long MINUTE = 60_000_000_000L;

    @Test
    void movesAFileOverACleanPath() throws Exception {
        try (SimTransfer t = new SimTransfer(1, dir, 3_000_000, TransferConfig.defaults(),
                NetemSpec.parse("rate=100mbit,delay=15ms,queue=100"), NetemSpec.parse("delay=15ms"))) {
            t.start(ByteRanges.whole(3_000_000));
            SimulatedNetwork.RunResult r = t.run(MINUTE);
            assertThat(r.outcome()).as("%s %s", r, t.describe()).isEqualTo(SimulatedNetwork.Outcome.CONDITION_MET);
            assertThat(t.filesEqual()).isTrue();
            System.out.println(r + " " + t.describe());
        }
    }

    @Test
    void movesAFileThroughLossAndReordering() throws Exception {
        try (SimTransfer t = new SimTransfer(2, dir, 2_000_000, TransferConfig.defaults(),
                NetemSpec.parse("rate=50mbit,delay=10ms,jitter=2ms,queue=50,loss=5%,reorder=2%,dup=1%,corrupt=0.5%"),
                NetemSpec.parse("delay=10ms,loss=5%"))) {
            t.start(ByteRanges.whole(2_000_000));
            SimulatedNetwork.RunResult r = t.run(5 * MINUTE);
            assertThat(r.outcome()).as("%s %s", r, t.describe()).isEqualTo(SimulatedNetwork.Outcome.CONDITION_MET);
            assertThat(t.filesEqual()).isTrue();
            System.out.println(r + " " + t.sendHandle.stats() + " " + t.receiverEndpoint.counters());
        }
    }

    @Test
    void survivesBurstyLossOnTheAckPath() throws Exception {
        // Found by TransferProperties: every ACK of 27 s of probes was lost, and backed-off probes
        // (up to 5 s apart) let the idle timeout fire. Probes are now at most 2 s apart.
        try (SimTransfer t = new SimTransfer(12, dir, 1_048_576,
                TransferConfig.defaults().withMaxDatagramBytes(1200).withCongestionControl("cubic"),
                NetemSpec.parse("rate=20mbit,delay=30ms,queue=30,loss=3%"),
                NetemSpec.parse("rate=30mbit,delay=20ms,queue=20,loss=5%,burst=4,corrupt=1%"))) {
            t.start(ByteRanges.whole(1_048_576));
            SimulatedNetwork.RunResult r = t.run(5 * MINUTE);
            assertThat(r.outcome()).as("%s %s", r, t.describe()).isEqualTo(SimulatedNetwork.Outcome.CONDITION_MET);
            assertThat(t.receiveHandle.completion()).isCompleted();
            assertThat(t.sendHandle.completion()).isCompleted();
            assertThat(t.filesEqual()).isTrue();
        }
    }
}
