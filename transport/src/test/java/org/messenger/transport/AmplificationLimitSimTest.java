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

    /**
     * Found by {@link TransferProperties} in CI: a loss burst on the way back took every packet
     * the receiver sent after its HELLO. The sender had spent its budget on its first flight and
     * could not probe; the receiver repeated its HELLO_DONE with the control timer doubling six
     * times from a 1 s PTO, so a repeat came 16, then 32 s after the last, and the sender gave
     * up at its 30 s idle timeout. The repeats now back off like the PTO (capped at 1 s or two
     * periods): the transfer goes on within about a second of the path coming back.
     */
    @Test
    void theReceiverRepeatsHelloDoneOftenEnoughForABlockedSender() throws Exception {
        long size = 200_000;
        long blackholeEnd = 12_000_000_000L;
        // The HELLO gets through (the link's first datagram), then nothing from the receiver for 12 s.
        try (SimTransfer t = new SimTransfer(11, dir, size, TransferConfig.defaults(),
                NetemSpec.parse("rate=20mbit,delay=50ms"), NetemSpec.parse("delay=50ms,blackhole=12s@1ms"))) {
            t.start(ByteRanges.whole(size));
            SimulatedNetwork.RunResult r = t.run(60_000_000_000L);
            assertThat(r.outcome()).as(t.describe()).isEqualTo(SimulatedNetwork.Outcome.CONDITION_MET);
            assertThat(t.sendHandle.completion()).as(t.describe()).isCompleted();
            assertThat(t.receiveHandle.completion()).as(t.describe()).isCompleted();
            assertThat(t.filesEqual()).isTrue();
            // A repeat at most a capped period after the blackhole, then about 1 s of transfer at most.
            assertThat(r.nowNanos()).as(t.describe()).isLessThan(blackholeEnd + 3_000_000_000L);
        }
    }

    /**
     * The same burst when the whole file fits in the sender's first flight: the receiver is done
     * at once and closes, but its CLOSE(DONE), like its HELLO_DONE, is lost, and the sender, its
     * budget spent, cannot probe for an answer. The receiver only answered packets, so nobody
     * sent anything again and the sender failed at its idle timeout a transfer the receiver had
     * finished. It now repeats its CLOSE unasked while no HELLO_DONE was acknowledged.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "every {0}th send refused by a full socket (0: none)")
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 2})
    void aReceiverDoneInTheFirstFlightTellsABlockedSenderUnasked(int refuseEvery) throws Exception {
        long size = 2_500; // two DATA packets: with the reply they leave less of the 3x budget than a probe needs
        try (SimTransfer t = new SimTransfer(3, dir, size, TransferConfig.defaults(), NetemSpec.parse("delay=20ms"),
                NetemSpec.parse("delay=20ms,blackhole=3s@1ms"))) {
            // A repeat that finds the socket full goes out on the next turn, still unasked (uncharged).
            t.net.refuseSends(t.receiverAddress, refuseEvery);
            t.start(ByteRanges.whole(size));
            SimulatedNetwork.RunResult r = t.run(60_000_000_000L);
            assertThat(r.outcome()).as(t.describe()).isEqualTo(SimulatedNetwork.Outcome.CONDITION_MET);
            assertThat(t.receiveHandle.completion()).as(t.describe()).isCompleted();
            assertThat(t.sendHandle.completion()).as(t.describe()).isCompleted();
            assertThat(t.filesEqual()).isTrue();
            assertThat(r.nowNanos()).as(t.describe()).isLessThan(5_000_000_000L);
        }
    }
}
