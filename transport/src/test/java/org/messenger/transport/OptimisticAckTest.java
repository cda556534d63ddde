package org.messenger.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.transport.ack.AckRanges;
import org.messenger.transport.packet.CloseCode;
import org.messenger.transport.packet.Packet;
import org.messenger.transport.packet.PacketNumbers;
import org.messenger.transport.packet.PacketReader;

/**
 * Issue 14, item 3 (RFC 9000 §21.4): a receiver that acknowledges what it has not received is
 * caught by the packet numbers the sender skips, and only the receiver's CLOSE(DONE) completes a
 * sender.
 */
class OptimisticAckTest {
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    /** Every packet number the sender used so far, read from its datagrams. */
    private static TreeSet<Long> seen(WirePeer peer) {
        TreeSet<Long> pns = new TreeSet<>();
        long largest = -1;
        for (ByteBuffer d : peer.sent) {
            PacketReader r = new PacketReader();
            if (r.open(d.duplicate()) != PacketReader.OK) continue;
            long pn = PacketNumbers.decode(largest, r.truncatedPn(), r.pnLength() * 8);
            largest = Math.max(largest, pn);
            pns.add(pn);
        }
        return pns;
    }

    /** Plays an honest receiver: acknowledges exactly what arrived, a millisecond at a time. */
    private static TreeSet<Long> pumpHonestly(WirePeer peer, long size, int packets) {
        peer.hello(25_000, size);
        peer.helloDone();
        TreeSet<Long> pns = seen(peer);
        for (int i = 0; i < 100_000 && pns.size() < packets && !peer.handle.completion().isDone(); i++) {
            peer.clock.advanceNanos(MS);
            AckRanges ranges = new AckRanges(256);
            for (long pn : pns) ranges.add(pn);
            peer.ack(ranges, 0);
            pns = seen(peer);
        }
        return pns;
    }

    @Test
    void theSenderSkipsPacketNumbersEveryFewHundredPackets() throws Exception {
        try (WirePeer peer = new WirePeer(dir, 8L << 20, TransferConfig.defaults())) {
            TreeSet<Long> pns = pumpHonestly(peer, 8L << 20, 3_000);
            long largest = pns.last();
            long gaps = largest + 1 - pns.size();
            // One skip per 256..767 packets.
            assertThat(gaps).as("numbers skipped among %d", largest + 1).isBetween(largest / 768, largest / 256 + 1);
            assertThat(gaps).isPositive();
            assertThat(peer.handle.completion()).as("an honest receiver is never accused").isNotDone();
        }
    }

    @Test
    void anAckNamingASkippedNumberClosesWithProtocolViolation() throws Exception {
        try (WirePeer peer = new WirePeer(dir, 8L << 20, TransferConfig.defaults())) {
            TreeSet<Long> pns = pumpHonestly(peer, 8L << 20, 1_000);
            assertThat(pns.last() + 1 - pns.size()).as("a number was skipped").isPositive();
            // The optimistic receiver: "everything up to the largest arrived".
            peer.ack(0, pns.last(), 0);
            assertThat(peer.handle.completion()).isCompletedExceptionally();
            assertThat(failure(peer).code()).isEqualTo(CloseCode.PROTOCOL_VIOLATION);
            assertThat(failure(peer).getMessage()).contains("optimistic");
            assertThat(peer.sender.counters().droppedInvalidAck()).isEqualTo(1);
        }
    }

    @Test
    void anAckBeyondTheLastPacketSentClosesWithProtocolViolation() throws Exception {
        try (WirePeer peer = new WirePeer(dir, 8L << 20, TransferConfig.defaults())) {
            TreeSet<Long> pns = pumpHonestly(peer, 8L << 20, 10);
            peer.ack(pns.last() + 1, pns.last() + 1_000, 0);
            assertThat(failure(peer).code()).isEqualTo(CloseCode.PROTOCOL_VIOLATION);
        }
    }

    @Test
    void everyByteAcknowledgedIsNotCompletionWithoutTheReceiversDone() throws Exception {
        long size = 100_000;
        try (WirePeer peer = new WirePeer(dir, size, TransferConfig.defaults())) {
            pumpHonestly(peer, size, 1_000);
            long acked = ((SenderTransfer) peer.handle).snapshot(peer.clock.nanoTime()).doneBytes();
            assertThat(acked).isEqualTo(size); // all acknowledged
            assertThat(peer.handle.completion()).isNotDone();
            peer.close(CloseCode.DONE);
            assertThat(peer.handle.completion()).isCompleted();
            assertThat(peer.handle.completion().isCompletedExceptionally()).isFalse();
        }
    }

    @Test
    void aSenderWhoseDoneWasLostProbesForIt() throws Exception {
        long size = 100_000;
        try (WirePeer peer = new WirePeer(dir, size, TransferConfig.defaults())) {
            pumpHonestly(peer, size, 1_000);
            int before = peer.sent.size();
            peer.runFor(3_000 * MS, 1_000);
            boolean pinged = !peer.packetNumbersWith(Packet.PING, before).isEmpty();
            assertThat(pinged).as("a PING draws the receiver's CLOSE(DONE) again").isTrue();
            // The PING is probed for like any packet: two per PTO period, doubling to 1 s (about 14 in 3 s).
            assertThat(peer.sent.size() - before).as("but not a stream of them").isLessThan(20);
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
