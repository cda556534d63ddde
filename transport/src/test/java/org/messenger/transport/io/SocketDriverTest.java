package org.messenger.transport.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.messenger.transport.time.TimeSource;

/** The driver's own guarantees, on a real socket on 127.0.0.1 (issue 14, items 1, 8 and 10). */
class SocketDriverTest {
    private static final InetSocketAddress ANY_LOCAL = new InetSocketAddress("127.0.0.1", 0);

    /**
     * An endpoint whose timer is stuck in the past (what an overflowed deadline looked like) asks
     * for a turn "now" forever and does nothing with it. The driver used to loop hot on it (2.4-3 s
     * of CPU in 4 s); it now waits a little between such turns.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void doesNotSpinOnAnEndpointWhoseTimerIsInThePast() throws Exception {
        CompletableFuture<Long> turnsInHalfASecond = new CompletableFuture<>();
        DatagramEndpoint stuck = new DatagramEndpoint() {
            long first = Long.MIN_VALUE;
            long polls;

            @Override
            public void onDatagram(ByteBuffer datagram, InetSocketAddress from, long nowNanos) {}

            @Override
            public long poll(long nowNanos, DatagramSender out) {
                if (first == Long.MIN_VALUE) first = nowNanos;
                polls++;
                if (nowNanos - first >= 500_000_000L) turnsInHalfASecond.complete(polls);
                return nowNanos - 1;
            }
        };
        try (SocketDriver driver = new SocketDriver(ANY_LOCAL, stuck, TimeSource.system(), null, "stuck-test")) {
            driver.start();
            long turns = turnsInHalfASecond.get(30, TimeUnit.SECONDS);
            // About 500 (one per millisecond); the hot loop made hundreds of thousands.
            assertThat(turns).isLessThan(5_000);
            assertThat(driver.stuckWaits()).isPositive();
            assertThat(driver.isRunning()).isTrue();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void keepsRunningWhenTheEndpointThrowsOnADatagram() throws Exception {
        AtomicInteger handled = new AtomicInteger();
        CompletableFuture<Void> secondArrived = new CompletableFuture<>();
        DatagramEndpoint fragile = new DatagramEndpoint() {
            @Override
            public void onDatagram(ByteBuffer datagram, InetSocketAddress from, long nowNanos) {
                if (handled.incrementAndGet() == 1) throw new IllegalStateException("a bug triggered by datagram 1");
                secondArrived.complete(null);
            }

            @Override
            public long poll(long nowNanos, DatagramSender out) {
                return Long.MAX_VALUE;
            }
        };
        try (SocketDriver driver = new SocketDriver(ANY_LOCAL, fragile, TimeSource.system(), null, "fragile-test");
                DatagramChannel peer = DatagramChannel.open()) {
            driver.start();
            peer.send(ByteBuffer.wrap(new byte[] {1}), driver.localAddress());
            peer.send(ByteBuffer.wrap(new byte[] {2}), driver.localAddress());
            secondArrived.get(30, TimeUnit.SECONDS);
            assertThat(driver.isRunning()).isTrue();
            assertThat(driver.endpointErrors()).isEqualTo(1);
        }
    }

    /**
     * A full socket (here: one refusal, as a loopback socket never fills by itself) makes the driver
     * wait for it to turn writable and take the next turn then, although the endpoint asked for its
     * next turn an hour away: the held datagram leaves at once, in one more turn.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aRefusedDatagramLeavesAsSoonAsTheSocketIsWritable() throws Exception {
        AtomicInteger refusalsLeft = new AtomicInteger(1);
        AtomicInteger polls = new AtomicInteger();
        try (DatagramChannel peer = DatagramChannel.open().bind(ANY_LOCAL)) {
            InetSocketAddress to = (InetSocketAddress) peer.getLocalAddress();
            DatagramEndpoint holder = new DatagramEndpoint() {
                boolean sent;

                @Override
                public void onDatagram(ByteBuffer datagram, InetSocketAddress from, long nowNanos) {}

                @Override
                public long poll(long nowNanos, DatagramSender out) {
                    polls.incrementAndGet();
                    if (!sent) sent = out.send(ByteBuffer.wrap(new byte[] {42}), to);
                    return sent ? Long.MAX_VALUE : nowNanos + 3_600_000_000_000L;
                }
            };
            try (SocketDriver driver = new SocketDriver(ANY_LOCAL, holder, TimeSource.system(), null, "full-test",
                    socket -> (datagram, target) -> refusalsLeft.getAndDecrement() > 0 ? false : socket.send(datagram, target))) {
                driver.start();
                ByteBuffer got = ByteBuffer.allocate(16);
                peer.receive(got);
                assertThat(got.flip().get()).isEqualTo((byte) 42);
                assertThat(driver.writableWakeups()).isEqualTo(1);
                assertThat(polls.get()).as("the refused turn and the one the writable socket started").isEqualTo(2);
            }
        }
    }

    /**
     * A way out that reports itself writable yet refuses every datagram must not make the driver
     * loop: after each writable wake-up it waits for time (the endpoint's recheck) before the next.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aSocketThatAlwaysRefusesDoesNotMakeTheDriverSpin() throws Exception {
        CompletableFuture<Long> turnsInHalfASecond = new CompletableFuture<>();
        DatagramEndpoint insistent = new DatagramEndpoint() {
            long first = Long.MIN_VALUE;
            long polls;

            @Override
            public void onDatagram(ByteBuffer datagram, InetSocketAddress from, long nowNanos) {}

            @Override
            public long poll(long nowNanos, DatagramSender out) {
                if (first == Long.MIN_VALUE) first = nowNanos;
                polls++;
                if (nowNanos - first >= 500_000_000L) turnsInHalfASecond.complete(polls);
                out.send(ByteBuffer.wrap(new byte[] {1}), ANY_LOCAL);
                return nowNanos + 1_000_000L; // as Egress asks while it holds a refused datagram
            }
        };
        try (SocketDriver driver = new SocketDriver(ANY_LOCAL, insistent, TimeSource.system(), null, "refusing-test",
                socket -> (datagram, target) -> false)) {
            driver.start();
            long turns = turnsInHalfASecond.get(30, TimeUnit.SECONDS);
            // About 1,000 (a writable wake-up, then a 1 ms wait, by turns); a loop would make far more.
            assertThat(turns).isLessThan(5_000);
            assertThat(driver.writableWakeups()).isPositive();
            assertThat(driver.isRunning()).isTrue();
        }
    }
}
