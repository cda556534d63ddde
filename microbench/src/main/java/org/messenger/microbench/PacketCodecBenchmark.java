package org.messenger.microbench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.messenger.transport.Buffers;
import org.messenger.transport.ack.AckRanges;
import org.messenger.transport.crypto.KeySchedule;
import org.messenger.transport.crypto.PacketProtection;
import org.messenger.transport.crypto.Side;
import org.messenger.transport.packet.Packet;
import org.messenger.transport.packet.PacketReader;
import org.messenger.transport.packet.PacketWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Building and reading the two packets of the data path: the sender's full DATA packet (header,
 * DATA frame, sealed with AES-128-GCM in place) and the receiver's ACK + FLOW packet. The payload
 * bytes are left as they are in the buffer, as a positional file read would fill them. Decoding
 * opens the packet in place, so each decode first copies the sealed datagram back into its buffer
 * (a memory copy, small beside the AEAD; {@link PacketProtectionBenchmark} has the AEAD alone).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PacketCodecBenchmark {
    private static final long TRANSFER_ID = 0x1234_5678_9abc_def0L;

    @Param({"1452", "65000"})
    int datagramBytes;

    private final PacketWriter writer = new PacketWriter();
    private final PacketReader reader = new PacketReader();
    private final AckRanges received = new AckRanges(32);
    private ByteBuffer out;
    private ByteBuffer dataPacket;
    private int dataPacketBytes;
    private ByteBuffer ackPacket;
    private int ackPacketBytes;
    private long pn = 1_000_000;
    private long ackPn = 5_000;
    private long offset = 3L << 30;
    private final byte[] token = new byte[32];
    private final byte[] nonce = new byte[16];
    private final PacketProtection sender = KeySchedule.trafficProtection(token, TRANSFER_ID, nonce, nonce, Side.SENDER);
    private final PacketProtection receiver = KeySchedule.trafficProtection(token, TRANSFER_ID, nonce, nonce,
            Side.RECEIVER);
    private byte[] sealedData;
    private long sealedDataPn;
    private byte[] sealedAck;
    private long sealedAckPn;

    @Setup(Level.Trial)
    public void buildPackets() {
        out = Buffers.alignedDirect(Packet.MAX_DATAGRAM_LIMIT);
        for (long p = 999_000; p < 1_000_000; p++) {
            if (p % 100 != 0) received.add(p); // a few holes, as after light loss
        }
        dataPacket = Buffers.alignedDirect(Packet.MAX_DATAGRAM_LIMIT);
        sealedDataPn = pn;
        dataPacketBytes = writeDataPacket(dataPacket);
        sealedData = new byte[dataPacketBytes];
        dataPacket.get(0, sealedData);
        ackPacket = Buffers.alignedDirect(Packet.MAX_DATAGRAM_LIMIT);
        sealedAckPn = ackPn;
        ackPacketBytes = writeAckPacket(ackPacket);
        sealedAck = new byte[ackPacketBytes];
        ackPacket.get(0, sealedAck);
        if (decodeDataPacket() < 0 || decodeAckPacket() < 0) {
            throw new IllegalStateException("the benchmark's own packets do not open");
        }
    }

    private int writeDataPacket(ByteBuffer buf) {
        buf.clear();
        writer.begin(buf, datagramBytes, TRANSFER_ID, pn, pn - 40, false, false);
        int length = writer.maxDataLength(offset);
        int at = writer.beginData(offset, length);
        writer.endData(at, length);
        pn++;
        offset += length;
        return writer.finish(sender);
    }

    private int writeAckPacket(ByteBuffer buf) {
        buf.clear();
        writer.begin(buf, datagramBytes, TRANSFER_ID, ackPn, ackPn - 10, true, false);
        ackPn++;
        writer.ack(received, 25);
        writer.flow(offset + (16 << 20), false);
        return writer.finish(receiver);
    }

    @Benchmark
    public int encodeDataPacket() {
        return writeDataPacket(out);
    }

    @Benchmark
    public long decodeDataPacket() {
        dataPacket.clear().put(0, sealedData).limit(dataPacketBytes);
        if (reader.open(dataPacket) != PacketReader.OK || !reader.unprotect(receiver, sealedDataPn)) return -1;
        long sum = 0;
        for (int type = reader.nextFrame(); type != PacketReader.END; type = reader.nextFrame()) {
            if (type == Packet.DATA) sum += reader.dataOffset() + reader.dataLength();
        }
        return sum;
    }

    @Benchmark
    public int encodeAckPacket() {
        return writeAckPacket(out);
    }

    @Benchmark
    public long decodeAckPacket() {
        ackPacket.clear().put(0, sealedAck).limit(ackPacketBytes);
        if (reader.open(ackPacket) != PacketReader.OK || !reader.unprotect(sender, sealedAckPn)) return -1;
        long sum = 0;
        for (int type = reader.nextFrame(); type != PacketReader.END; type = reader.nextFrame()) {
            if (type == Packet.ACK) sum += reader.ack().largest() + reader.ack().rangeCount();
            else if (type == Packet.FLOW) sum += reader.flowMaxOffset();
        }
        return sum;
    }
}
