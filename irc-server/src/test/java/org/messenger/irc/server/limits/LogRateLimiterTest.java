package org.messenger.irc.server.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.messenger.testkit.ManualClock;

class LogRateLimiterTest {
    private final ManualClock clock = new ManualClock();
    private final LogRateLimiter limiter = new LogRateLimiter(3, Duration.ofSeconds(1));

    @Test
    void letsABurstThroughThenCountsWhatItHoldsBack() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(clock.nanoTime())).isTrue();
        }
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.tryAcquire(clock.nanoTime())).isFalse();
        }
        assertThat(limiter.takeSuppressed()).isEqualTo(1000);
        assertThat(limiter.takeSuppressed()).isZero();
    }

    @Test
    void letsOneLineThroughPerIntervalOnceTheBurstIsSpent() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire(clock.nanoTime());
        }
        clock.advance(Duration.ofMillis(999));
        assertThat(limiter.tryAcquire(clock.nanoTime())).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.tryAcquire(clock.nanoTime())).isTrue();
        assertThat(limiter.tryAcquire(clock.nanoTime())).isFalse();
    }

    @Test
    void aLongQuietSpellRestoresTheWholeBurstAndNoMore() {
        limiter.tryAcquire(clock.nanoTime());
        clock.advance(Duration.ofDays(365));
        int passed = 0;
        for (int i = 0; i < 10; i++) {
            passed += limiter.tryAcquire(clock.nanoTime()) ? 1 : 0;
        }
        assertThat(passed).isEqualTo(3);
    }

    @Test
    void holdsAcrossTheWrapOfTheNanosecondClock() {
        LogRateLimiter oneALine = new LogRateLimiter(1, Duration.ofSeconds(1));
        long justBeforeTheWrap = Long.MAX_VALUE - Duration.ofMillis(200).toNanos();
        assertThat(oneALine.tryAcquire(justBeforeTheWrap)).isTrue();
        assertThat(oneALine.tryAcquire(justBeforeTheWrap + Duration.ofMillis(500).toNanos())).isFalse();
        assertThat(oneALine.tryAcquire(justBeforeTheWrap + Duration.ofSeconds(1).toNanos())).isTrue();
    }

    @Test
    void refusesABurstOrIntervalItCannotCountWithout() {
        assertThatThrownBy(() -> new LogRateLimiter(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LogRateLimiter(ConnectionLimits.MAX_BURST + 1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LogRateLimiter(3, Duration.ofDays(2))).isInstanceOf(IllegalArgumentException.class);
    }
}
