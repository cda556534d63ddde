package org.messenger.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.transport.netem.NetemSpec;
import org.messenger.transport.sim.SimulatedNetwork;

/** The sender before address validation, when the anti-amplification budget is spent. */
class AmplificationLimitSimTest {
    @TempDir
    Path dir;

    /**
     * Found by the fairness simulation: a HELLO_REPLY dropped at a full bottleneck left the sender
     * with its 3× budget spent and an expired PTO it could not act on, so it asked to run again at
     * once, forever (a busy loop on a real socket). RFC 9002 §6.2.2.1: no PTO while blocked.
     */
    @Test
    void sleepsInsteadOfSpinningWhileTheBudgetIsSpent() throws Exception {
        long size = 1 << 20;
        // Everything towards the receiver is lost, so the budget the HELLO gave is all the sender gets.
        try (SimTransfer t = new SimTransfer(5, dir, size, TransferConfig.defaults(), NetemSpec.parse("loss=100%"),
                NetemSpec.parse("delay=15ms"))) {
            t.start(ByteRanges.whole(size));
            SimulatedNetwork.RunResult r = t.net.runUntil(() -> false, 5_000_000_000L, 100_000);
            assertThat(r.outcome()).as(t.describe()).isEqualTo(SimulatedNetwork.Outcome.TIME_LIMIT);
            SenderTransfer sender = (SenderTransfer) t.sendHandle;
            // HELLOs at 0, 1 and 3 s (backoff): three 1200-byte datagrams, so at most 3 x 3 x 1200 bytes back.
            assertThat(t.senderEndpoint.egress.bytesSent).isLessThanOrEqualTo(3L * 3 * 1200);
            assertThat(sender.packetsSentCount()).isPositive();
        }
    }
}
