package org.messenger.irc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PING on silence and the timeouts, on an injected clock: the server checks often, the test moves time. */
class LivenessTest extends IrcServerTestBase {
    private final AtomicLong nowNanos = new AtomicLong(1_000_000_000L);

    @BeforeEach
    void startServer() {
        start(IrcServerConfig.builder()
                .nanoClock(nowNanos::get)
                .livenessCheckInterval(Duration.ofMillis(5))
                .pingInterval(Duration.ofSeconds(90))
                .pingTimeout(Duration.ofSeconds(60))
                .registrationTimeout(Duration.ofSeconds(30)));
    }

    private void advance(Duration d) {
        nowNanos.addAndGet(d.toNanos());
    }

    @Test
    void silentClientIsPingedThenDroppedWithError() {
        RawIrcClient bob = registered("bob");
        RawIrcClient alice = registered("alice");
        advance(Duration.ofSeconds(91));
        alice.expect("^PING :test.server$");
        bob.expect("^PING :test.server$");
        bob.send("PONG :test.server");
        bob.send("PING :bob-is-here");
        bob.expect("PONG test.server :bob-is-here");
        advance(Duration.ofSeconds(61));
        alice.expect("^ERROR :Closing Link: 127.0.0.1 \\(Ping timeout: 152 seconds\\)$");
        alice.awaitClosed();
        bob.expect("^:alice!~alice@127.0.0.1 QUIT :Ping timeout: 152 seconds$");
        assertThat(bob.isClosedByServer()).isFalse();
    }

    @Test
    void clientThatAnswersPingsStays() {
        RawIrcClient alice = registered("alice");
        for (int round = 0; round < 3; round++) {
            advance(Duration.ofSeconds(91));
            alice.expect("^PING :test.server$");
            alice.send("PONG :test.server");
            alice.send("PING :round" + round);
            alice.expect("PONG test.server :round" + round);
        }
        assertThat(alice.isClosedByServer()).isFalse();
        assertThat(server.hub().findUser("alice")).isPresent();
    }

    @Test
    void connectionThatNeverRegistersIsDropped() {
        RawIrcClient lurker = connect();
        lurker.send("NICK lurker");
        lurker.send("PING :x");
        lurker.expect("PONG");
        advance(Duration.ofSeconds(31));
        lurker.expect("^ERROR :Closing Link: 127.0.0.1 \\(Registration timeout\\)$");
        lurker.awaitClosed();
    }
}
