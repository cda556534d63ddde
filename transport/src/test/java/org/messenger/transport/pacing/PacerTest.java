package org.messenger.transport.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacerTest {
    /** After a second of idleness at a loopback-class rate, how many datagrams may leave at once. */
    @Test
    void theBurstIsBoundedInDatagramsWhateverTheRate() {
        Pacer pacer = new Pacer(1452);
        pacer.setRate(10_000_000_000L); // 10 GB/s: 2 ms of it is 13,774 datagrams
        long now = 1_000_000_000L;
        int burst = 0;
        while (pacer.nextSendNanos(1452, now) <= now && burst < 100_000) {
            pacer.onSent(1452, now);
            burst++;
        }
        assertThat(burst).isBetween(Pacer.MIN_BURST_PACKETS, Pacer.MAX_BURST_PACKETS);
    }

    @Test
    void theBurstIsBoundedInTimeAtLowRates() {
        Pacer pacer = new Pacer(1452);
        pacer.setRate(14_520_000); // 10,000 datagrams a second: 2 ms of it is 20 datagrams
        long now = 1_000_000_000L;
        int burst = 0;
        while (pacer.nextSendNanos(1452, now) <= now && burst < 100_000) {
            pacer.onSent(1452, now);
            burst++;
        }
        assertThat(burst).isEqualTo(20);
    }
}
