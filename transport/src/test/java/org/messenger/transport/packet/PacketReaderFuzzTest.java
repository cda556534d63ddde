package org.messenger.transport.packet;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import org.messenger.transport.ByteRanges;
import org.messenger.transport.ack.AckFrame;
import org.messenger.transport.crypto.PacketProtection;
import org.messenger.transport.crypto.Side;

/**
 * The datagram decoder on any bytes from the network, in two targets, with the keys of one fixed
 * transfer ({@link FuzzPackets#fixedTransferKeys}):
 * <ul>
 *   <li>{@link #datagram}: the input is the whole datagram; {@link PacketReader#open} answers with
 *       a result code, and if it opens, {@link PacketReader#unprotect} checks it with the reading
 *       end's key (handshake HMAC or AEAD, as its header says); if it is authentic, the frames are
 *       walked as below. Its seeds are real packets sealed under these keys; almost every mutation
 *       of one fails the tag, which is the point of the tag.
 *   <li>{@link #frames}: the input is a flags byte (bits 0-1 packet number length - 1, bit 2 from
 *       the receiver, bit 3 a handshake packet) and plaintext frames, sealed by
 *       {@link FuzzPackets#protect} with this transfer's keys into a datagram that opens, so the
 *       frame parsers see every input.
 * </ul>
 * Invariants: nothing is thrown; {@link PacketReader#nextFrame} ends (each frame consumes a byte
 * or more), stays inside the datagram and returns only known frame types, END or MALFORMED; every
 * field it hands out is within its documented bounds. Corpus: {@code PacketReaderFuzzTestInputs/}.
 */
class PacketReaderFuzzTest {
    static final long TRANSFER_ID = FuzzPackets.FIXED_TRANSFER_ID;
    private static final long PN = 0x5A5A5A5AL;

    @FuzzTest(maxDuration = "10s")
    void datagram(byte[] input) {
        PacketReader reader = new PacketReader();
        ByteBuffer datagram = ByteBuffer.wrap(input);
        int result = reader.open(datagram);
        assertThat(result).isBetween(PacketReader.OK, PacketReader.BAD_FLAGS);
        if (result != PacketReader.OK) return;
        Side author = reader.fromReceiver() ? Side.RECEIVER : Side.SENDER;
        long pn = PacketNumbers.decode(PN, reader.truncatedPn(), 8 * reader.pnLength());
        if (reader.unprotect(protection(author.peer(), reader.handshake()), pn)) walk(reader, datagram);
    }

    @FuzzTest(maxDuration = "10s")
    void frames(byte[] input) {
        if (input.length == 0) return;
        int pnLength = 1 + (input[0] & 3);
        boolean fromReceiver = (input[0] & 4) != 0;
        boolean handshake = (input[0] & 8) != 0;
        int length = Math.min(input.length - 1, FuzzPackets.MAX_FRAMES_BYTES);
        if (length < 1) return; // the envelope needs a frame byte
        Side author = fromReceiver ? Side.RECEIVER : Side.SENDER;
        ByteBuffer datagram = FuzzPackets.protect(protection(author, handshake), TRANSFER_ID, PN, pnLength,
                fromReceiver, input, 1, length);
        PacketReader reader = new PacketReader();
        assertThat(reader.open(datagram)).as("a protected datagram opens").isEqualTo(PacketReader.OK);
        assertThat(reader.transferId()).isEqualTo(TRANSFER_ID);
        assertThat(reader.fromReceiver()).isEqualTo(fromReceiver);
        assertThat(reader.handshake()).isEqualTo(handshake);
        assertThat(reader.pnLength()).isEqualTo(pnLength);
        long pn = PacketNumbers.decode(PN, reader.truncatedPn(), 8 * pnLength);
        assertThat(reader.unprotect(protection(author.peer(), handshake), pn)).as("authentic under the transfer's keys").isTrue();
        walk(reader, datagram);
    }

    private static PacketProtection protection(Side self, boolean handshake) {
        return FuzzPackets.fixedTransferKeys(self, handshake);
    }

    private static void walk(PacketReader reader, ByteBuffer datagram) {
        int start = datagram.position();
        int end = datagram.limit();
        int frames = 0;
        for (int type = reader.nextFrame(); type != PacketReader.END; type = reader.nextFrame()) {
            assertThat(++frames).as("frames in one datagram").isLessThanOrEqualTo(end - start);
            assertThat(datagram.position()).isBetween(start, end);
            if (type == PacketReader.MALFORMED) return;
            switch (type) {
                case Packet.PADDING, Packet.PING, Packet.HELLO_DONE -> { }
                case Packet.ACK -> checkAck(reader.ack());
                case Packet.DATA -> {
                    assertThat(reader.dataOffset()).isBetween(0L, VarInt.MAX - reader.dataLength());
                    assertThat(reader.dataLength()).isNotNegative();
                    assertThat(reader.dataPosition()).isBetween(start, end - reader.dataLength());
                }
                case Packet.FLOW -> assertThat(reader.flowMaxOffset()).isBetween(0L, VarInt.MAX);
                case Packet.CLOSE -> {
                    assertThat(reader.closeCode()).isBetween(0L, VarInt.MAX);
                    assertThat(reader.closeReason()).isNotNull();
                }
                case Packet.HELLO -> {
                    assertThat(reader.helloMaxAckDelayMicros()).isNotNegative();
                    assertThat(reader.helloMaxDatagram()).isBetween(Packet.MIN_HELLO_DATAGRAM, Packet.MAX_DATAGRAM_LIMIT);
                    assertThat(reader.helloInitialMaxData()).isNotNegative();
                    ByteRanges ranges = reader.helloRanges();
                    assertThat(ranges.rangeCount()).isLessThanOrEqualTo(Packet.MAX_HELLO_RANGES);
                    for (int i = 0; i < ranges.rangeCount(); i++) {
                        assertThat(ranges.start(i)).isNotNegative().isLessThanOrEqualTo(ranges.end(i));
                    }
                }
                case Packet.HELLO_REPLY ->
                        assertThat(reader.helloMaxDatagram()).isBetween(Packet.MIN_HELLO_DATAGRAM, Packet.MAX_DATAGRAM_LIMIT);
                default -> throw new AssertionError("nextFrame returned unknown type " + type);
            }
        }
        assertThat(datagram.position()).as("END only at the end of the frames").isEqualTo(end);
    }

    private static void checkAck(AckFrame ack) {
        assertThat(ack.rangeCount()).isPositive();
        assertThat(ack.ackDelayMicros()).isNotNegative();
        assertThat(ack.high(0)).isEqualTo(ack.largest());
        for (int i = 0; i < ack.rangeCount(); i++) {
            assertThat(ack.low(i)).isNotNegative().isLessThanOrEqualTo(ack.high(i));
            if (i > 0) assertThat(ack.high(i)).as("ranges descend with a gap").isLessThan(ack.low(i - 1) - 1);
        }
    }
}
