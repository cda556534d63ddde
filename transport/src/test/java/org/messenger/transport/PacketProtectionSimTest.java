package org.messenger.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.transport.ack.AckRanges;
import org.messenger.transport.crypto.Side;
import org.messenger.transport.io.DatagramEndpoint;
import org.messenger.transport.io.DatagramSender;
import org.messenger.transport.netem.NetemSpec;
import org.messenger.transport.packet.CloseCode;
import org.messenger.transport.packet.PacketNumbers;
import org.messenger.transport.packet.PacketReader;
import org.messenger.transport.sim.SimulatedNetwork;

/**
 * Attacks on a running transfer by someone who sees the datagrams (so knows the transfer id and
 * the packet numbers) and can spoof either end's address, but does not hold the ticket; and what
 * the wire shows of the file. Virtual time, simulated network.
 */
class PacketProtectionSimTest {
    private static final long SECOND = 1_000_000_000L;
    private static final NetemSpec PATH = NetemSpec.parse("rate=50mbit,delay=10ms,queue=100");
    private static final NetemSpec BACK = NetemSpec.parse("delay=10ms");

    @TempDir
    Path dir;

    /** The packet numbers an on-path observer reads from the clear headers, per direction. */
    private static final class Observer implements SimulatedNetwork.TraceListener {
        final InetSocketAddress receiverAddress;
        final PacketReader reader = new PacketReader();
        long largestFromSender = -1;
        long largestFromReceiver = -1;
        final List<ByteBuffer> helloes = new ArrayList<>();

        Observer(InetSocketAddress receiverAddress) {
            this.receiverAddress = receiverAddress;
        }

        @Override
        public void on(long now, SimulatedNetwork.Event event, String link, InetSocketAddress from, InetSocketAddress to,
                ByteBuffer datagram) {
            if (event != SimulatedNetwork.Event.SENT || reader.open(datagram.duplicate()) != PacketReader.OK) return;
            boolean fromReceiver = from.equals(receiverAddress);
            long largest = fromReceiver ? largestFromReceiver : largestFromSender;
            long pn = PacketNumbers.decode(largest, reader.truncatedPn(), 8 * reader.pnLength());
            if (fromReceiver) {
                largestFromReceiver = Math.max(largestFromReceiver, pn);
                if (reader.handshake()) helloes.add(copy(datagram));
            } else {
                largestFromSender = Math.max(largestFromSender, pn);
            }
        }
    }

    static ByteBuffer copy(ByteBuffer datagram) {
        ByteBuffer c = ByteBuffer.allocate(datagram.remaining());
        c.put(datagram.duplicate()).flip();
        return c;
    }

    @Test
    void forgedCloseFlowAckAndDataFromSpoofedAddressesAreDroppedCountedAndTheFileArrivesWhole() throws Exception {
        try (SimTransfer t = new SimTransfer(21, dir, 3_000_000, TransferConfig.defaults(), PATH, BACK)) {
            Observer seen = new Observer(t.receiverAddress);
            t.net.trace(seen);
            t.start(ByteRanges.whole(3_000_000));
            t.net.runUntil(() -> t.receiveHandle.receivedRanges().totalBytes() > 1_000_000, 60 * SECOND, 3_000_000);
            long id = t.ticket.transferId();
            PeerFixture fakeSender = PeerFixture.forger(id, Side.SENDER);
            PeerFixture fakeReceiver = PeerFixture.forger(id, Side.RECEIVER);
            long now = t.net.nowNanos();

            // To the receiver, "from" the sender: CLOSE (sealed and as a handshake packet), and DATA over byte 0.
            long spn = seen.largestFromSender + 1;
            t.receiverEndpoint.onDatagram(fakeSender.packet(spn, false, w -> w.close(CloseCode.CANCELLED, "forged")),
                    t.senderAddress, now);
            t.receiverEndpoint.onDatagram(fakeSender.packet(spn + 1, true, w -> w.close(CloseCode.IO_ERROR, "forged")),
                    t.senderAddress, now);
            t.receiverEndpoint.onDatagram(fakeSender.packet(spn + 2, false, w -> {
                int at = w.beginData(0, 1000); // 1000 zero bytes over the file's first ones
                w.endData(at, 1000);
            }), t.senderAddress, now);
            // To the sender, "from" the receiver: FLOW paused far ahead, an ACK of everything sent, a CLOSE(DONE).
            long rpn = seen.largestFromReceiver + 30_000;
            t.senderEndpoint.onDatagram(fakeReceiver.packet(rpn, false, w -> w.flow(1L << 40, true)),
                    t.receiverAddress, now);
            AckRanges everything = new AckRanges(4);
            for (long pn = 0; pn <= seen.largestFromSender; pn++) everything.add(pn);
            t.senderEndpoint.onDatagram(fakeReceiver.packet(rpn + 1, false, w -> w.ack(everything, 0)),
                    t.receiverAddress, now);
            t.senderEndpoint.onDatagram(fakeReceiver.packet(rpn + 2, false, w -> w.close(CloseCode.DONE, "forged")),
                    t.receiverAddress, now);

            assertThat(t.receiverEndpoint.counters().droppedUnauthenticated()).as("forged to the receiver").isEqualTo(3);
            assertThat(t.senderEndpoint.counters().droppedUnauthenticated()).as("forged to the sender").isEqualTo(3);
            assertThat(t.sendHandle.completion()).as("a forged ACK or DONE completes nothing").isNotDone();
            SimulatedNetwork.RunResult r = t.run(120 * SECOND);
            assertThat(r.outcome()).as(t.describe()).isEqualTo(SimulatedNetwork.Outcome.CONDITION_MET);
            assertThat(t.receiveHandle.completion()).isCompletedWithValueMatching(s -> s.doneBytes() == 3_000_000);
            assertThat(t.sendHandle.completion()).isCompleted();
            assertThat(t.filesEqual()).isTrue();
        }
    }

    /** Receives whatever is sent to the attacker's address and counts it. */
    private static final class Sink implements DatagramEndpoint {
        long bytes;
        long datagrams;

        @Override
        public void onDatagram(ByteBuffer datagram, InetSocketAddress from, long nowNanos) {
            bytes += datagram.remaining();
            datagrams++;
        }

        @Override
        public long poll(long nowNanos, DatagramSender out) {
            return Long.MAX_VALUE;
        }
    }

    @Test
    void aReplayedHelloFromAnotherAddressGetsAtMostThreeTimesItsSizeAndDoesNotLockTheReceiverOut() throws Exception {
        try (SimTransfer t = new SimTransfer(22, dir, 2_000_000, TransferConfig.defaults(), PATH, BACK)) {
            InetSocketAddress attacker = SimulatedNetwork.address(66, 6666);
            Sink sink = new Sink();
            t.net.attach(attacker, sink);
            t.net.connect(t.senderAddress, attacker, NetemSpec.parse("delay=1ms"), NetemSpec.parse("delay=1ms"));
            Observer seen = new Observer(t.receiverAddress);
            t.net.trace(seen);
            t.start(ByteRanges.whole(2_000_000));
            t.net.runUntil(() -> !seen.helloes.isEmpty(), SECOND, 1_000);
            ByteBuffer hello = seen.helloes.get(0);
            // The replay overtakes the real HELLO, which is still on its 10 ms path.
            t.senderEndpoint.onDatagram(copy(hello), attacker, t.net.nowNanos());
            t.net.runUntil(() -> sink.datagrams > 0, SECOND, 100_000);
            t.net.runUntil(() -> t.receiveHandle.receivedRanges().totalBytes() > 500_000, 30 * SECOND, 3_000_000);
            // Once the receiver proved its address, a replay from elsewhere gets nothing at all.
            long before = sink.bytes;
            t.senderEndpoint.onDatagram(copy(hello), attacker, t.net.nowNanos());
            SimulatedNetwork.RunResult r = t.run(120 * SECOND);

            assertThat(r.outcome()).as(t.describe()).isEqualTo(SimulatedNetwork.Outcome.CONDITION_MET);
            assertThat(t.filesEqual()).isTrue();
            assertThat(sink.bytes).as("bytes sent to the replayer's address").isPositive()
                    .isLessThanOrEqualTo(3L * hello.remaining());
            assertThat(sink.bytes).as("after validation").isEqualTo(before);
            assertThat(t.senderEndpoint.counters().droppedWrongPeer()).isEqualTo(1);
        }
    }

    @Test
    void theDatagramsOfAWholeDownloadCarryNoSixteenByteRunOfTheFile() throws Exception {
        int size = 400_000;
        try (SimTransfer t = new SimTransfer(23, dir, size, TransferConfig.defaults(), PATH, BACK)) {
            List<ByteBuffer> wire = new ArrayList<>();
            t.net.trace((now, event, link, from, to, datagram) -> {
                if (event == SimulatedNetwork.Event.SENT) wire.add(copy(datagram));
            });
            t.start(ByteRanges.whole(size));
            assertThat(t.run(60 * SECOND).outcome()).isEqualTo(SimulatedNetwork.Outcome.CONDITION_MET);
            assertThat(t.filesEqual()).isTrue();
            FileWindows file = new FileWindows(Files.readAllBytes(t.source));
            long onTheWire = wire.stream().mapToLong(file::windowsIn).sum();
            // The same search finds the file in the very same packets once they are opened: it can see it.
            PeerFixture wiretap = t.wiretap();
            long opened = 0;
            for (ByteBuffer d : wire) {
                PacketReader r = wiretap.read(d);
                if (r != null) opened += file.windowsIn(r.buffer().duplicate());
            }
            assertThat(wire.size()).isGreaterThan(250);
            assertThat(opened).as("file windows in the opened packets (one per 8 bytes)").isGreaterThanOrEqualTo(size / 8 - 2 * wire.size());
            assertThat(onTheWire).as("file windows in the datagrams as sent").isZero();
        }
    }

    /** Finds 16-byte runs of a (random) file in other bytes, by the file's 8-byte words at every offset. */
    static final class FileWindows {
        private final ByteBuffer file;
        private final HashMap<Long, Integer> wordAt = new HashMap<>();

        FileWindows(byte[] bytes) {
            file = ByteBuffer.wrap(bytes);
            for (int i = 0; i + 8 <= bytes.length; i++) wordAt.put(file.getLong(i), i);
        }

        /**
         * How many 8-aligned positions of {@code bytes} (position to limit) are part of a 16-byte
         * run that is also in the file. Any 16-byte match contains a whole aligned 8-byte word.
         */
        long windowsIn(ByteBuffer bytes) {
            long found = 0;
            for (int p = bytes.position(); p + 8 <= bytes.limit(); p += 8) {
                Integer i = wordAt.get(bytes.getLong(p));
                if (i == null) continue;
                boolean after = p + 16 <= bytes.limit() && i + 16 <= file.limit() && file.getLong(i + 8) == bytes.getLong(p + 8);
                boolean before = p - 8 >= bytes.position() && i >= 8 && file.getLong(i - 8) == bytes.getLong(p - 8);
                if (after || before) found++;
            }
            return found;
        }
    }
}
