package org.messenger.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.testkit.ManualClock;
import org.messenger.transport.packet.CloseCode;
import org.messenger.transport.packet.Packet;
import org.messenger.transport.packet.VarInt;

/** A client and a server of different protocol versions each say clearly what to update. */
class Version1RefusalTest {
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_000_000_000L);
    private final InetSocketAddress clientAddress = new InetSocketAddress("127.0.0.1", 5000);
    private final List<ByteBuffer> replies = new ArrayList<>();
    private TransferEndpoint server;
    private TransferTicket ticket;
    private TransferHandle offer;
    private FileChannel source;

    @BeforeEach
    void setUp() throws Exception {
        server = new TransferEndpoint(TransferConfig.defaults(), clock::nanoTime);
        source = FileChannel.open(Files.write(dir.resolve("f"), new byte[100_000]), StandardOpenOption.READ);
        ticket = TransferTicket.random();
        offer = server.send(source, ByteRanges.whole(100_000), ticket, null, null);
        poll();
    }

    @AfterEach
    void tearDown() throws Exception {
        source.close();
    }

    private void poll() {
        server.poll(clock.nanoTime(), (d, to) -> replies.add(ByteBuffer.allocate(d.remaining()).put(d).flip()));
    }

    /** A HELLO exactly as a version-1 client builds it: v1 header, HMAC over id and nonce, CRC32C. */
    private static ByteBuffer version1Hello(long transferId, byte[] token, byte[] nonce) {
        ByteBuffer b = ByteBuffer.allocate(1200);
        b.put((byte) 1).put((byte) (Packet.FLAG_FROM_RECEIVER | 1)).putLong(transferId).putShort((short) 0);
        b.put((byte) Packet.HELLO).put(nonce).put(Handshake.helloMac(token, transferId, nonce));
        VarInt.write(b, 25_000);
        VarInt.write(b, 1452);
        VarInt.write(b, 16 << 20);
        VarInt.write(b, 1);
        VarInt.write(b, 0);
        VarInt.write(b, 100_000);
        while (b.position() < 1196) b.put((byte) 0);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 1196);
        b.putInt((int) crc.getValue());
        return b.flip();
    }

    @Test
    void anOlderClientGetsAVersion1CloseSayingToUpdateAndTheOfferFailsSayingWhy() {
        byte[] nonce = new byte[Packet.NONCE_BYTES];
        nonce[0] = 42;
        ByteBuffer hello = version1Hello(ticket.transferId(), ticket.token(), nonce);
        server.onDatagram(hello.duplicate(), clientAddress, clock.nanoTime());
        poll();

        assertThat(replies).hasSize(1);
        ByteBuffer reply = replies.get(0);
        assertThat(reply.remaining()).as("within the 3x anti-amplification limit").isLessThan(hello.remaining());
        // Read it as a version-1 client does: CRC32C, then HELLO_REPLY (whose HMAC it checks), then CLOSE.
        CRC32C crc = new CRC32C();
        crc.update(reply.array(), 0, reply.limit() - 4);
        assertThat(reply.getInt(reply.limit() - 4)).isEqualTo((int) crc.getValue());
        assertThat(reply.get(0)).isEqualTo((byte) 1);
        assertThat(reply.get(1) & Packet.FLAG_FROM_RECEIVER).isZero();
        assertThat(reply.getLong(2)).isEqualTo(ticket.transferId());
        reply.position(12);
        assertThat(reply.get() & 0xff).isEqualTo(Packet.HELLO_REPLY);
        byte[] senderNonce = new byte[Packet.NONCE_BYTES];
        byte[] mac = new byte[32];
        reply.get(senderNonce).get(mac);
        assertThat(mac).isEqualTo(Handshake.replyMac(ticket.token(), ticket.transferId(), nonce, senderNonce));
        assertThat(VarInt.read(reply)).isEqualTo(1200);
        assertThat(reply.get() & 0xff).isEqualTo(Packet.CLOSE);
        assertThat(VarInt.read(reply)).isEqualTo(CloseCode.PROTOCOL_VIOLATION);
        byte[] reason = new byte[(int) VarInt.read(reply)];
        reply.get(reason);
        assertThat(new String(reason, StandardCharsets.UTF_8))
                .isEqualTo("The server speaks transfer protocol 2; update the client");

        assertThat(offer.completion()).isCompletedExceptionally();
        assertThat(offer.completion().handle((s, e) -> e.getMessage()).join())
                .contains("transfer protocol 1", "must be updated");
    }

    @Test
    void aVersion1HelloWithoutTheTicketGetsNoAnswerAndLeavesTheOffer() {
        byte[] wrong = ticket.token();
        wrong[5] ^= 1;
        server.onDatagram(version1Hello(ticket.transferId(), wrong, new byte[Packet.NONCE_BYTES]), clientAddress,
                clock.nanoTime());
        poll();
        assertThat(replies).isEmpty();
        assertThat(offer.completion()).isNotDone();
        assertThat(server.counters().droppedBadVersion()).isEqualTo(1);
    }

    @Test
    void aClientThatNoServerAnswersSaysAnOlderServerMayIgnoreIt() throws Exception {
        TransferEndpoint client = new TransferEndpoint(TransferConfig.defaults(), clock::nanoTime);
        try (FileChannel target = FileChannel.open(dir.resolve("t"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ReceiveHandle down = client.receive(target, ByteRanges.whole(100), new InetSocketAddress("127.0.0.1", 4433),
                    TransferTicket.random(), null);
            for (int s = 0; s <= 31 && !down.completion().isDone(); s++) {
                client.poll(clock.nanoTime(), (d, to) -> true); // an older server drops every datagram of version 2
                clock.advanceNanos(1_000_000_000L);
            }
            assertThat(down.completion()).isCompletedExceptionally();
            String message = down.completion().handle((v, e) -> (e instanceof CompletionException c ? c.getCause() : e)
                    .getMessage()).join();
            assertThat(message).contains("No answer from the sender", "transfer protocol 2", "update the server");
        }
    }
}
