package org.messenger.transport.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.messenger.transport.ByteRanges;
import org.messenger.transport.ack.AckRanges;
import org.messenger.transport.crypto.KeySchedule;
import org.messenger.transport.crypto.PacketProtection;
import org.messenger.transport.crypto.Side;

class PacketCodecProperties {
    private static final byte[] TOKEN = new byte[32];
    private static final byte[] NONCE_R = new byte[Packet.NONCE_BYTES];
    private static final byte[] NONCE_S = new byte[Packet.NONCE_BYTES];
    private final PacketWriter writer = new PacketWriter();
    private final PacketReader reader = new PacketReader();

    /** A fresh pair of ends for each packet: a sealing key never seals two packets under one number. */
    private static PacketProtection traffic(long transferId, Side side) {
        return KeySchedule.trafficProtection(TOKEN, transferId, NONCE_R, NONCE_S, side);
    }

    private static PacketProtection handshake(long transferId, Side side) {
        return KeySchedule.handshakeProtection(TOKEN, transferId, side);
    }

    @Property
    void varIntRoundTrips(@ForAll @LongRange(min = 0, max = (1L << 62) - 1) long value) {
        ByteBuffer b = ByteBuffer.allocate(8);
        VarInt.write(b, value);
        assertThat(b.position()).isEqualTo(VarInt.size(value));
        b.flip();
        assertThat(VarInt.read(b)).isEqualTo(value);
    }

    @Property
    void truncatedPacketNumbersDecodeToTheSentOne(@ForAll @LongRange(min = -1, max = 1L << 40) long largestAcked,
            @ForAll @IntRange(min = 1, max = 1_000_000) int ahead) {
        long pn = largestAcked + ahead;
        int len = PacketNumbers.encodedLength(pn, largestAcked);
        long truncated = pn & ((1L << (8 * len)) - 1);
        // The receiver has seen at least up to what the sender knows was acknowledged.
        assertThat(PacketNumbers.decode(largestAcked, truncated, 8 * len)).isEqualTo(pn);
    }

    @Property
    void aLatePacketDecodesToItsOwnNumberAfterThousandsOfNewerOnes(
            @ForAll @LongRange(min = -1, max = 1L << 40) long largestAcked, @ForAll @IntRange(min = 1, max = 64) int ahead,
            @ForAll @IntRange(min = 0, max = 16_000) int newerArrivedFirst) {
        long pn = largestAcked + ahead;
        int len = PacketNumbers.encodedLength(pn, largestAcked);
        long truncated = pn & ((1L << (8 * len)) - 1);
        // Reordering or a delayed duplicate: the receiver has already seen packets far above this one.
        assertThat(PacketNumbers.decode(pn + newerArrivedFirst, truncated, 8 * len)).isEqualTo(pn);
    }

    @Property
    void framesRoundTrip(@ForAll @LongRange(min = 0, max = 1L << 50) long transferId,
            @ForAll @LongRange(min = 0, max = 1L << 40) long pn, @ForAll @LongRange(min = 0, max = 1L << 45) long offset,
            @ForAll @IntRange(min = 0, max = 1400) int dataLength, @ForAll("ackedPns") long[] acked,
            @ForAll @LongRange(min = 0, max = 1L << 50) long maxOffset, @ForAll boolean paused) {
        AckRanges ranges = new AckRanges(32);
        for (long a : acked) ranges.add(a);
        ByteBuffer buf = ByteBuffer.allocateDirect(4096);
        writer.begin(buf, 4000, transferId, pn, pn - 1, true, false);
        writer.ack(ranges, 1234);
        writer.flow(maxOffset, paused);
        writer.ping();
        int at = writer.beginData(offset, dataLength);
        for (int i = 0; i < dataLength; i++) buf.put(at + i, (byte) i);
        writer.endData(at, dataLength);
        writer.close(CloseCode.CANCELLED, "bye");
        int size = writer.finish(traffic(transferId, Side.RECEIVER));
        assertThat(buf.remaining()).isEqualTo(size);

        assertThat(reader.open(buf)).isEqualTo(PacketReader.OK);
        assertThat(reader.transferId()).isEqualTo(transferId);
        assertThat(reader.fromReceiver()).isTrue();
        assertThat(PacketNumbers.decode(pn - 1, reader.truncatedPn(), reader.pnLength() * 8)).isEqualTo(pn);
        assertThat(reader.unprotect(traffic(transferId, Side.SENDER), pn)).isTrue();
        assertThat(reader.nextFrame()).isEqualTo(Packet.ACK);
        assertThat(reader.ack().largest()).isEqualTo(ranges.largest());
        assertThat(reader.ack().ackDelayMicros()).isEqualTo(1234);
        for (long a : acked) assertThat(reader.ack().contains(a)).isTrue();
        assertThat(reader.nextFrame()).isEqualTo(Packet.FLOW);
        assertThat(reader.flowMaxOffset()).isEqualTo(maxOffset);
        assertThat(reader.flowPaused()).isEqualTo(paused);
        assertThat(reader.nextFrame()).isEqualTo(Packet.PING);
        assertThat(reader.nextFrame()).isEqualTo(Packet.DATA);
        assertThat(reader.dataOffset()).isEqualTo(offset);
        assertThat(reader.dataLength()).isEqualTo(dataLength);
        for (int i = 0; i < dataLength; i++) assertThat(buf.get(reader.dataPosition() + i)).isEqualTo((byte) i);
        assertThat(reader.nextFrame()).isEqualTo(Packet.CLOSE);
        assertThat(reader.closeCode()).isEqualTo(CloseCode.CANCELLED);
        assertThat(reader.closeReason()).isEqualTo("bye");
        assertThat(reader.nextFrame()).isEqualTo(PacketReader.END);
    }

    @Provide
    Arbitrary<long[]> ackedPns() {
        return Arbitraries.longs().between(0, 500).array(long[].class).ofMinSize(1).ofMaxSize(20);
    }

    @Property
    void helloRoundTrips(@ForAll("ranges") ByteRanges wanted, @ForAll @IntRange(min = 1200, max = 65507) int maxDgram) {
        byte[] nonce = new byte[Packet.NONCE_BYTES];
        nonce[3] = 7;
        ByteBuffer buf = ByteBuffer.allocate(2048);
        writer.begin(buf, 1500, 5, 0, -1, true, true);
        writer.hello(nonce, 25_000, maxDgram, 1 << 20, wanted);
        writer.padTo(1200);
        writer.finish(handshake(5, Side.RECEIVER));
        assertThat(buf.remaining()).isEqualTo(1200);
        assertThat(reader.open(buf)).isEqualTo(PacketReader.OK);
        assertThat(reader.handshake()).isTrue();
        assertThat(reader.unprotect(handshake(5, Side.SENDER), 0)).isTrue();
        assertThat(reader.nextFrame()).isEqualTo(Packet.HELLO);
        assertThat(reader.helloRanges()).isEqualTo(wanted);
        assertThat(reader.helloMaxDatagram()).isEqualTo(maxDgram);
        assertThat(reader.nonce()).isEqualTo(nonce);
        assertThat(reader.nextFrame()).isEqualTo(Packet.PADDING);
        assertThat(reader.nextFrame()).isEqualTo(PacketReader.END);
    }

    @Provide
    Arbitrary<ByteRanges> ranges() {
        return Arbitraries.longs().between(0, 1L << 40).array(long[].class).ofMaxSize(40).map(points -> {
            ByteRanges r = new ByteRanges();
            for (long p : points) r.add(p, p + 1 + (p % 5000));
            return r;
        });
    }

    @Property
    void anyChangedByteFailsTheTag(@ForAll @IntRange(min = 0, max = 99) int index,
            @ForAll @IntRange(min = 1, max = 255) int flip, @ForAll boolean handshakePacket) {
        ByteBuffer buf = ByteBuffer.allocate(200);
        writer.begin(buf, 100, 42, 7, 6, false, handshakePacket);
        writer.ping();
        writer.padTo(100);
        writer.finish(handshakePacket ? handshake(42, Side.SENDER) : traffic(42, Side.SENDER));
        buf.put(index, (byte) (buf.get(index) ^ flip));
        PacketProtection opener = handshakePacket ? handshake(42, Side.RECEIVER) : traffic(42, Side.RECEIVER);
        assertThat(reader.open(buf) == PacketReader.OK
                && reader.unprotect(opener, PacketNumbers.decode(6, reader.truncatedPn(), 8 * reader.pnLength())))
                .isFalse();
    }

    @Property
    void truncatedDatagramsNeverThrow(@ForAll @IntRange(min = 0, max = 120) int cut) {
        ByteBuffer buf = ByteBuffer.allocate(200);
        writer.begin(buf, 150, 42, 7, 6, false, false);
        AckRanges r = new AckRanges(8);
        r.add(1);
        r.add(5);
        writer.ack(r, 3);
        int at = writer.beginData(100, 50);
        writer.endData(at, 50);
        int size = writer.finish(traffic(42, Side.SENDER));
        buf.limit(Math.min(size, cut));
        int rc = reader.open(buf);
        if (rc == PacketReader.OK && reader.unprotect(traffic(42, Side.RECEIVER), 7)) {
            while (true) {
                int t = reader.nextFrame();
                if (t == PacketReader.END || t == PacketReader.MALFORMED) break;
            }
        }
    }
}
