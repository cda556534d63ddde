package org.messenger.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.testkit.ManualClock;
import org.messenger.transport.crypto.KeySchedule;
import org.messenger.transport.crypto.PacketProtection;
import org.messenger.transport.crypto.Side;
import org.messenger.transport.packet.PacketWriter;

/**
 * Issue 14, item 6: a sender that scatters one-byte frames, each leaving a gap, made the
 * receiver's range tracking quadratic (80,000 frames cost a second). The receiver now keeps at
 * most {@link ReceiverTransfer#MAX_RECEIVED_RANGES} ranges; the cost is measured in operations.
 */
class ReceivedRangeLimitTest {
    private static final int FRAMES = 80_000;

    @TempDir
    Path dir;

    @Test
    void eightyThousandGapLeavingFramesCostLinearWorkAndKeepBoundedRanges() throws Exception {
        ManualClock clock = new ManualClock(1_000_000_000L);
        InetSocketAddress senderAddress = new InetSocketAddress("127.0.0.1", 4433);
        InetSocketAddress receiverAddress = new InetSocketAddress("127.0.0.1", 5000);
        long size = 2L * FRAMES + 2;
        TransferTicket ticket = TransferTicket.random();
        TransferEndpoint sender = new TransferEndpoint(TransferConfig.defaults(), clock::nanoTime);
        TransferEndpoint receiver = new TransferEndpoint(TransferConfig.defaults(), clock::nanoTime);
        try (FileChannel source = FileChannel.open(java.nio.file.Files.write(dir.resolve("s"), new byte[(int) size]));
                FileChannel target = FileChannel.open(dir.resolve("t"), StandardOpenOption.CREATE,
                        StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            sender.send(source, ByteRanges.whole(size), ticket, null, null);
            ReceiveHandle handle = receiver.receive(target, ByteRanges.whole(size), senderAddress, ticket, null);
            // The real handshake, so that the receiver is ACTIVE; the sender's own DATA is discarded.
            sender.poll(clock.nanoTime(), (d, to) -> true); // takes the offer
            List<ByteBuffer> toSender = new ArrayList<>();
            receiver.poll(clock.nanoTime(), (d, to) -> copy(d, toSender));
            for (ByteBuffer d : toSender) sender.onDatagram(d, receiverAddress, clock.nanoTime());
            List<ByteBuffer> toReceiver = new ArrayList<>();
            sender.poll(clock.nanoTime(), (d, to) -> copy(d, toReceiver));
            ByteBuffer reply = toReceiver.get(0); // the HELLO_REPLY alone
            receiver.onDatagram(reply, senderAddress, clock.nanoTime());

            ReceiverTransfer r = (ReceiverTransfer) handle;
            // The sender's traffic keys: the frames must open to reach the range map.
            PacketProtection senderKeys = KeySchedule.trafficProtection(ticket.token(), ticket.transferId(),
                    r.receiverNonce(), r.senderNonce(), Side.SENDER);
            PacketWriter w = new PacketWriter();
            ByteBuffer b = ByteBuffer.allocate(2048);
            for (int i = 0; i < FRAMES; i++) {
                // Highest offsets first: each frame lands before every range so far and leaves a gap.
                long offset = size - 2 - 2L * i;
                b.clear();
                w.begin(b, 1452, ticket.transferId(), 100 + i, -1, false, false);
                int at = w.beginData(offset, 1);
                w.dataTarget(at, 1).put((byte) 7);
                w.endData(at, 1);
                w.finish(senderKeys);
                receiver.onDatagram(b, senderAddress, clock.nanoTime());
            }
            assertThat(r.receivedRangeCount()).isEqualTo(ReceiverTransfer.MAX_RECEIVED_RANGES);
            assertThat(receiver.counters().droppedRangeLimit()).isEqualTo(FRAMES - ReceiverTransfer.MAX_RECEIVED_RANGES);
            // Filling up to the cap costs about cap^2/2 shifts once (8.4 million); without the cap
            // the 80,000 frames cost 80,000^2/2 = 3.2 billion.
            long cap = ReceiverTransfer.MAX_RECEIVED_RANGES;
            assertThat(r.receivedRangeOperations()).isLessThan(cap * cap / 2 + 4L * FRAMES);
            // A frame next to data already here is still taken at the cap.
            b.clear();
            w.begin(b, 1452, ticket.transferId(), 100 + FRAMES, -1, false, false);
            int at = w.beginData(size - 1, 1);
            w.dataTarget(at, 1).put((byte) 7);
            w.endData(at, 1);
            w.finish(senderKeys);
            receiver.onDatagram(b, senderAddress, clock.nanoTime());
            assertThat(handle.receivedRanges().totalBytes()).isEqualTo(cap + 1);
        }
    }

    private static boolean copy(ByteBuffer d, List<ByteBuffer> into) {
        return into.add(copy(d));
    }

    private static ByteBuffer copy(ByteBuffer d) {
        return ByteBuffer.allocate(d.remaining()).put(d).flip();
    }
}
