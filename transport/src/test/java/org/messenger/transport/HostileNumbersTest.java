package org.messenger.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.transport.packet.CloseCode;
import org.messenger.transport.packet.Packet;

/**
 * Numbers a downloader chooses (issue 14, item 1): they are bounded where they enter, and no
 * timer built from them can lie in the past, so the sender neither spins nor ignores its window.
 */
class HostileNumbersTest {
    private static final long SIZE = 8L << 20;
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void closesWithProtocolViolationWhenHelloMaxAckDelayIsTooLarge() throws Exception {
        try (WirePeer peer = new WirePeer(dir, SIZE, TransferConfig.defaults())) {
            peer.hello(Packet.MAX_ACK_DELAY_LIMIT_MICROS, SIZE); // 2^14 ms: the first invalid value
            assertThat(peer.handle.completion()).isCompletedExceptionally();
            assertThat(failure(peer).code()).isEqualTo(CloseCode.PROTOCOL_VIOLATION);
            assertThat(failure(peer).getMessage()).contains("max_ack_delay");
        }
    }

    @Test
    void acceptsTheLargestValidMaxAckDelay() throws Exception {
        try (WirePeer peer = new WirePeer(dir, SIZE, TransferConfig.defaults())) {
            peer.hello(Packet.MAX_ACK_DELAY_LIMIT_MICROS - 1, SIZE);
            assertThat(peer.handle.completion()).isNotDone();
            assertThat(peer.sent).isNotEmpty();
        }
    }

    /**
     * An ack_delay whose value in nanoseconds wraps negative once passed the min() against
     * max_ack_delay, was subtracted from the RTT sample, drove the smoothed RTT to years and the
     * PTO deadline past overflow into the past: every poll was due at once (a hot loop), and each
     * one sent a probe beyond the congestion window until the whole sent ring had left.
     */
    @Test
    void aWrappingAckDelayNeitherInflatesTheRttNorMakesTheSenderSpin() throws Exception {
        try (WirePeer peer = new WirePeer(dir, SIZE, TransferConfig.defaults())) {
            peer.hello(25_000, SIZE);
            peer.helloDone();
            peer.clock.advanceNanos(10_000_000);
            peer.poll();
            var pns = peer.dataPacketNumbers(0);
            assertThat(pns).hasSizeGreaterThan(2);
            long poison = 9_300_000_000_000_000L; // x 1000 overflows to a negative number of nanoseconds
            assertThat(poison * 1000).isNegative();
            peer.clock.advanceNanos(20_000_000);
            peer.ack(pns.get(0), pns.get(0), 0); // the first RTT sample ignores the ack delay (RFC 9002 §5.2)
            peer.ack(pns.get(0), pns.get(1), poison);
            SenderTransfer s = (SenderTransfer) peer.handle;
            assertThat(s.snapshot(peer.clock.nanoTime()).smoothedRttNanos()).isLessThan(SECOND);

            // The receiver goes silent: one simulated second of the sender alone.
            int sentBefore = peer.sent.size();
            long pollsBefore = peer.polls;
            peer.runFor(SECOND, 100_000);
            long polls = peer.polls - pollsBefore;
            long datagrams = peer.sent.size() - sentBefore;
            assertThat(peer.clock.nanoTime()).as("the clock reached the end of the second").isGreaterThanOrEqualTo(
                    1_000_000_000L + 30_000_000 + SECOND);
            assertThat(polls).as("polls in one second").isLessThan(1_000);
            // What the window allows, plus probes: two per backed-off PTO period (~1 s at first).
            long window = s.snapshot(peer.clock.nanoTime()).cwndBytes() / 1200;
            assertThat(datagrams).as("datagrams in one second, window %d datagrams", window)
                    .isLessThanOrEqualTo(window + 4);
        }
    }

    /**
     * The receiver's keep-alive repeats its last ACK 10 s after a lost first copy; that ACK newly
     * acknowledges the largest packet, and its 10 s are the receiver's timer, not the path.
     */
    @Test
    void anAckHeldFarBeyondMaxAckDelayGivesNoRttSample() throws Exception {
        try (WirePeer peer = new WirePeer(dir, SIZE, TransferConfig.defaults())) {
            peer.hello(25_000, SIZE);
            peer.helloDone();
            peer.clock.advanceNanos(10_000_000);
            peer.poll();
            var pns = peer.dataPacketNumbers(0);
            peer.clock.advanceNanos(20_000_000);
            peer.ack(pns.get(0), pns.get(0), 0);
            SenderTransfer s = (SenderTransfer) peer.handle;
            long smoothed = s.snapshot(peer.clock.nanoTime()).smoothedRttNanos();
            peer.clock.advanceNanos(10 * SECOND);
            peer.ack(pns.get(0), pns.get(1), 10_000_000); // "held for 10 s"
            assertThat(s.snapshot(peer.clock.nanoTime()).smoothedRttNanos()).isEqualTo(smoothed);
        }
    }

    private static TransferException failure(WirePeer peer) throws InterruptedException {
        try {
            peer.handle.completion().get();
            throw new AssertionError("completed");
        } catch (ExecutionException e) {
            return (TransferException) e.getCause();
        }
    }
}
