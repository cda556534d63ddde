package org.messenger.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.testkit.ManualClock;
import org.messenger.transport.ack.AckRanges;
import org.messenger.transport.packet.Packet;
import org.messenger.transport.packet.PacketWriter;

/** Forged, broken and unexpected datagrams: each is counted and dropped, nothing is thrown or answered. */
class BadInputTest {
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_000_000_000L);
    private final InetSocketAddress receiverAddress = new InetSocketAddress("127.0.0.1", 5000);
    private final InetSocketAddress senderAddress = new InetSocketAddress("127.0.0.1", 4433);
    private final List<ByteBuffer> replies = new ArrayList<>();
    private TransferEndpoint sender;
    private TransferTicket ticket;
    private FileChannel source;

    @BeforeEach
    void setUp() throws Exception {
        sender = new TransferEndpoint(TransferConfig.defaults(), clock::nanoTime);
        Path file = Files.write(dir.resolve("f"), new byte[100_000]);
        source = FileChannel.open(file, StandardOpenOption.READ);
        ticket = TransferTicket.random();
        sender.send(source, ByteRanges.whole(100_000), ticket, null, null);
        poll();
    }

    @AfterEach
    void tearDown() throws Exception {
        source.close();
    }

    private void poll() {
        sender.poll(clock.nanoTime(), (d, to) -> {
            replies.add(ByteBuffer.allocate(d.remaining()).put(d).flip());
            return true;
        });
    }

    private void deliver(ByteBuffer datagram) {
        sender.onDatagram(datagram, receiverAddress, clock.nanoTime());
        poll();
    }

    private ByteBuffer hello(long transferId, byte[] token) {
        return PeerFixture.receiver(new TransferTicket(transferId, token)).hello(0, ByteRanges.whole(100_000));
    }

    @Test
    void dropsTruncatedDatagrams() {
        deliver(ByteBuffer.allocate(5));
        ByteBuffer h = hello(ticket.transferId(), ticket.token());
        h.limit(h.limit() - 100);
        deliver(h);
        assertThat(sender.counters().droppedTooShort() + sender.counters().droppedUnauthenticated()).isEqualTo(2);
        assertThat(replies).isEmpty();
    }

    @Test
    void dropsDatagramsWithAChangedByte() {
        ByteBuffer h = hello(ticket.transferId(), ticket.token());
        h.put(40, (byte) (h.get(40) ^ 1));
        deliver(h);
        assertThat(sender.counters().droppedUnauthenticated()).isEqualTo(1);
        assertThat(replies).isEmpty();
    }

    @Test
    void dropsAHelloWithTheWrongToken() {
        byte[] wrong = ticket.token();
        wrong[0] ^= 1;
        deliver(hello(ticket.transferId(), wrong));
        assertThat(sender.counters().droppedUnauthenticated()).isEqualTo(1);
        assertThat(replies).isEmpty();
    }

    @Test
    void dropsPacketsForUnknownTransfers() {
        deliver(hello(ticket.transferId() + 1, ticket.token()));
        assertThat(sender.counters().droppedUnknownTransfer()).isEqualTo(1);
        assertThat(replies).isEmpty();
    }

    @Test
    void answersAValidHelloWithinThreeTimesItsSize() {
        deliver(hello(ticket.transferId(), ticket.token()));
        assertThat(replies).isNotEmpty();
        int total = replies.stream().mapToInt(ByteBuffer::remaining).sum();
        assertThat(total).isLessThanOrEqualTo(3 * 1200); // RFC 9000 §8.1
    }

    @Test
    void dropsAcksForPacketsNeverSent() {
        PeerFixture receiver = PeerFixture.receiver(ticket);
        deliver(receiver.hello(0, ByteRanges.whole(100_000)));
        assertThat(replies.stream().anyMatch(receiver::learnReply)).isTrue();
        AckRanges r = new AckRanges(4);
        r.add(1_000_000);
        deliver(receiver.packet(1, false, w -> w.ack(r, 0)));
        assertThat(sender.counters().droppedInvalidAck()).isEqualTo(1);
    }

    @Test
    void dropsHandshakePacketsBeforeAnyHello() {
        deliver(PeerFixture.receiver(ticket).packet(0, true, PacketWriter::ping));
        assertThat(sender.counters().droppedUnexpected()).isEqualTo(1);
        assertThat(replies).isEmpty();
    }

    @Test
    void dropsFramesThatMustBeSealedWhenTheyComeInAHandshakePacket() {
        PeerFixture receiver = PeerFixture.receiver(ticket);
        deliver(receiver.hello(0, ByteRanges.whole(100_000)));
        deliver(receiver.packet(1, true, w -> w.flow(1L << 40, true)));
        assertThat(sender.counters().droppedUnexpected()).isEqualTo(1);
    }

    @Test
    void receiverDropsAbsurdOffsetsAndForeignSenders() throws Exception {
        TransferEndpoint receiver = new TransferEndpoint(TransferConfig.defaults(), clock::nanoTime);
        FileChannel target = FileChannel.open(dir.resolve("t"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        List<ByteBuffer> toSender = new ArrayList<>();
        receiver.receive(target, ByteRanges.whole(100_000), senderAddress, ticket, null);
        receiver.poll(clock.nanoTime(), (d, to) -> toSender.add(ByteBuffer.allocate(d.remaining()).put(d).flip()) || true);
        // Play the real sender to get a valid HELLO_REPLY.
        sender.onDatagram(toSender.get(0).duplicate(), receiverAddress, clock.nanoTime());
        replies.clear();
        poll();
        for (ByteBuffer reply : replies) receiver.onDatagram(reply.duplicate(), senderAddress, clock.nanoTime());
        long before = receiver.counters().droppedTotal();
        long sizeBefore = target.size();

        // Play the sender with its real keys, as if it had gone wrong.
        ByteBuffer reply = replies.stream().filter(d -> PeerFixture.receiver(ticket).observe(d)).findFirst().orElseThrow();
        PeerFixture realSender = PeerFixture.from(ticket, org.messenger.transport.crypto.Side.SENDER, toSender.get(0), reply);
        ByteBuffer b = realSender.packet(50, false, w -> {
            int at = w.beginData(1L << 60, 100); // far beyond the file and the credit
            w.endData(at, 100);
        });
        receiver.onDatagram(b, senderAddress, clock.nanoTime());
        assertThat(receiver.counters().droppedOutOfRangeData()).isEqualTo(1);

        ByteBuffer c = realSender.packet(51, false, PacketWriter::ping);
        receiver.onDatagram(c, new InetSocketAddress("127.0.0.1", 9999), clock.nanoTime());
        assertThat(receiver.counters().droppedWrongPeer()).isEqualTo(1);
        assertThat(receiver.counters().droppedTotal()).isEqualTo(before + 2);
        assertThat(target.size()).isEqualTo(sizeBefore);
        target.close();
    }

    @Test
    void survivesRandomGarbage() {
        Random random = new Random(7);
        deliver(hello(ticket.transferId(), ticket.token()));
        for (int i = 0; i < 5_000; i++) {
            byte[] junk = new byte[random.nextInt(1500)];
            random.nextBytes(junk);
            if (junk.length > 10) {
                junk[0] = Packet.VERSION;
                junk[1] = (byte) (Packet.FLAG_FROM_RECEIVER | random.nextInt(4));
                ByteBuffer.wrap(junk).putLong(2, ticket.transferId());
            }
            deliver(ByteBuffer.wrap(junk));
        }
        assertThat(sender.counters().droppedTotal()).isEqualTo(5_000);
    }
}
