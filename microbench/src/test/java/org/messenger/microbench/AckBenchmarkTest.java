package org.messenger.microbench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AckBenchmarkTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 32, 64})
    void eachAckRoundTripSettlesThreeQuartersOfItsPacketsAsAcknowledged(int ranges) {
        AckBenchmark benchmark = new AckBenchmark();
        benchmark.ranges = ranges;
        benchmark.setUp();

        for (int round = 0; round < 100; round++) {
            assertThat(benchmark.ackRoundTrip()).isEqualTo(3 * ranges);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 32, 64})
    void writesAndParsesFramesWithTheRequestedNumberOfRanges(int ranges) {
        AckBenchmark benchmark = new AckBenchmark();
        benchmark.ranges = ranges;
        benchmark.setUp();

        assertThat(benchmark.parseAckFrame()).isEqualTo((long) AckBenchmark.PACKETS_PER_RANGE * ranges - 1);
        assertThat(benchmark.parsedRangeCount()).isEqualTo(ranges);
        assertThat(benchmark.writeAckFrame()).isGreaterThan(ranges * 2);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 32, 64})
    void receiverKeepsAtMostTheConfiguredRanges(int ranges) {
        AckBenchmark benchmark = new AckBenchmark();
        benchmark.ranges = ranges;
        benchmark.setUp();

        int count = 0;
        for (int i = 0; i < 1_000; i++) count = benchmark.receiverRecordsPacket();
        assertThat(count).isEqualTo(ranges);
    }
}
