package org.messenger.transport.cc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.messenger.transport.recovery.RttEstimator;

class CongestionControllerTest {
    private static final int MSS = 1452;
    private static final long MS = 1_000_000L;
    private final RttEstimator rtt = new RttEstimator();

    CongestionControllerTest() {
        rtt.onSample(50 * MS, 0, 0);
    }

    @Test
    void startsWithTheRfc9002InitialWindowInSlowStart() {
        NewReno reno = new NewReno(MSS);
        assertThat(reno.cwndBytes()).isEqualTo(10L * MSS);
        assertThat(reno.inSlowStart()).isTrue();
    }

    @Test
    void slowStartGrowsByEveryAcknowledgedByte() {
        NewReno reno = new NewReno(MSS);
        long before = reno.cwndBytes();
        reno.onPacketAcked(1, MSS, false, 2, rtt);
        assertThat(reno.cwndBytes()).isEqualTo(before + MSS);
    }

    @Test
    void appLimitedAcksDoNotGrowTheWindow() {
        NewReno reno = new NewReno(MSS);
        long before = reno.cwndBytes();
        reno.onPacketAcked(1, MSS, true, 2, rtt);
        assertThat(reno.cwndBytes()).isEqualTo(before);
    }

    @Test
    void lossHalvesTheWindowAndLeavesSlowStart() {
        NewReno reno = new NewReno(MSS);
        long before = reno.cwndBytes();
        reno.onCongestionEvent(10, 20);
        assertThat(reno.cwndBytes()).isEqualTo(before / 2);
        assertThat(reno.ssthreshBytes()).isEqualTo(before / 2);
        assertThat(reno.inSlowStart()).isFalse();
    }

    @Test
    void reducesOncePerLossEpisode() {
        NewReno reno = new NewReno(MSS);
        reno.onCongestionEvent(10, 20); // recovery starts at t=20
        long after = reno.cwndBytes();
        reno.onCongestionEvent(15, 25); // sent before recovery began: same episode
        assertThat(reno.cwndBytes()).isEqualTo(after);
        reno.onCongestionEvent(30, 40); // sent after: a new episode
        assertThat(reno.cwndBytes()).isLessThan(after);
    }

    @Test
    void doesNotGrowForPacketsSentDuringRecovery() {
        NewReno reno = new NewReno(MSS);
        reno.onCongestionEvent(10, 20);
        long after = reno.cwndBytes();
        reno.onPacketAcked(15, MSS, false, 30, rtt);
        assertThat(reno.cwndBytes()).isEqualTo(after);
    }

    @Test
    void congestionAvoidanceAddsOneDatagramPerWindow() {
        NewReno reno = new NewReno(MSS);
        reno.onCongestionEvent(10, 20);
        long w = reno.cwndBytes();
        long acked = 0;
        while (acked < w) {
            reno.onPacketAcked(100, MSS, false, 200, rtt);
            acked += MSS;
        }
        assertThat(reno.cwndBytes()).isEqualTo(w + MSS);
    }

    @Test
    void persistentCongestionCollapsesToTheMinimumWindow() {
        for (CongestionController cc : new CongestionController[] {new NewReno(MSS), new Cubic(MSS)}) {
            cc.onPersistentCongestion(100);
            assertThat(cc.cwndBytes()).as(cc.name()).isEqualTo(2L * MSS);
        }
    }

    @Test
    void cubicReducesToSevenTenths() {
        Cubic cubic = new Cubic(MSS);
        for (int i = 0; i < 90; i++) cubic.onPacketAcked(1, MSS, false, 2, rtt); // grow to 100 MSS
        long before = cubic.cwndBytes();
        cubic.onCongestionEvent(10, 20);
        assertThat(cubic.cwndBytes()).isEqualTo((long) (before * 0.7));
    }

    @Test
    void cubicRegrowsTowardsTheOldMaximumAndBeyond() {
        Cubic cubic = new Cubic(MSS);
        for (int i = 0; i < 90; i++) cubic.onPacketAcked(1, MSS, false, 2, rtt);
        long wMax = cubic.cwndBytes();
        cubic.onCongestionEvent(10, 20);
        long now = 30;
        // K = cbrt(W_max (1 - beta) / C) = cbrt(100 * 0.3 / 0.4) ~ 4.2 s: by 6 s it is past W_max.
        for (int i = 0; i < 200_000 && now < 6_000 * MS; i++) {
            now += 50 * MS / 100;
            cubic.onPacketAcked(now - 50 * MS, MSS, false, now, rtt);
        }
        assertThat(cubic.cwndBytes()).isGreaterThan(wMax);
    }

    @Test
    void hyStartLeavesSlowStartWhenRttGrows() {
        NewReno reno = new NewReno(MSS);
        RttEstimator r = new RttEstimator();
        long now = 0;
        // Round 1: 8 samples at 50 ms. Round 2: 8 samples at 60 ms (> 50 + max(4, 50/8) ms).
        for (int round = 0; round < 2 && reno.inSlowStart(); round++) {
            long sentAt = now;
            reno.onPacketSent(sentAt, MSS, 0);
            for (int i = 0; i < 8; i++) {
                now += MS;
                r.onSample(round == 0 ? 50 * MS : 60 * MS, 0, now);
                reno.onPacketAcked(sentAt, MSS, false, now, r);
            }
            now += MS;
        }
        assertThat(reno.inSlowStart()).isFalse();
    }

    @Test
    void pacesAtAMultipleOfWindowPerRtt() {
        NewReno reno = new NewReno(MSS);
        // Slow start: 2 x cwnd / srtt = 2 * 14520 B / 50 ms.
        assertThat(reno.pacingRateBytesPerSecond(rtt)).isEqualTo((long) (2.0 * 14520 * 1e9 / (50 * MS)));
        reno.onCongestionEvent(1, 2);
        assertThat(reno.pacingRateBytesPerSecond(rtt)).isEqualTo((long) (1.25 * 7260 * 1e9 / (50 * MS)));
    }

    @Test
    void bbrPacesAtTheMeasuredBandwidthAndIgnoresASingleLoss() {
        Bbr bbr = new Bbr(MSS);
        long delivered = 0;
        long now = 0;
        for (int round = 0; round < 12; round++) { // bandwidth stops growing: STARTUP ends
            long prior = delivered;
            delivered += 625_000; // 12.5 MB/s over 50 ms
            now += 50 * MS;
            bbr.onRateSample(delivered, prior, 12_500_000, false, now, rtt);
        }
        assertThat(bbr.inSlowStart()).isFalse();
        assertThat(bbr.bottleneckBandwidth()).isEqualTo(12_500_000);
        long rate = bbr.pacingRateBytesPerSecond(rtt);
        bbr.onPacketLost(MSS, now);
        bbr.onCongestionEvent(now - MS, now);
        assertThat(bbr.pacingRateBytesPerSecond(rtt)).isEqualTo(rate);
        // cwnd ~ 2 x BDP: 2 x 12.5 MB/s x 50 ms + 3 datagrams.
        assertThat(bbr.cwndBytes()).isEqualTo(2 * 625_000 + 3L * MSS);
    }

    @Test
    void bbrCutsItsEstimateWhenCruisingLossMeetsAQueueThatStandsAllRound() {
        Bbr bbr = cruisingBbr();
        long now = 12 * 50 * MS;
        long delivered = 12 * 625_000L;
        for (int round = 0; round < 3; round++) { // others keep the queue standing: every RTT 10 ms up
            rtt.onSample(60 * MS, 0, now);
            long prior = delivered;
            delivered += 625_000;
            now += 50 * MS;
            bbr.onRateSample(delivered, prior, 12_500_000, false, now, rtt);
        }
        bbr.onPacketLost(4 * MSS, now);
        assertThat(bbr.bottleneckBandwidth()).isEqualTo((long) (Bbr.CONTENTION_BETA * 12_500_000));
        assertThat(bbr.contentionCuts()).isEqualTo(1);
    }

    @Test
    void bbrKeepsItsEstimateWhenLossComesWithOnlyALateRttSample() {
        Bbr bbr = cruisingBbr();
        long now = 12 * 50 * MS;
        long delivered = 12 * 625_000L;
        for (int round = 0; round < 3; round++) { // a lone flow: the queue is empty, RTT at min_rtt
            rtt.onSample(50 * MS, 0, now);
            long prior = delivered;
            delivered += 625_000;
            now += 50 * MS;
            bbr.onRateSample(delivered, prior, 12_500_000, false, now, rtt);
        }
        rtt.onSample(60 * MS, 0, now); // one sample late by a slow thread wake-up, not by a queue
        bbr.onPacketLost(4 * MSS, now);
        assertThat(bbr.bottleneckBandwidth()).isEqualTo(12_500_000);
        assertThat(bbr.contentionCuts()).isZero();
    }

    /** Bbr past STARTUP at 12.5 MB/s over a 50 ms path, after 12 rounds (600 ms). */
    private Bbr cruisingBbr() {
        Bbr bbr = new Bbr(MSS);
        long delivered = 0;
        long now = 0;
        for (int round = 0; round < 12; round++) {
            long prior = delivered;
            delivered += 625_000;
            now += 50 * MS;
            bbr.onRateSample(delivered, prior, 12_500_000, false, now, rtt);
        }
        assertThat(bbr.mode()).isEqualTo("PROBE_BW");
        return bbr;
    }
}
