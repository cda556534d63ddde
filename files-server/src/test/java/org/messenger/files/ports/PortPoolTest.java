package org.messenger.files.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.messenger.testkit.FreeUdpPorts;
import org.messenger.testkit.ManualClock;

class PortPoolTest {
    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    private final ManualClock clock = new ManualClock();
    private final List<Integer> released = new ArrayList<>();
    private final PortPool pool = new PortPool(new PortRange(55000, 55001), MINUTE, clock::nanoTime, released::add);

    @Test
    void leasesAFreePortToAClient() {
        RecordingListener alice = new RecordingListener();

        pool.request("alice", 1, alice);

        assertThat(alice.heard).containsExactly("leased 55000");
        assertThat(pool.portOf("alice")).hasValue(55000);
    }

    @Test
    void allTransfersOfOneClientShareItsPort() {
        RecordingListener first = new RecordingListener();
        RecordingListener second = new RecordingListener();

        pool.request("alice", 1, first);
        pool.request("alice", 2, second);

        assertThat(second.heard).containsExactly("leased 55000");
        assertThat(pool.snapshot().free()).containsExactly(55001);
    }

    @Test
    void keepsThePortUntilTheClientsLastTransferEnds() {
        pool.request("alice", 1, new RecordingListener());
        pool.request("alice", 2, new RecordingListener());

        pool.transferEnded("alice", 1);
        assertThat(pool.portOf("alice")).hasValue(55000);

        pool.transferEnded("alice", 2);
        assertThat(pool.portOf("alice")).isEmpty();
        assertThat(pool.snapshot().free()).containsExactly(55001, 55000);
        assertThat(released).containsExactly(55000);
    }

    @Test
    void returnsThePortAtOnceWhenTheClientDisconnects() {
        pool.request("alice", 1, new RecordingListener());
        pool.request("alice", 2, new RecordingListener());

        pool.clientGone("alice");

        assertThat(pool.snapshot()).isEqualTo(new PortPoolSnapshot(List.of(55001, 55000), Map.of(), List.of()));
        assertThat(released).containsExactly(55000);
    }

    @Test
    void queuesWhenNoPortIsFreeAndSaysHowManyAreAhead() {
        pool.request("alice", 1, new RecordingListener());
        pool.request("bob", 1, new RecordingListener());
        RecordingListener carol = new RecordingListener();
        RecordingListener dave = new RecordingListener();
        RecordingListener erin = new RecordingListener();

        pool.request("carol", 1, carol);
        pool.request("dave", 1, dave);
        pool.request("erin", 1, erin);

        assertThat(carol.heard).containsExactly("queued 0");
        assertThat(dave.heard).containsExactly("queued 1");
        assertThat(erin.heard).containsExactly("queued 2");
        assertThat(pool.snapshot().waiting()).containsExactly("carol", "dave", "erin");
    }

    @Test
    void aReleasedPortGoesToTheFirstInLineAndEveryoneMovesUp() {
        pool.request("alice", 1, new RecordingListener());
        pool.request("bob", 1, new RecordingListener());
        RecordingListener carol = new RecordingListener();
        RecordingListener dave = new RecordingListener();
        pool.request("carol", 1, carol);
        pool.request("dave", 1, dave);

        pool.transferEnded("bob", 1);

        assertThat(carol.heard).containsExactly("queued 0", "leased 55001");
        assertThat(dave.heard).containsExactly("queued 1", "queued 0");
        assertThat(pool.snapshot().free()).isEmpty();
    }

    @Test
    void theNextClientHearsOfItsPortOnlyAfterTheOldSocketWasClosed() {
        List<String> order = new ArrayList<>();
        PortPool ordered = new PortPool(new PortRange(55000, 55000), MINUTE, clock::nanoTime, port -> order.add("closed " + port));
        ordered.request("alice", 1, new RecordingListener());
        ordered.request("bob", 1, new PortWaitListener() {
            public void queued(int ahead) {
            }

            public void leased(int port) {
                order.add("bob leased " + port);
            }

            public void timedOut(long waitedNanos) {
            }
        });

        ordered.clientGone("alice");

        assertThat(order).containsExactly("closed 55000", "bob leased 55000");
    }

    @Test
    void aSecondTransferOfAWaitingClientWaitsInTheSamePlace() {
        fillPool();
        pool.request("carol", 1, new RecordingListener());
        RecordingListener dave = new RecordingListener();
        pool.request("dave", 1, dave);
        RecordingListener daveAgain = new RecordingListener();

        pool.request("dave", 2, daveAgain);
        pool.transferEnded("alice", 1);
        pool.transferEnded("bob", 1);

        assertThat(daveAgain.heard).containsExactly("queued 1", "queued 0", "leased 55001");
        assertThat(dave.heard).endsWith("leased 55001");
    }

    @Test
    void givesUpAWaitingRequestAfterTheMaximumWait() {
        fillPool();
        RecordingListener carol = new RecordingListener();
        pool.request("carol", 1, carol);
        clock.advance(Duration.ofSeconds(30));
        RecordingListener dave = new RecordingListener();
        pool.request("dave", 1, dave);

        assertThat(pool.expire()).isEqualTo(Duration.ofSeconds(60).toNanos());
        clock.advance(Duration.ofSeconds(30));
        long next = pool.expire();

        assertThat(carol.heard).containsExactly("queued 0", "timed out after 60 s");
        assertThat(dave.heard).containsExactly("queued 1", "queued 0");
        assertThat(next).isEqualTo(Duration.ofSeconds(90).toNanos());
        assertThat(pool.snapshot().waiting()).containsExactly("dave");
    }

    @Test
    void expiryWithNobodyWaitingHasNoDeadline() {
        assertThat(pool.expire()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void withdrawingAWaitingTransferLetsTheOthersMoveUp() {
        fillPool();
        RecordingListener carol = new RecordingListener();
        RecordingListener dave = new RecordingListener();
        pool.request("carol", 1, carol);
        pool.request("dave", 1, dave);

        assertThat(pool.transferEnded("carol", 1)).isTrue();

        assertThat(dave.heard).containsExactly("queued 1", "queued 0");
        assertThat(pool.snapshot().waiting()).containsExactly("dave");
    }

    @Test
    void aWaitingClientThatDisconnectsLeavesTheQueueSilently() {
        fillPool();
        RecordingListener carol = new RecordingListener();
        RecordingListener dave = new RecordingListener();
        pool.request("carol", 1, carol);
        pool.request("dave", 1, dave);

        pool.clientGone("carol");
        pool.transferEnded("alice", 1);

        assertThat(carol.heard).containsExactly("queued 0");
        assertThat(dave.heard).containsExactly("queued 1", "queued 0", "leased 55000");
    }

    @Test
    void endingATransferTwiceIsHarmless() {
        pool.request("alice", 1, new RecordingListener());

        assertThat(pool.transferEnded("alice", 1)).isTrue();
        assertThat(pool.transferEnded("alice", 1)).isFalse();
        assertThat(pool.transferEnded("nobody", 9)).isFalse();
        assertThat(pool.snapshot().free()).containsExactly(55001, 55000);
    }

    @Test
    void refusesTheSameTransferIdTwiceForOneClient() {
        pool.request("alice", 1, new RecordingListener());
        assertThatThrownBy(() -> pool.request("alice", 1, new RecordingListener()))
                .hasMessageContaining("already has transfer 1");
    }

    @Test
    void aFailingListenerDoesNotStopTheOthersFromHearing() {
        pool.request("alice", 1, new RecordingListener());
        pool.request("bob", 1, new RecordingListener());
        pool.request("carol", 1, new PortWaitListener() {
            public void queued(int ahead) {
            }

            public void leased(int port) {
                throw new IllegalStateException("listener bug (expected in this test)");
            }

            public void timedOut(long waitedNanos) {
            }
        });
        RecordingListener dave = new RecordingListener();
        pool.request("dave", 1, dave);

        pool.clientGone("alice");

        assertThat(dave.heard).containsExactly("queued 1", "queued 0");
    }

    @Test
    void aReleasedPortCanBeBoundAgainOnLoopback() throws Exception {
        int port = FreeUdpPorts.one();
        Map<Integer, DatagramChannel> sockets = new HashMap<>();
        PortPool real = new PortPool(new PortRange(port, port), MINUTE, clock::nanoTime, p -> closeQuietly(sockets.remove(p)));
        real.request("alice", 1, new PortWaitListener() {
            public void queued(int ahead) {
            }

            public void leased(int leased) {
                sockets.put(leased, bind(leased));
            }

            public void timedOut(long waitedNanos) {
            }
        });
        assertThat(sockets).containsKey(port);

        real.clientGone("alice");

        assertThat(real.snapshot().free()).containsExactly(port);
        try (DatagramChannel again = DatagramChannel.open(StandardProtocolFamily.INET)) {
            again.bind(new InetSocketAddress("127.0.0.1", port));
            assertThat(((InetSocketAddress) again.getLocalAddress()).getPort()).isEqualTo(port);
        }
    }

    private void fillPool() {
        pool.request("alice", 1, new RecordingListener());
        pool.request("bob", 1, new RecordingListener());
        assertThat(pool.portOf("bob")).isEqualTo(OptionalInt.of(55001));
    }

    private static DatagramChannel bind(int port) {
        try {
            DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
            channel.bind(new InetSocketAddress("127.0.0.1", port));
            return channel;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void closeQuietly(DatagramChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
