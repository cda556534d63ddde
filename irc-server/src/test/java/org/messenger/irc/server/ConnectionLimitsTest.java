package org.messenger.irc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.messenger.irc.server.limits.ConnectionLimits;
import org.messenger.testkit.ManualClock;

/** The limits on real sockets: refused at accept with a clear ERROR, and room left for everyone else. */
class ConnectionLimitsTest extends IrcServerTestBase {
    /** Loopback is limited here, as a remote address would be; the attacker is 127.0.0.2, everyone else 127.0.0.1. */
    private static final ConnectionLimits LIMITED_LOOPBACK = ConnectionLimits.DEFAULTS.withLimitLoopback(true);
    private static final String ATTACKER = "127.0.0.2";

    @Test
    void twentyThousandConnectionAttemptsFromOneAddressLeaveRoomForOthersToRegister() throws Exception {
        ManualClock clock = new ManualClock(); // frozen: the attacker's throttle never refills during the test
        start(IrcServerConfig.builder().nanoClock(clock::nanoTime).limits(LIMITED_LOOPBACK));
        List<RawIrcClient> held = new ArrayList<>();
        for (int i = 0; i < ConnectionLimits.DEFAULT_MAX_PER_ADDRESS; i++) {
            held.add(track(RawIrcClient.connectFrom(ATTACKER, server.port())));
        }
        AtomicInteger attempts = new AtomicInteger();
        List<Thread> attackers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            attackers.add(Thread.ofPlatform().start(() -> {
                while (attempts.getAndIncrement() < 20_000) {
                    connectAndReset(ATTACKER, server.port());
                }
            }));
        }
        for (Thread attacker : attackers) {
            attacker.join(Duration.ofMinutes(2));
        }
        assertThat(attempts.get()).isGreaterThanOrEqualTo(20_000);

        RawIrcClient refused = track(RawIrcClient.connectFrom(ATTACKER, server.port()));
        refused.expect("^ERROR :Closing Link: 127\\.0\\.0\\.2 \\(Too many connections from your address \\(at most 16\\): close one first\\)$");
        refused.awaitClosed();
        RawIrcClient alice = registered("alice");
        alice.send("PING :room-for-me");
        alice.expect("PONG test.server :room-for-me$");
        held.getFirst().send("NICK held");
        held.getFirst().send("USER held 0 * :held");
        held.getFirst().expect(" 001 held ");
    }

    @Test
    void aReconnectingAddressIsThrottledWithWhenToTryAgain() {
        ManualClock clock = new ManualClock();
        start(IrcServerConfig.builder().nanoClock(clock::nanoTime)
                .limits(LIMITED_LOOPBACK.withConnectThrottle(3, Duration.ofSeconds(5))));
        for (int i = 0; i < 3; i++) {
            RawIrcClient ok = track(RawIrcClient.connectFrom(ATTACKER, server.port()));
            ok.send("PING :admitted");
            ok.expect("PONG test.server :admitted$");
            ok.close();
        }
        RawIrcClient throttled = track(RawIrcClient.connectFrom(ATTACKER, server.port()));
        throttled.expect("^ERROR :Closing Link: 127\\.0\\.0\\.2 \\(Connecting too often from your address: try again in 5 s\\)$");
        clock.advance(Duration.ofSeconds(5));
        RawIrcClient later = track(RawIrcClient.connectFrom(ATTACKER, server.port()));
        later.send("PING :back");
        later.expect("PONG test.server :back$");
    }

    @Test
    void aFullServerRefusesTheNextClientWithServerFull() {
        start(IrcServerConfig.builder().limits(ConnectionLimits.DEFAULTS.withMaxClients(2)));
        registered("alice");
        registered("bob");
        RawIrcClient carol = connect();
        carol.expect("^ERROR :Closing Link: 127\\.0\\.0\\.1 \\(server full\\)$");
        carol.awaitClosed();
    }

    @Test
    void wrongPasswordsAreThrottledPerAddress() {
        ManualClock clock = new ManualClock();
        start(IrcServerConfig.builder().nanoClock(clock::nanoTime).password("right horse battery")
                .limits(ConnectionLimits.DEFAULTS.withPasswordThrottle(2, Duration.ofSeconds(10))));
        for (int i = 0; i < 2; i++) {
            RawIrcClient guesser = connect();
            guesser.send("PASS guess" + i);
            guesser.send("NICK guesser");
            guesser.send("USER g 0 * :g");
            guesser.expect(" 464 ");
            guesser.awaitClosed();
        }
        // The failure reaches the accept loop as a task: the next connection is refused once it has.
        RawIrcClient refused = awaitRefused();
        refused.expect("^ERROR :Closing Link: 127\\.0\\.0\\.1 \\(Too many wrong passwords from your address: try again in 10 s\\)$");
        clock.advance(Duration.ofSeconds(10));
        RawIrcClient right = connect();
        right.send("PASS :right horse battery");
        right.register("alice");
    }

    private RawIrcClient awaitRefused() {
        org.awaitility.Awaitility.await().atMost(RawIrcClient.TIMEOUT).until(() -> {
            RawIrcClient probe = connect();
            try {
                probe.send("PING :probe");
                probe.expect("PONG test.server :probe$|^ERROR ");
            } catch (java.io.UncheckedIOException closedFirst) {
                // A refused connection gets its ERROR and is closed at once: the PING may find the
                // socket already closed. The ERROR line was read all the same.
            }
            return probe.lines().stream().anyMatch(l -> l.startsWith("ERROR "));
        });
        return connect();
    }

    /** Connects and resets at once (no TIME_WAIT left on this machine's ports). */
    private static void connectAndReset(String from, int port) {
        try (Socket socket = new Socket()) {
            socket.setSoLinger(true, 0);
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
