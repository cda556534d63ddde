package org.messenger.irc.server.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.messenger.testkit.ManualClock;

class ConnectionLimiterTest {
    private final ManualClock clock = new ManualClock();
    private static final ConnectionLimits LIMITS = ConnectionLimits.DEFAULTS.withMaxClients(100).withMaxPerAddress(3)
            .withConnectThrottle(5, Duration.ofSeconds(2)).withPasswordThrottle(2, Duration.ofSeconds(10));

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void refusesTheConnectionOverThePerAddressLimitUntilOneCloses() {
        ConnectionLimiter limiter = new ConnectionLimiter(LIMITS);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.admit(ip("203.0.113.5"), clock.nanoTime()).admitted()).isTrue();
        }
        assertThat(limiter.admit(ip("203.0.113.5"), clock.nanoTime()).refusal())
                .isEqualTo(Admission.Refusal.TOO_MANY_CONNECTIONS);
        assertThat(limiter.admit(ip("203.0.113.6"), clock.nanoTime()).admitted()).isTrue();
        limiter.release(ip("203.0.113.5"), clock.nanoTime());
        assertThat(limiter.admit(ip("203.0.113.5"), clock.nanoTime()).admitted()).isTrue();
    }

    @Test
    void throttlesAnAddressThatReconnectsFasterThanTheRateAfterItsBurst() {
        ConnectionLimiter limiter = new ConnectionLimiter(LIMITS);
        InetAddress a = ip("198.51.100.1");
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.admit(a, clock.nanoTime()).admitted()).isTrue();
            limiter.release(a, clock.nanoTime());
        }
        Admission refused = limiter.admit(a, clock.nanoTime());
        assertThat(refused.refusal()).isEqualTo(Admission.Refusal.CONNECTING_TOO_OFTEN);
        assertThat(refused.retryAfterNanos()).isEqualTo(Duration.ofSeconds(2).toNanos());
        assertThat(refused.reason(LIMITS)).isEqualTo("Connecting too often from your address: try again in 2 s");
        clock.advance(Duration.ofMillis(1999));
        assertThat(limiter.admit(a, clock.nanoTime()).admitted()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.admit(a, clock.nanoTime()).admitted()).isTrue();
    }

    @Test
    void refusedAttemptsDoNotCountSoAnAddressThatStopsGetsBackIn() {
        ConnectionLimiter limiter = new ConnectionLimiter(LIMITS);
        InetAddress a = ip("198.51.100.1");
        for (int i = 0; i < 10_000; i++) {
            if (limiter.admit(a, clock.nanoTime()).admitted()) {
                limiter.release(a, clock.nanoTime());
            }
        }
        clock.advance(Duration.ofSeconds(2));
        assertThat(limiter.admit(a, clock.nanoTime()).admitted()).isTrue();
    }

    @Test
    void refusesEveryoneWithServerFullAtMaxClients() {
        ConnectionLimiter limiter = new ConnectionLimiter(LIMITS.withMaxClients(2));
        assertThat(limiter.admit(ip("192.0.2.1"), clock.nanoTime()).admitted()).isTrue();
        assertThat(limiter.admit(ip("127.0.0.1"), clock.nanoTime()).admitted()).isTrue();
        Admission full = limiter.admit(ip("127.0.0.1"), clock.nanoTime());
        assertThat(full.refusal()).isEqualTo(Admission.Refusal.SERVER_FULL);
        assertThat(full.reason(LIMITS)).isEqualTo("server full");
        limiter.release(ip("192.0.2.1"), clock.nanoTime());
        assertThat(limiter.admit(ip("192.0.2.9"), clock.nanoTime()).admitted()).isTrue();
    }

    @Test
    void loopbackIsExemptFromPerAddressLimitsUnlessLimitLoopback() {
        ConnectionLimiter exempt = new ConnectionLimiter(LIMITS);
        for (int i = 0; i < 50; i++) {
            assertThat(exempt.admit(ip("127.0.0.1"), clock.nanoTime()).admitted()).isTrue();
            assertThat(exempt.admit(ip("::1"), clock.nanoTime()).admitted()).isTrue();
        }
        ConnectionLimiter limited = new ConnectionLimiter(LIMITS.withLimitLoopback(true));
        for (int i = 0; i < 3; i++) {
            assertThat(limited.admit(ip("127.0.0.1"), clock.nanoTime()).admitted()).isTrue();
        }
        assertThat(limited.admit(ip("127.0.0.1"), clock.nanoTime()).admitted()).isFalse();
    }

    @Test
    void addressesInAnExemptBlockAreNotLimitedPerAddress() {
        ConnectionLimiter limiter = new ConnectionLimiter(LIMITS.withExempt(List.of(Cidr.parse("10.1.0.0/16"))));
        for (int i = 0; i < 50; i++) {
            assertThat(limiter.admit(ip("10.1.200.3"), clock.nanoTime()).admitted()).isTrue();
        }
        for (int i = 0; i < 3; i++) {
            limiter.admit(ip("10.2.0.1"), clock.nanoTime());
        }
        assertThat(limiter.admit(ip("10.2.0.1"), clock.nanoTime()).admitted()).isFalse();
    }

    @Test
    void anIpv6Slash64CountsAsOneAddress() {
        ConnectionLimiter limiter = new ConnectionLimiter(LIMITS);
        for (int i = 1; i <= 3; i++) {
            assertThat(limiter.admit(ip("2001:db8:1:2::" + i), clock.nanoTime()).admitted()).isTrue();
        }
        assertThat(limiter.admit(ip("2001:db8:1:2:ffff::9"), clock.nanoTime()).admitted()).isFalse();
        assertThat(limiter.admit(ip("2001:db8:1:3::1"), clock.nanoTime()).admitted()).isTrue();
    }

    @Test
    void wrongPasswordsPastTheBurstRefuseTheAddressEvenOnLoopbackUntilTheIntervalPasses() {
        ConnectionLimiter limiter = new ConnectionLimiter(LIMITS);
        InetAddress a = ip("127.0.0.1");
        limiter.passwordFailed(a, clock.nanoTime());
        assertThat(limiter.admit(a, clock.nanoTime()).admitted()).isTrue();
        limiter.passwordFailed(a, clock.nanoTime());
        Admission refused = limiter.admit(a, clock.nanoTime());
        assertThat(refused.refusal()).isEqualTo(Admission.Refusal.TOO_MANY_BAD_PASSWORDS);
        assertThat(refused.reason(LIMITS)).isEqualTo("Too many wrong passwords from your address: try again in 10 s");
        clock.advance(Duration.ofSeconds(10));
        assertThat(limiter.admit(a, clock.nanoTime()).admitted()).isTrue();
    }

    @Test
    void forgetsAnAddressOnceItHasNoConnectionAndItsThrottlesRested() {
        ConnectionLimiter limiter = new ConnectionLimiter(LIMITS);
        for (int i = 0; i < 1000; i++) {
            InetAddress a = ip("192.0.2." + (i % 250));
            limiter.admit(a, clock.nanoTime());
            limiter.release(a, clock.nanoTime());
        }
        assertThat(limiter.trackedAddresses()).isEqualTo(250);
        clock.advance(Duration.ofSeconds(10));
        limiter.sweep(clock.nanoTime());
        assertThat(limiter.trackedAddresses()).isZero();
        assertThat(limiter.clients()).isZero();
    }

    @Test
    void theThrottleHoldsAcrossTheWrapOfTheNanosecondClock() {
        // nanoTime may be anywhere in long's range and wraps; a deadline stuck at Long.MAX_VALUE
        // would make the next, wrapped "now" look long past it and let a second connection in.
        ConnectionLimiter limiter = new ConnectionLimiter(LIMITS.withConnectThrottle(1, Duration.ofSeconds(2)));
        InetAddress a = ip("192.0.2.1");
        long justBeforeTheWrap = Long.MAX_VALUE - Duration.ofMillis(500).toNanos();
        assertThat(limiter.admit(a, justBeforeTheWrap).admitted()).isTrue();
        limiter.release(a, justBeforeTheWrap);
        long oneSecondLater = justBeforeTheWrap + Duration.ofSeconds(1).toNanos(); // wrapped
        Admission refused = limiter.admit(a, oneSecondLater);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.retryAfterNanos()).isEqualTo(Duration.ofSeconds(1).toNanos());
        assertThat(limiter.admit(a, oneSecondLater + Duration.ofSeconds(1).toNanos()).admitted()).isTrue();
    }

    @Test
    void throttlesBeyondTheirBoundsAreRefusedInPlainWords() {
        assertThatThrownBy(() -> LIMITS.withConnectThrottle(ConnectionLimits.MAX_BURST + 1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bursts must be from 1 to 10000");
        assertThatThrownBy(() -> LIMITS.withPasswordThrottle(5, Duration.ofDays(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from 0 to one day");
        ConnectionLimits largest = LIMITS.withConnectThrottle(ConnectionLimits.MAX_BURST, ConnectionLimits.MAX_INTERVAL);
        ConnectionLimiter limiter = new ConnectionLimiter(largest);
        assertThat(limiter.admit(ip("192.0.2.1"), Long.MAX_VALUE).admitted()).isTrue();
    }
}
