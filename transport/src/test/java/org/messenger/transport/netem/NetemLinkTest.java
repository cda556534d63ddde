package org.messenger.transport.netem;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetemLinkTest {
    private static final InetSocketAddress TO = new InetSocketAddress("127.0.0.1", 9);

    /** What came out of the link: (arrival instant, first byte as an id, length, content). */
    record Arrival(long atNanos, int id, int length, byte[] bytes) {}

    private final List<Arrival> arrivals = new ArrayList<>();
    private final NetemLink.Receiver collect = (datagram, from, to, now) -> {
        byte[] bytes = new byte[datagram.remaining()];
        datagram.get(bytes);
        arrivals.add(new Arrival(now, bytes.length == 0 ? -1 : bytes[0] & 0xff, bytes.length, bytes));
        return true;
    };

    private static ByteBuffer datagram(int id, int length) {
        ByteBuffer b = ByteBuffer.allocate(length);
        for (int i = 0; i < length; i++) {
            b.put(i, (byte) (id + i));
        }
        return b;
    }

    /** Releases everything, jumping from one release instant to the next. */
    private void drain(NetemLink link) {
        while (link.heldPackets() > 0) {
            link.release(link.nextReleaseNanos(), collect);
        }
    }

    @Test
    void passesDatagramsThroughAtOnceAndIntactWithoutImpairment() {
        NetemLink link = new NetemLink(NetemSpec.NONE, 1);
        ByteBuffer d = datagram(5, 100);

        assertThat(link.offer(d, null, TO, 1000)).isTrue();

        assertThat(d.position()).isZero();
        assertThat(link.nextReleaseNanos()).isEqualTo(1000);
        assertThat(link.release(1000, collect)).isEqualTo(1);
        assertThat(arrivals.getFirst().bytes()).isEqualTo(d.array());
        assertThat(link.nextReleaseNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void arrivesAfterSerializationPlusDelay() {
        // 8 Mbit/s: one byte per microsecond.
        NetemLink link = new NetemLink(NetemSpec.parse("rate=8mbit,delay=10ms"), 1);

        link.offer(datagram(1, 1000), null, TO, 0);
        link.offer(datagram(2, 500), null, TO, 0);

        assertThat(link.nextReleaseNanos()).isEqualTo(1_000_000 + 10_000_000);
        assertThat(link.release(10_999_999, collect)).isZero();
        drain(link);
        assertThat(arrivals).extracting(Arrival::atNanos).containsExactly(11_000_000L, 11_500_000L);
    }

    @Test
    void dropsAtTheTailWhenTheQueueIsFull() {
        NetemLink link = new NetemLink(NetemSpec.parse("rate=8mbit,queue=2"), 1);

        int accepted = 0;
        for (int i = 0; i < 10; i++) {
            accepted += link.offer(datagram(i, 1000), null, TO, 0) ? 1 : 0;
        }

        // One on the wire, two waiting.
        assertThat(accepted).isEqualTo(3);
        assertThat(link.stats().droppedQueue()).isEqualTo(7);
        // Once the first has gone onto the wire and the second started, there is room for one more.
        assertThat(link.offer(datagram(10, 1000), null, TO, 1_000_000)).isTrue();
        assertThat(link.offer(datagram(11, 1000), null, TO, 1_000_000)).isFalse();
        drain(link);
        assertThat(arrivals).extracting(Arrival::id).containsExactly(0, 1, 2, 10);
    }

    @Test
    void limitsTheQueueInBytesWhenGivenAByteSize() {
        NetemLink link = new NetemLink(NetemSpec.parse("rate=8mbit,queue=2500b"), 1);

        int accepted = 0;
        for (int i = 0; i < 10; i++) {
            accepted += link.offer(datagram(i, 1000), null, TO, 0) ? 1 : 0;
        }

        assertThat(accepted).isEqualTo(3);
    }

    @Test
    void jitterNeverReorders() {
        NetemLink link = new NetemLink(NetemSpec.parse("delay=10ms,jitter=9ms"), 3);

        for (int i = 0; i < 200; i++) {
            link.offer(datagram(i, 10), null, TO, i * 100_000L);
        }
        drain(link);

        assertThat(arrivals).extracting(Arrival::id).isSorted();
        assertThat(arrivals).extracting(Arrival::atNanos).isSorted();
    }

    @Test
    void reorderHoldsAPacketBackSoLaterOnesOvertakeIt() {
        NetemLink link = new NetemLink(NetemSpec.parse("delay=5ms,reorder=10%"), 11);

        for (int i = 0; i < 200; i++) {
            link.offer(datagram(i, 10), null, TO, i * 100_000L);
        }
        drain(link);

        assertThat(link.stats().reordered()).isBetween(5L, 40L);
        assertThat(arrivals).hasSize(200);
        assertThat(arrivals).extracting(Arrival::id).isNotEqualTo(arrivals.stream().map(Arrival::id).sorted().toList());
    }

    @Test
    void dropsEverythingDuringTheBlackholeOnly() {
        NetemLink link = new NetemLink(NetemSpec.parse("blackhole=2s@1s"), 1);

        long ms = 1_000_000;
        assertThat(link.offer(datagram(0, 10), null, TO, 5_000 * ms)).isTrue(); // origin
        assertThat(link.offer(datagram(1, 10), null, TO, 5_999 * ms)).isTrue();
        assertThat(link.offer(datagram(2, 10), null, TO, 6_000 * ms)).isFalse();
        assertThat(link.offer(datagram(3, 10), null, TO, 7_999 * ms)).isFalse();
        assertThat(link.offer(datagram(4, 10), null, TO, 8_000 * ms)).isTrue();
        assertThat(link.stats().droppedBlackhole()).isEqualTo(2);
    }

    @Test
    void duplicatesAreExactCopies() {
        NetemLink link = new NetemLink(NetemSpec.parse("dup=100%"), 1);

        link.offer(datagram(7, 50), null, TO, 0);
        drain(link);

        assertThat(arrivals).hasSize(2);
        assertThat(arrivals.get(0).bytes()).isEqualTo(arrivals.get(1).bytes());
        assertThat(link.stats().duplicated()).isEqualTo(1);
    }

    @Test
    void corruptionFlipsExactlyOneBit() {
        NetemLink link = new NetemLink(NetemSpec.parse("corrupt=100%"), 1);
        ByteBuffer original = datagram(7, 300);

        for (int i = 0; i < 50; i++) {
            link.offer(original, null, TO, i);
        }
        drain(link);

        for (Arrival a : arrivals) {
            int flipped = 0;
            for (int i = 0; i < a.length(); i++) {
                flipped += Integer.bitCount((a.bytes()[i] ^ original.get(i)) & 0xff);
            }
            assertThat(flipped).isEqualTo(1);
        }
        assertThat(link.stats().corrupted()).isEqualTo(50);
    }

    @Test
    void sameSeedSameCallsSameOutcome() {
        String spec = "rate=50mbit,delay=3ms,jitter=1ms,queue=10,loss=3%,burst=2,reorder=2%,dup=2%,corrupt=2%";
        List<String> first = runTrace(new NetemLink(NetemSpec.parse(spec), 42));
        List<String> second = runTrace(new NetemLink(NetemSpec.parse(spec), 42));
        List<String> other = runTrace(new NetemLink(NetemSpec.parse(spec), 43));

        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    private List<String> runTrace(NetemLink link) {
        arrivals.clear();
        for (int i = 0; i < 2000; i++) {
            link.offer(datagram(i, 200 + (i * 37) % 1200), null, TO, i * 150_000L);
            link.release(i * 150_000L, collect);
        }
        drain(link);
        return arrivals.stream().map(a -> a.atNanos() + ":" + a.id() + ":" + java.util.Arrays.hashCode(a.bytes())).toList();
    }

    @Test
    void allocatesNothingPerDatagramOnceWarm() {
        NetemLink link = new NetemLink(NetemSpec.parse("rate=100mbit,delay=15ms,jitter=2ms,queue=100,loss=1%,dup=1%,corrupt=1%,reorder=1%"), 5);
        ByteBuffer d = ByteBuffer.allocateDirect(1452);
        d.limit(1452);
        NetemLink.Receiver sink = (datagram, from, to, now) -> true;
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        long now = run(link, d, sink, 0, 50_000);
        long before = threads.getCurrentThreadAllocatedBytes();
        run(link, d, sink, now, 200_000);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(allocated).isLessThan(4096);
    }

    private static long run(NetemLink link, ByteBuffer d, NetemLink.Receiver sink, long now, int count) {
        for (int i = 0; i < count; i++) {
            now += 120_000;
            link.offer(d, null, TO, now);
            link.release(now, sink);
        }
        return now;
    }
}
