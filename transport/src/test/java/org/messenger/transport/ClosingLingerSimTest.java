package org.messenger.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.transport.netem.NetemSpec;
import org.messenger.transport.sim.SimulatedNetwork;

/** How long a receiver that has the whole file stays to tell the sender so. */
class ClosingLingerSimTest {
    @TempDir
    Path dir;

    /**
     * Found by {@link TransferProperties} (seed 5845 of a search over the heaviest impairments):
     * the receiver got every byte and closed, but its ACKs and CLOSE fell into a loss burst; the
     * sender probed, and the receiver, gone after 10 s, never answered the probes that came
     * through later, so the sender failed at its idle timeout a transfer that had succeeded.
     * The receiver now stays the sender's idle timeout, as long as the sender goes on probing.
     * Here everything from the receiver is lost from 50 ms to 15 s: the receiver is done within
     * a few seconds (probes carry the rest of the file), and the first probe after the outage
     * must be answered.
     */
    @Test
    void aSenderWhoseFinalAcksWereLostStillHearsThatTheFileArrived() throws Exception {
        long size = 20_000;
        try (SimTransfer t = new SimTransfer(7, dir, size, TransferConfig.defaults(), NetemSpec.parse("delay=20ms"),
                NetemSpec.parse("delay=20ms,blackhole=15s@50ms"))) {
            t.start(ByteRanges.whole(size));
            t.net.runUntil(() -> t.receiveHandle.completion().isDone(), 15_000_000_000L, 1_000_000);
            assertThat(t.receiveHandle.completion()).as("done inside the outage: %s", t.describe()).isCompleted();
            SimulatedNetwork.RunResult r = t.run(60_000_000_000L);
            assertThat(r.outcome()).as(t.describe()).isEqualTo(SimulatedNetwork.Outcome.CONDITION_MET);
            assertThat(t.sendHandle.completion()).as(t.describe()).isCompleted();
            assertThat(t.filesEqual()).isTrue();
            // One capped probe period (1 s here) after the outage, plus a round trip.
            assertThat(r.nowNanos()).as(t.describe()).isLessThan(17_000_000_000L);
        }
    }
}
