package org.messenger.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.transport.netem.NetemSpec;
import org.messenger.transport.sim.SimulatedNetwork;

/**
 * A socket whose send buffer is full refuses datagrams. The endpoint keeps the refused datagram,
 * sends nothing else until it has left, and asks to be polled again soon; a driver on a real socket
 * polls it as soon as the socket is writable (SocketDriverTest). Nothing may be lost, repeated or
 * sent out of turn because of it.
 */
class FullSendBufferSimTest {
    private static final long MINUTE = 60_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void aTransferWhoseSocketsKeepFillingUpStillDeliversEveryByteOnce() throws Exception {
        try (SimTransfer t = new SimTransfer(41, dir, 2_000_000, TransferConfig.defaults(),
                NetemSpec.parse("rate=100mbit,delay=5ms,queue=100"), NetemSpec.parse("delay=5ms"))) {
            t.net.refuseSends(t.senderAddress, 7);
            t.net.refuseSends(t.receiverAddress, 5);
            long[] longestHold = new long[2];
            t.net.afterPoll(t.senderAddress, (now, wake) -> {
                if (t.senderEndpoint.holdsRefusedDatagram()) longestHold[0] = Math.max(longestHold[0], wake - now);
            });
            t.net.afterPoll(t.receiverAddress, (now, wake) -> {
                if (t.receiverEndpoint.holdsRefusedDatagram()) longestHold[1] = Math.max(longestHold[1], wake - now);
            });
            t.start(ByteRanges.whole(2_000_000));
            SimulatedNetwork.RunResult r = t.run(MINUTE);

            assertThat(r.outcome()).as("%s %s", r, t.describe()).isEqualTo(SimulatedNetwork.Outcome.CONDITION_MET);
            assertThat(t.filesEqual()).isTrue();
            assertThat(t.receiveHandle.completion()).isCompleted();
            assertThat(t.sendHandle.completion()).isCompleted();
            assertThat(t.net.refusedSends(t.senderAddress)).as("the sender's socket was full now and then").isGreaterThan(100);
            assertThat(t.net.refusedSends(t.receiverAddress)).as("so was the receiver's (its ACKs)").isPositive();
            // A held datagram is retried within the recheck bound, never left for a timer far away.
            // (A refused CLOSE is not held but dropped, as a lost one would be: the closing state
            // answers the peer's next packet with another.)
            assertThat(longestHold[0]).isPositive().isLessThanOrEqualTo(Egress.BLOCKED_RECHECK_NANOS);
            assertThat(longestHold[1]).isPositive().isLessThanOrEqualTo(Egress.BLOCKED_RECHECK_NANOS);
        }
    }
}
