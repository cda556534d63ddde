package org.messenger.transport.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.messenger.transport.ack.AckFrame;
import org.messenger.transport.ack.AckRanges;

class LossDetectorTest {
    private static final long MS = 1_000_000L;
    private final SentPacketRing ring = new SentPacketRing(64);
    private final RttEstimator rtt = new RttEstimator();
    private final LossDetector detector = new LossDetector(ring, rtt);
    private final List<Long> acked = new ArrayList<>();
    private final List<Long> lost = new ArrayList<>();
    private final LossDetector.Listener listener = new LossDetector.Listener() {
        @Override
        public void onPacketAcked(long pn, long nowNanos) {
            acked.add(pn);
        }

        @Override
        public void onPacketLost(long pn, long nowNanos) {
            lost.add(pn);
        }
    };

    private void send(int count, long atNanos) {
        for (int i = 0; i < count; i++) ring.add(atNanos, 1200, true, true, 0, 0, 0, 0, 0, false);
    }

    private static AckFrame ack(long... pns) {
        AckRanges r = new AckRanges(16);
        for (long pn : pns) r.add(pn);
        ByteBuffer b = ByteBuffer.allocate(256);
        r.writeFrame(b, 0, 256);
        b.flip().get();
        AckFrame f = new AckFrame();
        f.parse(b);
        return f;
    }

    @Test
    void declaresPacketLostWhenThreeLaterPacketsAcked() {
        send(6, 0);
        detector.onAck(ack(4), 0, 100 * MS, listener);
        // kPacketThreshold = 3: 4 - 3 >= pn for pn 0 and 1.
        assertThat(lost).containsExactly(0L, 1L);
        assertThat(acked).containsExactly(4L);
    }

    @Test
    void armsTheTimeThresholdForYoungerPackets() {
        send(1, 0); // pn 0 at t=0
        send(1, 10 * MS); // pn 1 at t=10ms
        detector.onAck(ack(1), 0, 100 * MS, listener); // rtt sample 90 ms
        assertThat(lost).isEmpty();
        // loss_delay = 9/8 * max(smoothed 90, latest 90) = 101.25 ms after pn 0 was sent.
        assertThat(detector.lossTimeNanos()).isEqualTo(101_250_000L);
        detector.detectLostPackets(101_250_000L, listener);
        assertThat(lost).containsExactly(0L);
        assertThat(detector.lossTimeNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void takesAnRttSampleFromTheLargestNewlyAcked() {
        send(3, 5 * MS);
        detector.onAck(ack(0, 1, 2), 0, 45 * MS, listener);
        assertThat(rtt.latestRttNanos()).isEqualTo(40 * MS);
        assertThat(acked).containsExactly(0L, 1L, 2L);
    }

    @Test
    void rejectsAcksForPacketsNeverSent() {
        send(2, 0);
        assertThat(detector.onAck(ack(7), 0, MS, listener)).isEqualTo(LossDetector.ACK_INVALID);
        assertThat(acked).isEmpty();
    }

    @Test
    void ignoresDuplicateAcks() {
        send(2, 0);
        detector.onAck(ack(0, 1), 0, MS, listener);
        assertThat(detector.onAck(ack(0, 1), 0, 2 * MS, listener)).isZero();
        assertThat(acked).containsExactly(0L, 1L);
    }

    @Test
    void probeTimeoutBacksOffExponentially() {
        rtt.onSample(40 * MS, 0, 0);
        ProbeTimeout pto = new ProbeTimeout();
        long base = pto.deadlineNanos(0, true, rtt, 25 * MS);
        assertThat(base).isEqualTo(40 * MS + 80 * MS + 25 * MS);
        pto.onExpired();
        assertThat(pto.deadlineNanos(0, true, rtt, 25 * MS)).isEqualTo(2 * base);
        pto.onExpired();
        assertThat(pto.deadlineNanos(0, true, rtt, 25 * MS)).isEqualTo(4 * base);
        pto.reset();
        assertThat(pto.deadlineNanos(0, true, rtt, 25 * MS)).isEqualTo(base);
        assertThat(pto.deadlineNanos(0, false, rtt, 25 * MS)).isEqualTo(Long.MAX_VALUE);
        for (int i = 0; i < 10; i++) pto.onExpired();
        assertThat(pto.deadlineNanos(0, true, rtt, 25 * MS)).isEqualTo(ProbeTimeout.MAX_BACKED_OFF_PERIOD_NANOS);
    }

    @Test
    void theSecondProbeOfAnExpiryComesHalfAPeriodLaterAndLeavesTheTimerWhereItWas() {
        rtt.onSample(40 * MS, 0, 0);
        ProbeTimeout pto = new ProbeTimeout();
        pto.onAckElicitingSent(1000 * MS, false);
        long firstDeadline = pto.deadlineNanos(true, rtt, 25 * MS);
        pto.onExpired(firstDeadline, rtt, 25 * MS);
        pto.onAckElicitingSent(firstDeadline, false); // the first probe
        long period = pto.periodNanos(rtt, 25 * MS);
        assertThat(pto.secondProbeAtNanos()).isEqualTo(firstDeadline + period / 2);
        assertThat(pto.takeSecondProbe(firstDeadline + period / 2 - 1)).isFalse();
        assertThat(pto.takeSecondProbe(firstDeadline + period / 2)).isTrue();
        assertThat(pto.takeSecondProbe(firstDeadline + period)).as("due once").isFalse();
        pto.onAckElicitingSent(firstDeadline + period / 2, true); // the second probe
        assertThat(pto.deadlineNanos(true, rtt, 25 * MS)).isEqualTo(firstDeadline + period);
    }

    @Test
    void anAcknowledgementCancelsThePendingSecondProbe() {
        rtt.onSample(40 * MS, 0, 0);
        ProbeTimeout pto = new ProbeTimeout();
        pto.onExpired(0, rtt, 25 * MS);
        pto.reset();
        assertThat(pto.secondProbeAtNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(pto.takeSecondProbe(10_000 * MS)).isFalse();
    }

    @Test
    void probeTimeoutOnALongPathKeepsOneDoublingBeyondTheCap() {
        rtt.onSample(1000 * MS, 0, 0); // a satellite round trip: one period is already past the cap
        ProbeTimeout pto = new ProbeTimeout();
        long base = pto.periodNanos(rtt, 25 * MS);
        for (int i = 0; i < 10; i++) pto.onExpired();
        assertThat(pto.periodNanos(rtt, 25 * MS)).isEqualTo(2 * base);
    }

    @Test
    void detectsPersistentCongestionOverALongRunOfLosses() {
        rtt.onSample(10 * MS, 0, 0); // pto period = 10 + 20 + 0 = 30 ms; threshold 90 ms
        PersistentCongestion pc = new PersistentCongestion();
        pc.begin();
        pc.onLost(1, 1 * MS, true, rtt, 0);
        pc.onLost(2, 50 * MS, true, rtt, 0);
        assertThat(pc.detected()).isFalse();
        pc.onLost(3, 92 * MS, true, rtt, 0);
        assertThat(pc.detected()).isTrue();
    }

    @Test
    void anAcknowledgedPacketBreaksTheRun() {
        rtt.onSample(10 * MS, 0, 0);
        PersistentCongestion pc = new PersistentCongestion();
        pc.begin();
        pc.onLost(1, 1 * MS, true, rtt, 0);
        pc.onAcked(2);
        pc.onLost(3, 100 * MS, true, rtt, 0);
        assertThat(pc.detected()).isFalse();
    }
}
