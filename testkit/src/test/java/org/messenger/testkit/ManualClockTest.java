package org.messenger.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ManualClockTest {
    @Test
    void movesOnlyWhenAdvanced() {
        ManualClock clock = new ManualClock(5);
        assertThat(clock.nanoTime()).isEqualTo(5);
        clock.advance(Duration.ofMillis(2));
        assertThat(clock.nanoTime()).isEqualTo(2_000_005);
    }

    @Test
    void refusesToGoBack() {
        ManualClock clock = new ManualClock(100);
        assertThatThrownBy(() -> clock.advanceTo(99)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.advanceNanos(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
