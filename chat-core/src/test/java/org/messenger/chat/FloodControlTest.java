package org.messenger.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.messenger.testkit.ManualClock;

class FloodControlTest {
    private final ManualClock clock = new ManualClock(1_000_000_000L);
    private final FloodControl flood = new FloodControl(Duration.ofMillis(500), Duration.ofSeconds(5));

    @Test
    void allowsABurstThenThrottles() {
        for (int i = 0; i < 10; i++) {
            assertThat(flood.tryAcquire(clock.nanoTime())).as("message %d", i).isTrue();
        }
        assertThat(flood.tryAcquire(clock.nanoTime())).isFalse();
        assertThat(flood.burstMessages()).isEqualTo(10);
    }

    @Test
    void throttledClientGetsOneMessagePerCost() {
        for (int i = 0; i < 10; i++) {
            flood.tryAcquire(clock.nanoTime());
        }
        long wait = flood.nanosUntilAllowed(clock.nanoTime());
        assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(500).toNanos() + 1);
        clock.advanceNanos(wait);
        assertThat(flood.tryAcquire(clock.nanoTime())).isTrue();
        assertThat(flood.tryAcquire(clock.nanoTime())).isFalse();
    }

    @Test
    void restedClientGetsItsBurstBack() {
        for (int i = 0; i < 10; i++) {
            flood.tryAcquire(clock.nanoTime());
        }
        clock.advance(Duration.ofSeconds(5));
        assertThat(flood.nanosUntilAllowed(clock.nanoTime())).isZero();
        for (int i = 0; i < 10; i++) {
            assertThat(flood.tryAcquire(clock.nanoTime())).isTrue();
        }
    }

    @Test
    void steadyRateBelowTheLimitIsNeverThrottled() {
        for (int i = 0; i < 1000; i++) {
            assertThat(flood.tryAcquire(clock.nanoTime())).isTrue();
            clock.advance(Duration.ofMillis(500));
        }
    }

    @Test
    void zeroCostDisablesThrottling() {
        FloodControl off = new FloodControl(Duration.ZERO, Duration.ZERO);
        for (int i = 0; i < 10_000; i++) {
            assertThat(off.tryAcquire(clock.nanoTime())).isTrue();
        }
        assertThat(off.nanosUntilAllowed(clock.nanoTime())).isZero();
    }
}
