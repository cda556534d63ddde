package org.messenger.transport.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RttEstimatorTest {
    private static final long MS = 1_000_000L;

    @Test
    void startsFromTheRfc9002InitialRtt() {
        RttEstimator rtt = new RttEstimator();
        assertThat(rtt.smoothedRttNanos()).isEqualTo(333 * MS);
        assertThat(rtt.rttVarNanos()).isEqualTo(333 * MS / 2);
    }

    @Test
    void firstSampleSetsSmoothedAndHalfVariance() {
        // RFC 9002 §5.3: smoothed_rtt = latest_rtt, rttvar = latest_rtt / 2.
        RttEstimator rtt = new RttEstimator();
        rtt.onSample(100 * MS, 30 * MS, 0);
        assertThat(rtt.smoothedRttNanos()).isEqualTo(100 * MS);
        assertThat(rtt.rttVarNanos()).isEqualTo(50 * MS);
        assertThat(rtt.minRttNanos()).isEqualTo(100 * MS);
    }

    @Test
    void laterSamplesSubtractAckDelayAndSmooth() {
        // Worked: latest 120 ms, ack_delay 10 ms >= min_rtt + ack_delay, so adjusted = 110 ms;
        // rttvar = 3/4 * 50 + 1/4 * |100 - 110| = 40 ms; smoothed = 7/8 * 100 + 1/8 * 110 = 101.25 ms.
        RttEstimator rtt = new RttEstimator();
        rtt.onSample(100 * MS, 0, 0);
        rtt.onSample(120 * MS, 10 * MS, 1);
        assertThat(rtt.rttVarNanos()).isEqualTo(40 * MS);
        assertThat(rtt.smoothedRttNanos()).isEqualTo(101_250_000L);
        assertThat(rtt.latestRttNanos()).isEqualTo(120 * MS);
    }

    @Test
    void ignoresAckDelayThatWouldGoBelowMinRtt() {
        // latest 105 ms < min_rtt 100 + ack_delay 10: adjusted stays 105.
        RttEstimator rtt = new RttEstimator();
        rtt.onSample(100 * MS, 0, 0);
        rtt.onSample(105 * MS, 10 * MS, 1);
        assertThat(rtt.smoothedRttNanos()).isEqualTo((7 * 100 * MS + 105 * MS) / 8);
    }

    @Test
    void minRttFollowsTheSmallestSample() {
        RttEstimator rtt = new RttEstimator();
        rtt.onSample(100 * MS, 0, 0);
        rtt.onSample(80 * MS, 0, 1);
        rtt.onSample(90 * MS, 0, 2);
        assertThat(rtt.minRttNanos()).isEqualTo(80 * MS);
    }

    @Test
    void ptoIsSmoothedPlusFourVariancesPlusMaxAckDelay() {
        RttEstimator rtt = new RttEstimator();
        rtt.onSample(100 * MS, 0, 0);
        assertThat(rtt.ptoNanos(25 * MS)).isEqualTo(100 * MS + 4 * 50 * MS + 25 * MS);
    }
}
