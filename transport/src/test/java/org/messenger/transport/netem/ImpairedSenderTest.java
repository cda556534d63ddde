package org.messenger.transport.netem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.messenger.testkit.ManualClock;
import org.messenger.transport.time.TimeSource;

class ImpairedSenderTest {

    @Test
    void holdsDatagramsUntilTheirReleaseTime() {
        ManualClock clock = new ManualClock();
        List<Integer> sent = new ArrayList<>();
        ImpairedSender impaired = new ImpairedSender((d, to) -> sent.add(d.remaining()), NetemSpec.parse("delay=10ms"), clock::nanoTime);

        assertThat(impaired.send(ByteBuffer.allocate(100), null)).isTrue();

        assertThat(sent).isEmpty();
        assertThat(impaired.nextReleaseNanos()).isEqualTo(10_000_000L);
        clock.advanceNanos(9_999_999);
        assertThat(impaired.flush(clock.nanoTime())).isZero();
        clock.advanceNanos(1);
        assertThat(impaired.flush(clock.nanoTime())).isEqualTo(1);
        assertThat(sent).containsExactly(100);
        assertThat(impaired.nextReleaseNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void sendsAtOnceWhenNothingDelays() {
        ManualClock clock = new ManualClock();
        List<Integer> sent = new ArrayList<>();
        ImpairedSender impaired = new ImpairedSender((d, to) -> sent.add(d.remaining()), NetemSpec.parse("dup=100%"), clock::nanoTime);

        impaired.send(ByteBuffer.allocate(10), null);

        assertThat(sent).containsExactly(10, 10);
    }

    @Test
    void keepsADatagramTheSocketRefusesAndRetriesItFirst() {
        ManualClock clock = new ManualClock();
        List<Integer> sent = new ArrayList<>();
        boolean[] full = {true};
        ImpairedSender impaired = new ImpairedSender(
                (d, to) -> !full[0] && sent.add(d.remaining()), NetemSpec.NONE, clock::nanoTime);

        impaired.send(ByteBuffer.allocate(1), null);
        impaired.send(ByteBuffer.allocate(2), null);
        assertThat(impaired.heldPackets()).isEqualTo(2);
        assertThat(impaired.nextReleaseNanos()).isLessThanOrEqualTo(clock.nanoTime());

        full[0] = false;
        assertThat(impaired.flush(clock.nanoTime())).isEqualTo(2);
        assertThat(sent).containsExactly(1, 2);
    }

    @Test
    void realSocketsSeeTheConfiguredLossRatio() throws IOException {
        int count = 4000;
        NetemSpec spec = NetemSpec.parse("delay=2ms,jitter=1ms,loss=10%,seed=3");
        try (DatagramChannel receiver = DatagramChannel.open(); DatagramChannel sender = DatagramChannel.open()) {
            receiver.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4 << 20);
            receiver.bind(new InetSocketAddress("127.0.0.1", 0)).configureBlocking(false);
            sender.bind(new InetSocketAddress("127.0.0.1", 0)).configureBlocking(false);
            InetSocketAddress to = (InetSocketAddress) receiver.getLocalAddress();
            TimeSource time = TimeSource.system();
            ImpairedSender impaired = new ImpairedSender(ImpairedSender.channelSender(sender), spec, time);
            ByteBuffer out = ByteBuffer.allocateDirect(200);
            ByteBuffer in = ByteBuffer.allocateDirect(2048);
            int[] received = {0};

            for (int i = 0; i < count; i++) {
                out.clear().putInt(0, i);
                impaired.send(out, to);
                impaired.flush(time.nanoTime());
                received[0] += drain(receiver, in);
            }
            await().atMost(Duration.ofSeconds(10)).pollInSameThread().pollInterval(Duration.ofMillis(1)).until(() -> {
                impaired.flush(time.nanoTime());
                received[0] += drain(receiver, in);
                return impaired.heldPackets() == 0 && received[0] >= impaired.stats().deliveredPackets();
            });

            assertThat(impaired.stats().offeredPackets()).isEqualTo(count);
            assertThat(received[0]).as("datagrams the link released, all received on loopback")
                    .isEqualTo((int) impaired.stats().deliveredPackets());
            assertThat((double) received[0] / count).isBetween(0.88, 0.92);
        }
    }

    @Test
    void realSocketsRoundTripTakesAtLeastBothDelays() throws IOException {
        long delayNanos = 15_000_000L;
        NetemSpec spec = NetemSpec.parse("delay=15ms");
        try (DatagramChannel a = DatagramChannel.open(); DatagramChannel b = DatagramChannel.open()) {
            a.bind(new InetSocketAddress("127.0.0.1", 0)).configureBlocking(false);
            b.bind(new InetSocketAddress("127.0.0.1", 0)).configureBlocking(false);
            InetSocketAddress toA = (InetSocketAddress) a.getLocalAddress();
            InetSocketAddress toB = (InetSocketAddress) b.getLocalAddress();
            TimeSource time = TimeSource.system();
            ImpairedSender fromA = new ImpairedSender(ImpairedSender.channelSender(a), spec, time);
            ImpairedSender fromB = new ImpairedSender(ImpairedSender.channelSender(b), spec, time);
            ByteBuffer in = ByteBuffer.allocateDirect(64);
            List<Long> roundTrips = new ArrayList<>();

            for (int i = 0; i < 5; i++) {
                long sentAt = time.nanoTime();
                fromA.send(ByteBuffer.allocate(8).putLong(0, sentAt), toB);
                long[] echoedAt = {0};
                await().atMost(Duration.ofSeconds(5)).pollInSameThread().pollInterval(Duration.ofMillis(1)).until(() -> {
                    long now = time.nanoTime();
                    fromA.flush(now);
                    fromB.flush(now);
                    in.clear();
                    if (b.receive(in) != null) {
                        in.flip();
                        fromB.send(in, toA);
                    }
                    in.clear();
                    if (a.receive(in) != null) {
                        echoedAt[0] = time.nanoTime();
                        assertThat(in.flip().getLong(0)).isEqualTo(sentAt);
                    }
                    return echoedAt[0] != 0;
                });
                roundTrips.add(echoedAt[0] - sentAt);
            }

            assertThat(roundTrips).allSatisfy(rtt -> assertThat(rtt).isGreaterThanOrEqualTo(2 * delayNanos));
        }
    }

    private static int drain(DatagramChannel channel, ByteBuffer in) throws IOException {
        int n = 0;
        while (true) {
            in.clear();
            if (channel.receive(in) == null) {
                return n;
            }
            n++;
        }
    }
}
