package org.messenger.transport.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Timers built from absurd but representable RTTs never land in the past (issue 14, item 1). */
class TimerOverflowTest {
    @Test
    void aHugeRttGivesAFarDeadlineNotAPastOne() {
        RttEstimator rtt = new RttEstimator();
        rtt.onSample(Long.MAX_VALUE / 3, 0, 0);
        rtt.onSample(Long.MAX_VALUE / 3, 0, 1);
        ProbeTimeout pto = new ProbeTimeout();
        long now = 5_000_000_000L;
        pto.onAckElicitingSent(now, false);
        for (int i = 0; i < 10; i++) {
            assertThat(pto.deadlineNanos(true, rtt, 16_000_000_000L)).isGreaterThan(now);
            pto.onExpired(now, rtt, 16_000_000_000L);
            assertThat(pto.secondProbeAtNanos()).isGreaterThan(now);
        }
        assertThat(rtt.ptoNanos(16_000_000_000L)).isPositive();
    }

    @Test
    void aNegativeAckDelayIsNotSubtracted() {
        RttEstimator rtt = new RttEstimator();
        rtt.onSample(10_000_000, 0, 0);
        rtt.onSample(10_000_000, -1_000_000_000_000L, 1);
        assertThat(rtt.smoothedRttNanos()).isEqualTo(10_000_000);
        assertThat(rtt.latestAdjustedRttNanos()).isEqualTo(10_000_000);
    }

    @Test
    void aHugeRttGivesALossTimeInTheFuture() {
        RttEstimator rtt = new RttEstimator();
        rtt.onSample(Long.MAX_VALUE / 2, 0, 0);
        SentPacketRing ring = new SentPacketRing(16);
        LossDetector detector = new LossDetector(ring, rtt);
        long now = 1_000_000_000L;
        for (int i = 0; i < 3; i++) ring.add(now, 1200, true, true, i * 1000L, 1000, 0, 0, 0, false);
        var ack = new org.messenger.transport.ack.AckFrame();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(64);
        org.messenger.transport.packet.VarInt.write(b, 2); // largest
        org.messenger.transport.packet.VarInt.write(b, 0); // delay
        org.messenger.transport.packet.VarInt.write(b, 0); // range count
        org.messenger.transport.packet.VarInt.write(b, 0); // first range: only 2
        b.flip();
        assertThat(ack.parse(b)).isTrue();
        detector.onAck(ack, 0, now + 1, new LossDetector.Listener() {
            public void onPacketAcked(long pn, long nowNanos) {}

            public void onPacketLost(long pn, long nowNanos) {
                throw new AssertionError("packet " + pn + " declared lost by a wrapped time threshold");
            }
        });
        assertThat(detector.lossTimeNanos()).isGreaterThan(now);
    }
}
