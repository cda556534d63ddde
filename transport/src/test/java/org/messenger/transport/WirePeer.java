package org.messenger.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.messenger.testkit.ManualClock;
import org.messenger.transport.ack.AckRanges;
import org.messenger.transport.crypto.KeySchedule;
import org.messenger.transport.crypto.PacketProtection;
import org.messenger.transport.crypto.Side;
import org.messenger.transport.packet.Packet;
import org.messenger.transport.packet.PacketNumbers;
import org.messenger.transport.packet.PacketReader;
import org.messenger.transport.packet.PacketWriter;

/**
 * A hand-played receiver against a real sender endpoint, for attacks: it writes each datagram
 * itself (any field, any value), delivers it at the manual clock's time, and records and parses
 * what the sender answers. It holds the ticket, as a hostile downloader does, so its packets
 * are authentic (handshake MAC, then the traffic keys): the attacks are on what the frames say.
 * The sender offers {@code size} zero bytes.
 */
final class WirePeer implements AutoCloseable {
    static final InetSocketAddress RECEIVER = new InetSocketAddress("127.0.0.1", 5000);

    final ManualClock clock = new ManualClock(1_000_000_000L);
    final TransferEndpoint sender;
    final TransferTicket ticket = TransferTicket.random();
    final TransferHandle handle;
    final FileChannel source;
    /** Every datagram the sender sent, in order. */
    final List<ByteBuffer> sent = new ArrayList<>();
    long polls;
    private final PacketWriter writer = new PacketWriter();
    private final byte[] helloNonce = new byte[Packet.NONCE_BYTES];
    private byte[] senderNonce;
    private long nextPn;
    private PacketProtection handshakeKeys;
    private PacketProtection trafficKeys;

    WirePeer(Path dir, long size, TransferConfig config) {
        this(dir, size, config, null);
    }

    WirePeer(Path dir, long size, TransferConfig config, TransferListener listener) {
        try {
            sender = new TransferEndpoint(config, clock::nanoTime, new java.util.SplittableRandom(14));
            Path file = Files.write(Files.createTempFile(dir, "src", ".bin"), new byte[(int) size]);
            source = FileChannel.open(file, StandardOpenOption.READ);
            handshakeKeys = KeySchedule.handshakeProtection(ticket.token(), ticket.transferId(), Side.RECEIVER);
            handle = sender.send(source, ByteRanges.whole(size), ticket, null, listener);
            poll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One turn of the sender at the clock's time; returns the wake-up it asked for. */
    long poll() {
        polls++;
        return sender.poll(clock.nanoTime(), (d, to) -> {
            sent.add(ByteBuffer.allocate(d.remaining()).put(d).flip());
            return true;
        });
    }

    void deliver(ByteBuffer datagram) {
        sender.onDatagram(datagram, RECEIVER, clock.nanoTime());
        poll();
    }

    /** Starts a packet under the traffic keys (after the handshake). */
    PacketWriter begin(ByteBuffer b) {
        return begin(b, false);
    }

    private PacketWriter begin(ByteBuffer b, boolean handshake) {
        writer.begin(b, 1452, ticket.transferId(), nextPn++, -1, true, handshake);
        return writer;
    }

    /** Seals the packet begun with {@link #begin(ByteBuffer)}. */
    ByteBuffer finish(ByteBuffer b) {
        writer.finish(traffic());
        return b;
    }

    /** An authentic HELLO for the whole file with this max_ack_delay. */
    void hello(long maxAckDelayMicros, long size) {
        ByteBuffer b = ByteBuffer.allocate(2048);
        begin(b, true).hello(helloNonce, maxAckDelayMicros, 1452, 64L << 20, ByteRanges.whole(size));
        writer.padTo(1200);
        writer.finish(handshakeKeys);
        deliver(b);
    }

    /** The traffic keys, known once the sender's HELLO_REPLY gave its nonce. */
    private PacketProtection traffic() {
        if (trafficKeys == null) {
            if (senderNonce == null) senderNonce = findReplyNonce();
            trafficKeys = KeySchedule.trafficProtection(ticket.token(), ticket.transferId(), helloNonce, senderNonce,
                    Side.RECEIVER);
        }
        return trafficKeys;
    }

    /** Echoes the sender's nonce from its HELLO_REPLY: the address is validated. */
    void helloDone() {
        if (senderNonce == null) senderNonce = findReplyNonce();
        ByteBuffer b = ByteBuffer.allocate(2048);
        begin(b).helloDone(senderNonce);
        deliver(finish(b));
    }

    private byte[] findReplyNonce() {
        for (ByteBuffer d : sent) {
            PacketReader r = new PacketReader();
            ByteBuffer copy = copyOf(d);
            if (r.open(copy) != PacketReader.OK || !r.handshake()) continue;
            long pn = PacketNumbers.decode(-1, r.truncatedPn(), r.pnLength() * 8);
            if (!r.unprotect(handshakeKeys, pn)) continue;
            for (int t = r.nextFrame(); t >= 0; t = r.nextFrame()) {
                if (t == Packet.HELLO_REPLY) return r.senderNonce().clone();
            }
        }
        throw new AssertionError("the sender sent no HELLO_REPLY");
    }

    /** Opening decrypts in place: work on a copy so that {@link #sent} keeps the wire bytes. */
    private static ByteBuffer copyOf(ByteBuffer d) {
        return ByteBuffer.allocate(d.remaining()).put(d.duplicate()).flip();
    }

    /** An ACK of the packet numbers {@code [lo, hi]} with this ack delay. */
    void ack(long lo, long hi, long ackDelayMicros) {
        AckRanges ranges = new AckRanges(256);
        for (long pn = lo; pn <= hi; pn++) ranges.add(pn);
        ack(ranges, ackDelayMicros);
    }

    void ack(AckRanges ranges, long ackDelayMicros) {
        ByteBuffer b = ByteBuffer.allocate(2048);
        begin(b).ack(ranges, ackDelayMicros);
        writer.flow(64L << 20, false);
        deliver(finish(b));
    }

    void close(long code) {
        ByteBuffer b = ByteBuffer.allocate(2048);
        begin(b).close(code, "");
        deliver(finish(b));
    }

    void ping() {
        ByteBuffer b = ByteBuffer.allocate(2048);
        begin(b).ping();
        deliver(finish(b));
    }

    /** Packet numbers of the sender's datagrams carrying DATA, from index {@code from} of {@link #sent}. */
    List<Long> dataPacketNumbers(int from) {
        return packetNumbersWith(Packet.DATA, from);
    }

    /** Packet numbers of the sender's datagrams carrying a frame of {@code frameType}, from index {@code from}. */
    List<Long> packetNumbersWith(int frameType, int from) {
        List<Long> pns = new ArrayList<>();
        long largest = -1;
        for (int i = 0; i < sent.size(); i++) {
            PacketReader r = new PacketReader();
            if (r.open(copyOf(sent.get(i))) != PacketReader.OK) continue;
            long pn = PacketNumbers.decode(largest, r.truncatedPn(), r.pnLength() * 8);
            largest = Math.max(largest, pn);
            if (i < from) continue;
            if (!r.unprotect(r.handshake() ? handshakeKeys : traffic(), pn)) continue;
            for (int t = r.nextFrame(); t >= 0; t = r.nextFrame()) {
                if (t == frameType) {
                    pns.add(pn);
                    break;
                }
            }
        }
        return pns;
    }

    /** Total bytes of the sender's datagrams. */
    long bytesSent() {
        return sent.stream().mapToLong(ByteBuffer::remaining).sum();
    }

    /** Runs the sender alone for {@code nanos} of manual time, jumping to each wake-up it asks for. */
    void runFor(long nanos, int maxPolls) {
        long end = clock.nanoTime() + nanos;
        for (int i = 0; i < maxPolls && clock.nanoTime() < end; i++) {
            long wake = poll();
            if (wake > clock.nanoTime()) clock.advanceTo(Math.min(wake, end));
        }
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
