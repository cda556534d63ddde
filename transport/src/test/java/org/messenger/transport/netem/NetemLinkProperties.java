package org.messenger.transport.netem;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class NetemLinkProperties {

    @Property(tries = 40)
    void everyDatagramIsAccountedForAndNoneArrivesEarlyOrFasterThanTheRate(
            @ForAll @IntRange(min = 1, max = 1000) int rateMbit,
            @ForAll @IntRange(min = 0, max = 50) int delayMs,
            @ForAll @IntRange(min = 0, max = 10) int jitterMs,
            @ForAll @IntRange(min = 0, max = 100) int queue,
            @ForAll @DoubleRange(min = 0, max = 30) double loss,
            @ForAll @IntRange(min = 1, max = 5) int burst,
            @ForAll @DoubleRange(min = 0, max = 10) double reorder,
            @ForAll @DoubleRange(min = 0, max = 10) double dup,
            @ForAll @LongRange(min = 1_000, max = 2_000_000) long gapNanos,
            @ForAll long seed) {
        NetemSpec spec = NetemSpec.parse(String.format(Locale.ROOT,
                "rate=%dmbit,delay=%dms,jitter=%dms,queue=%d,loss=%.3f%%,burst=%d,reorder=%.3f%%,dup=%.3f%%,blackhole=20ms@100ms",
                rateMbit, delayMs, jitterMs, queue, loss, burst, reorder, dup));
        NetemLink link = new NetemLink(spec, seed);
        long minimumDelayNanos = Math.max(0, spec.delayNanos() - spec.jitterNanos());
        long[] deliveredBits = {0};
        long[] lastArrival = {0};
        // Each datagram carries its send time; the receiver is called exactly at arrival instants.
        NetemLink.Receiver check = (d, from, to, arrival) -> {
            long sentAt = d.getLong(d.position());
            assertThat(arrival - sentAt).isGreaterThanOrEqualTo(minimumDelayNanos);
            deliveredBits[0] += 8L * d.remaining();
            lastArrival[0] = arrival;
            return true;
        };

        ByteBuffer datagram = ByteBuffer.allocate(1500);
        long now = 0;
        int count = 2000;
        for (int i = 0; i < count; i++) {
            datagram.clear().limit(100 + (int) Math.floorMod(seed + i * 7919L, 1400));
            datagram.putLong(0, now);
            link.offer(datagram, null, null, now);
            long nextSend = now + gapNanos;
            while (link.nextReleaseNanos() < nextSend) {
                link.release(link.nextReleaseNanos(), check);
            }
            now = nextSend;
        }
        while (link.heldPackets() > 0) {
            link.release(link.nextReleaseNanos(), check);
        }

        NetemStats s = link.stats();
        assertThat(s.offeredPackets()).isEqualTo(count);
        long passedLossAndBlackhole = s.offeredPackets() - s.droppedBlackhole() - s.droppedLoss();
        assertThat(passedLossAndBlackhole + s.duplicated())
                .isEqualTo(s.deliveredPackets() + s.droppedQueue() + s.droppedLimit());
        assertThat(s.lossBursts()).isLessThanOrEqualTo(s.droppedLoss());
        // Serialization starts at time 0 at the earliest, so by the last arrival the link can have
        // carried at most rate x that time (plus a bit of rounding).
        assertThat(deliveredBits[0]).isLessThanOrEqualTo((long) (rateMbit * 1e6 * lastArrival[0] / 1e9) + 8);
    }
}
