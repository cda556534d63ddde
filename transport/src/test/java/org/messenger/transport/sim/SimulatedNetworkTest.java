package org.messenger.transport.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.messenger.transport.io.DatagramEndpoint;
import org.messenger.transport.io.DatagramSender;
import org.messenger.transport.netem.NetemSpec;
import org.messenger.transport.netem.NetemStats;
import org.messenger.transport.sim.SimulatedNetwork.Outcome;
import org.messenger.transport.sim.SimulatedNetwork.RunResult;
import org.messenger.transport.sim.TestEndpoints.Arrival;
import org.messenger.transport.sim.TestEndpoints.Recorder;
import org.messenger.transport.sim.TestEndpoints.Source;

class SimulatedNetworkTest {
    private static final long MS = 1_000_000L;
    private static final long MINUTE = 60_000 * MS;
    private static final InetSocketAddress A = SimulatedNetwork.address(1, 1000);
    private static final InetSocketAddress B = SimulatedNetwork.address(2, 2000);

    private static SimulatedNetwork pair(long seed, String aToB, String bToA, DatagramEndpoint a, DatagramEndpoint b) {
        SimulatedNetwork net = new SimulatedNetwork(seed);
        net.attach(A, a);
        net.attach(B, b);
        net.connect(A, B, NetemSpec.parse(aToB), NetemSpec.parse(bToA));
        return net;
    }

    @Test
    void deliversAfterSerializationPlusDelayAndEchoesBack() {
        Source source = new Source(B, 1, 1000, 0);
        Recorder echo = new Recorder(true);
        // 8 Mbit/s is one byte per microsecond: 1000 bytes take 1 ms.
        SimulatedNetwork net = pair(1, "rate=8mbit,delay=10ms", "delay=5ms", source, echo);

        RunResult result = net.run(MINUTE, 1000);

        assertThat(result.outcome()).isEqualTo(Outcome.IDLE);
        assertThat(echo.arrivals).extracting(Arrival::atNanos).containsExactly(11 * MS);
        assertThat(source.received.arrivals).extracting(Arrival::atNanos).containsExactly(16 * MS);
        assertThat(source.received.arrivals.getFirst().intact()).isTrue();
    }

    @Test
    void dropsWhatOverflowsTheBottleneckQueue() {
        Source source = new Source(B, 50, 1000, 0);
        Recorder sink = new Recorder(false);
        SimulatedNetwork net = pair(1, "rate=8mbit,queue=5", "none", source, sink);

        net.run(MINUTE, 1000);

        // One on the wire, five waiting; the rest fall off the tail, back to back 1 ms apart.
        assertThat(sink.arrivals).extracting(Arrival::sequence).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(sink.arrivals).extracting(Arrival::atNanos).containsExactly(MS, 2 * MS, 3 * MS, 4 * MS, 5 * MS, 6 * MS);
        assertThat(net.links().getFirst().stats().droppedQueue()).isEqualTo(44);
    }

    @Test
    void losesTheConfiguredShareOfPackets() {
        Source source = new Source(B, 20_000, 100, 100_000);
        Recorder sink = new Recorder(false);
        SimulatedNetwork net = pair(7, "loss=2%", "none", source, sink);

        net.runUntil(source::done, MINUTE, 100_000);
        net.run(MINUTE, 100_000);

        double lossRatio = 1 - sink.arrivals.size() / 20_000.0;
        assertThat(lossRatio).isCloseTo(0.02, within(0.003));
        assertThat(net.links().getFirst().stats().droppedLoss()).isEqualTo(20_000 - sink.arrivals.size());
    }

    @Test
    void gilbertElliottLossComesInBurstsOfTheConfiguredMeanLength() {
        Source source = new Source(B, 50_000, 100, 10_000);
        Recorder sink = new Recorder(false);
        SimulatedNetwork net = pair(7, "loss=5%,burst=3", "none", source, sink);

        net.run(MINUTE, 200_000);

        List<Integer> bursts = new ArrayList<>();
        int expected = 0;
        for (Arrival arrival : sink.arrivals) {
            if (arrival.sequence() > expected) {
                bursts.add(arrival.sequence() - expected);
            }
            expected = arrival.sequence() + 1;
        }
        double meanBurst = bursts.stream().mapToInt(Integer::intValue).average().orElse(0);
        assertThat(1 - sink.arrivals.size() / 50_000.0).isCloseTo(0.05, within(0.01));
        assertThat(meanBurst).isCloseTo(3.0, within(0.3));
        NetemStats stats = net.links().getFirst().stats();
        assertThat((double) stats.droppedLoss() / stats.lossBursts()).isCloseTo(meanBurst, within(0.3));
    }

    @Test
    void duplicatesCorruptsAndReordersWhenAsked() {
        Source source = new Source(B, 5000, 200, 100_000);
        Recorder sink = new Recorder(false);
        SimulatedNetwork net = pair(3, "delay=5ms,dup=2%,corrupt=2%,reorder=2%", "none", source, sink);

        net.run(MINUTE, 100_000);

        NetemStats stats = net.links().getFirst().stats();
        Set<Integer> seen = new HashSet<>();
        long duplicates = 0;
        long outOfOrder = 0;
        int highest = -1;
        for (Arrival arrival : sink.arrivals) {
            if (!arrival.intact()) {
                continue;
            }
            duplicates += seen.add(arrival.sequence()) ? 0 : 1;
            outOfOrder += arrival.sequence() < highest ? 1 : 0;
            highest = Math.max(highest, arrival.sequence());
        }
        long corrupted = sink.arrivals.stream().filter(a -> !a.intact()).count();
        assertThat(stats.duplicated()).isBetween(50L, 150L);
        assertThat(stats.corrupted()).isBetween(50L, 160L).isEqualTo(corrupted);
        assertThat(stats.reordered()).isBetween(50L, 160L);
        assertThat(duplicates).isPositive().isLessThanOrEqualTo(stats.duplicated());
        assertThat(outOfOrder).isPositive();
        assertThat(sink.arrivals).hasSize((int) (5000 + stats.duplicated()));
    }

    @Test
    void flowsThroughASharedBottleneckShareItsRate() {
        SimulatedNetwork net = new SimulatedNetwork(5);
        InetSocketAddress a1 = SimulatedNetwork.address(1, 1);
        InetSocketAddress a2 = SimulatedNetwork.address(2, 1);
        InetSocketAddress b1 = SimulatedNetwork.address(3, 1);
        InetSocketAddress b2 = SimulatedNetwork.address(4, 1);
        Source s1 = new Source(b1, 1000, 1000, 500_000);
        Source s2 = new Source(b2, 1000, 1000, 500_000);
        Recorder r1 = new Recorder(false);
        Recorder r2 = new Recorder(false);
        net.attach(a1, s1);
        net.attach(a2, s2);
        net.attach(b1, r1);
        net.attach(b2, r2);
        SimLink bottleneck = net.link("bottleneck", NetemSpec.parse("rate=8mbit,delay=10ms,queue=2000"));
        net.route(a1, b1, bottleneck);
        net.route(a2, b2, bottleneck);

        net.run(MINUTE, 100_000);

        // Each source offers 16 Mbit/s; together they get the link's 8 Mbit/s, in equal shares.
        assertThat(r1.arrivals).hasSize(1000);
        assertThat(r2.arrivals).hasSize(1000);
        assertThat(bottleneck.deliveredBytesFrom(a1)).isEqualTo(1_000_000);
        assertThat(bottleneck.deliveredBytesFrom(a2)).isEqualTo(1_000_000);
        assertThat(r1.arrivals.getLast().atNanos()).isCloseTo(10 * MS + 1999 * MS, within(MS));
        assertThat(r2.arrivals.getLast().atNanos()).isEqualTo(10 * MS + 2000 * MS);
    }

    @Test
    void sameSeedReplaysTheSameTraceAndAnotherSeedDoesNot() {
        List<String> first = trace(99);
        List<String> again = trace(99);
        List<String> other = trace(100);

        assertThat(first).hasSizeGreaterThan(2000);
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    private static List<String> trace(long seed) {
        Source source = new Source(B, 1000, 1200, 50_000);
        Recorder echo = new Recorder(true);
        SimulatedNetwork net = pair(seed,
                "rate=100mbit,delay=15ms,jitter=2ms,queue=25,loss=2%,burst=3,reorder=1%,dup=0.5%,corrupt=0.1%,blackhole=5ms@20ms",
                "delay=15ms,jitter=2ms,loss=1%", source, echo);
        List<String> events = new ArrayList<>();
        net.trace((now, event, link, from, to, datagram) -> {
            CRC32 crc = new CRC32();
            crc.update(datagram);
            events.add(now + " " + event + " " + link + " " + crc.getValue());
        });
        net.run(MINUTE, 100_000);
        return events;
    }

    @Test
    void stopsAtTheStepLimitWhenAnEndpointAlwaysWantsToRunNow() {
        SimulatedNetwork net = new SimulatedNetwork(1);
        net.attach(A, spinning((now, out) -> now));

        RunResult result = net.run(MINUTE, 500);

        assertThat(result.outcome()).isEqualTo(Outcome.STEP_LIMIT);
        assertThat(result.steps()).isEqualTo(500);
    }

    @Test
    void stopsAtTheTimeLimitWithTheClockAtTheLimit() {
        SimulatedNetwork net = new SimulatedNetwork(1);
        net.attach(A, spinning((now, out) -> now + 1000 * MS));

        RunResult result = net.run(10_500 * MS, 1_000_000);

        assertThat(result.outcome()).isEqualTo(Outcome.TIME_LIMIT);
        assertThat(result.nowNanos()).isEqualTo(10_500 * MS);
        assertThat(result.steps()).isEqualTo(11);
        assertThat(net.nowNanos()).isEqualTo(10_500 * MS);
    }

    @Test
    void stopsAsSoonAsTheConditionHolds() {
        Source source = new Source(B, 100, 100, MS);
        Recorder sink = new Recorder(false);
        SimulatedNetwork net = pair(1, "delay=1ms", "none", source, sink);

        RunResult result = net.runUntil(() -> sink.arrivals.size() == 10, MINUTE, 100_000);

        assertThat(result.outcome()).isEqualTo(Outcome.CONDITION_MET);
        assertThat(result.nowNanos()).isEqualTo(10 * MS);
    }

    @Test
    void countsDatagramsWithNoRouteOrNoEndpoint() {
        SimulatedNetwork net = new SimulatedNetwork(1);
        InetSocketAddress nowhere = SimulatedNetwork.address(9, 9);
        net.attach(A, new Source(nowhere, 3, 10, 0));
        net.attach(B, new Source(nowhere, 2, 10, 0));
        net.route(B, nowhere, net.link("to-nowhere", NetemSpec.NONE));

        net.run(MINUTE, 100);

        assertThat(net.unroutable()).isEqualTo(3);
        assertThat(net.undeliverable()).isEqualTo(2);
    }

    interface Poller {
        long poll(long now, DatagramSender out);
    }

    private static DatagramEndpoint spinning(Poller poller) {
        return new DatagramEndpoint() {
            @Override
            public void onDatagram(ByteBuffer datagram, InetSocketAddress from, long nowNanos) {}

            @Override
            public long poll(long nowNanos, DatagramSender out) {
                return poller.poll(nowNanos, out);
            }
        };
    }
}
