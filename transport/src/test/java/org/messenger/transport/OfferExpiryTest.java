package org.messenger.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.transport.packet.CloseCode;
import org.messenger.transport.recovery.SentPacketRing;

/** Issue 14, item 5, the transport's half: an offer nobody starts goes away, and costs little meanwhile. */
class OfferExpiryTest {
    private static final long SIZE = 1L << 20;
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void anOfferWithoutHelloFailsWithHandshakeTimeoutAfterThirtySeconds() throws Exception {
        try (WirePeer peer = new WirePeer(dir, SIZE, TransferConfig.defaults())) {
            long offeredAt = peer.clock.nanoTime();
            long wake = peer.poll();
            assertThat(wake).as("the offer asks to be woken when it expires, not never").isEqualTo(offeredAt + 30 * SECOND);
            peer.clock.advanceTo(offeredAt + 30 * SECOND - 1);
            peer.poll();
            assertThat(peer.handle.completion()).isNotDone();
            peer.clock.advanceTo(offeredAt + 30 * SECOND);
            peer.poll();
            assertThat(peer.handle.completion()).isCompletedExceptionally();
            TransferException e = failure(peer);
            assertThat(e.code()).isEqualTo(CloseCode.HANDSHAKE_TIMEOUT);
            assertThat(e.getMessage()).contains("30 s").contains("HELLO");
            assertThat(peer.sender.transferCount()).isZero();
            assertThat(peer.sent).as("nothing goes on the wire: there is no peer").isEmpty();
        }
    }

    @Test
    void theOfferTimeoutIsConfigurable() throws Exception {
        try (WirePeer peer = new WirePeer(dir, SIZE, TransferConfig.defaults().withOfferTimeout(Duration.ofSeconds(5)))) {
            peer.clock.advanceNanos(5 * SECOND);
            peer.poll();
            assertThat(failure(peer).code()).isEqualTo(CloseCode.HANDSHAKE_TIMEOUT);
        }
    }

    @Test
    void aHelloInTimeKeepsTheOffer() throws Exception {
        try (WirePeer peer = new WirePeer(dir, SIZE, TransferConfig.defaults())) {
            peer.clock.advanceNanos(29 * SECOND);
            peer.hello(25_000, SIZE);
            peer.helloDone();
            peer.clock.advanceNanos(2 * SECOND);
            peer.ping(); // the receiver is alive: no idle timeout either
            assertThat(peer.handle.completion()).isNotDone();
        }
    }

    @Test
    void anOfferedTransferHoldsASmallSentRing() throws Exception {
        try (WirePeer peer = new WirePeer(dir, SIZE, TransferConfig.defaults())) {
            assertThat(((SenderTransfer) peer.handle).sentRingCapacity()).isLessThanOrEqualTo(64);
        }
    }

    @Test
    void theSentRingGrowsWithThePacketsInFlightUpToItsMaximum() {
        SentPacketRing ring = new SentPacketRing(64, 1024);
        for (int i = 0; i < 1024; i++) {
            ring.add(i, 1200, true, true, i * 1000L, 1000, i, i, i, false);
        }
        assertThat(ring.capacity()).isEqualTo(1024);
        assertThat(ring.isFull()).isTrue();
        for (long pn = 0; pn < 1024; pn++) {
            assertThat(ring.isInFlight(pn)).isTrue();
            assertThat(ring.dataOffset(pn)).isEqualTo(pn * 1000);
            assertThat(ring.sentTimeNanos(pn)).isEqualTo(pn);
        }
        // Settle the first half; the ring reuses their slots and stays at its size.
        for (long pn = 0; pn < 512; pn++) ring.markAcked(pn);
        ring.advance();
        for (int i = 0; i < 512; i++) ring.add(1024 + i, 1200, true, true, 0, 0, 0, 0, 0, false);
        assertThat(ring.capacity()).isEqualTo(1024);
        assertThat(ring.dataOffset(600)).isEqualTo(600_000);
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
