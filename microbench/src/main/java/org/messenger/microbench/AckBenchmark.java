package org.messenger.microbench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.messenger.transport.ack.AckFrame;
import org.messenger.transport.ack.AckRanges;
import org.messenger.transport.cc.CongestionController;
import org.messenger.transport.packet.Packet;
import org.messenger.transport.recovery.DeliveryRateEstimator;
import org.messenger.transport.recovery.LossDetector;
import org.messenger.transport.recovery.RttEstimator;
import org.messenger.transport.recovery.SentPacketRing;
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
 * ACK frames with many ranges, as a lossy path produces them: the receiver recording packet
 * numbers with holes, writing the frame, the sender parsing it and settling every packet it names
 * (loss detection, delivery-rate sampling and the congestion controller, the components
 * {@code SenderTransfer} drives). {@code ranges} is the number of ranges in each ACK; 32 is what
 * the receiver keeps, 64 the most one frame carries.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AckBenchmark {
    /** In the round-trip benchmark every fourth packet is lost: each range then holds three packets. */
    static final int PACKETS_PER_RANGE = 4;
    private static final int DATAGRAM_BYTES = Packet.DEFAULT_MAX_DATAGRAM;
    private static final long RTT_NANOS = 1_000_000L;

    @Param({"1", "32", "64"})
    int ranges;

    // Receiver side.
    private AckRanges received;
    private AckRanges full;
    private long nextReceivedPn;
    private final ByteBuffer frame = ByteBuffer.allocateDirect(Packet.MAX_DATAGRAM_LIMIT);
    private int frameBytes;

    // Sender side.
    private final AckFrame parsed = new AckFrame();
    private SentPacketRing sent;
    private RttEstimator rtt;
    private LossDetector lossDetector;
    private DeliveryRateEstimator deliveryRate;
    private CongestionController cc;
    private SenderListener listener;
    private long nowNanos;

    @Setup(Level.Trial)
    public void setUp() {
        received = new AckRanges(ranges);
        full = new AckRanges(ranges);
        for (long pn = 0; full.count() < ranges || pn % PACKETS_PER_RANGE != 0; pn++) {
            if (pn % PACKETS_PER_RANGE != 0) full.add(pn);
        }
        frame.clear();
        if (!full.writeFrame(frame, 25, 1400)) throw new IllegalStateException("ACK frame does not fit");
        frameBytes = frame.position();
        nextReceivedPn = 1_000_000;
        sent = new SentPacketRing(1 << 12);
        rtt = new RttEstimator();
        lossDetector = new LossDetector(sent, rtt);
        deliveryRate = new DeliveryRateEstimator();
        cc = CongestionController.create("bbr", DATAGRAM_BYTES);
        listener = new SenderListener();
        nowNanos = 1_000_000_000L;
    }

    /** The receiver records one packet number; every fourth is missing, so the ranges keep shifting. */
    @Benchmark
    public int receiverRecordsPacket() {
        long pn = nextReceivedPn++;
        if (pn % PACKETS_PER_RANGE == 0) pn = nextReceivedPn++;
        received.add(pn);
        return received.count();
    }

    /** The receiver writes an ACK frame of {@code ranges} ranges. */
    @Benchmark
    public int writeAckFrame() {
        frame.clear();
        full.writeFrame(frame, 25, 1400);
        return frame.position();
    }

    int parsedRangeCount() {
        return parsed.rangeCount();
    }

    /** The sender parses an ACK frame of {@code ranges} ranges. */
    @Benchmark
    public long parseAckFrame() {
        frame.clear().limit(frameBytes);
        frame.get(); // the frame type, read by PacketReader before the frame body
        return parsed.parse(frame) ? parsed.largest() : -1;
    }

    /**
     * One whole ACK round trip: the sender records {@code 4 x ranges} packets, the receiver gets
     * three of every four, writes its ACK, and the sender parses it and settles all of them (the
     * missing quarter is declared lost by the packet threshold).
     */
    @Benchmark
    public int ackRoundTrip() {
        long first = sent.nextPacketNumber();
        long sentAt = nowNanos;
        received.removeBelow(Long.MAX_VALUE);
        for (int i = 0; i < ranges * PACKETS_PER_RANGE; i++) {
            long pn = sent.add(sentAt, DATAGRAM_BYTES, true, true, dataOffsetOf(first, i), DATAGRAM_BYTES - 40,
                    deliveryRate.delivered(), deliveryRate.deliveredTimeNanos(), deliveryRate.firstSentTimeNanos(),
                    false);
            listener.onSent(pn, sentAt);
            if (i % PACKETS_PER_RANGE != 0) received.add(pn);
        }
        nowNanos += RTT_NANOS;
        frame.clear();
        received.writeFrame(frame, 25, 1400);
        frame.flip();
        frame.get();
        if (!parsed.parse(frame)) throw new IllegalStateException("own ACK frame does not parse");
        deliveryRate.beginAck();
        int newly = lossDetector.onAck(parsed, parsed.ackDelayMicros() * 1000, nowNanos, listener);
        if (deliveryRate.endAck(rtt.minRttNanos())) {
            cc.onRateSample(deliveryRate.delivered(), deliveryRate.samplePriorDelivered(),
                    deliveryRate.sampleRateBytesPerSecond(), deliveryRate.sampleAppLimited(), nowNanos, rtt);
        }
        if (listener.lostInPass) {
            cc.onCongestionEvent(listener.largestLostSentNanos, nowNanos);
            listener.lostInPass = false;
        }
        return newly;
    }

    private static long dataOffsetOf(long firstPn, int i) {
        return (firstPn + i) * (DATAGRAM_BYTES - 40);
    }

    /** What the sender does per settled packet, minus the byte-range bookkeeping. */
    private final class SenderListener implements LossDetector.Listener {
        long bytesInFlight;
        boolean lostInPass;
        long largestLostSentNanos;

        void onSent(long pn, long sentAtNanos) {
            bytesInFlight += DATAGRAM_BYTES;
            cc.onPacketSent(sentAtNanos, DATAGRAM_BYTES, bytesInFlight);
        }

        @Override
        public void onPacketAcked(long pn, long now) {
            bytesInFlight -= sent.sizeBytes(pn);
            deliveryRate.onPacketAcked(pn, sent, now);
            cc.onPacketAcked(sent.sentTimeNanos(pn), sent.sizeBytes(pn), sent.appLimited(pn), now, rtt);
        }

        @Override
        public void onPacketLost(long pn, long now) {
            bytesInFlight -= sent.sizeBytes(pn);
            cc.onPacketLost(sent.sizeBytes(pn), now);
            if (!lostInPass || sent.sentTimeNanos(pn) > largestLostSentNanos) {
                largestLostSentNanos = sent.sentTimeNanos(pn);
            }
            lostInPass = true;
        }
    }
}
