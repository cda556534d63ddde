package org.messenger.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EndpointCountersTest {
    @Test
    void eachReasonCountsApartAndTheTotalLeavesOutReceivedDatagrams() {
        EndpointCounters c = new EndpointCounters();
        c.add(EndpointCounters.DATAGRAMS_RECEIVED);
        c.add(EndpointCounters.DATAGRAMS_RECEIVED);
        c.add(EndpointCounters.UNAUTHENTICATED);
        c.add(EndpointCounters.OUT_OF_RANGE_DATA);
        c.add(EndpointCounters.OUT_OF_RANGE_DATA);
        assertThat(c.datagramsReceived()).isEqualTo(2);
        assertThat(c.droppedUnauthenticated()).isEqualTo(1);
        assertThat(c.droppedOutOfRangeData()).isEqualTo(2);
        assertThat(c.droppedTooShort()).isZero();
        assertThat(c.droppedTotal()).isEqualTo(3);
        assertThat(c.toString()).contains("received=2", "unauthenticated=1", "outOfRangeData=2");
    }

    @Test
    void anotherThreadSeesTheWritersCountsOnceItHasFinished() throws Exception {
        EndpointCounters c = new EndpointCounters();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 100_000; i++) c.add(EndpointCounters.DUPLICATE);
        });
        writer.start();
        long last = 0;
        while (writer.isAlive()) {
            long seen = c.droppedDuplicate();
            assertThat(seen).as("never backwards").isGreaterThanOrEqualTo(last).isLessThanOrEqualTo(100_000);
            last = seen;
        }
        writer.join();
        assertThat(c.droppedDuplicate()).isEqualTo(100_000);
    }
}
