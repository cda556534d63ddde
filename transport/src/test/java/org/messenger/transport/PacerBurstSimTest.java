package org.messenger.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.transport.io.DatagramEndpoint;
import org.messenger.transport.io.DatagramSender;
import org.messenger.transport.netem.NetemSpec;
import org.messenger.transport.pacing.Pacer;
import org.messenger.transport.sim.SimulatedNetwork;

/**
 * Issue 14, item 10: below ~4 ms of RTT the pacer's bucket (2 ms of a rate computed from that
 * RTT) held more than the window, and single polls sent thousands of datagrams back to back.
 */
class PacerBurstSimTest {
    @TempDir
    Path dir;

    /** Counts what the wrapped endpoint sends in each poll. */
    static final class BurstCounter implements DatagramEndpoint {
        final DatagramEndpoint inner;
        int largestBurst;
        long datagrams;
        private int thisPoll;

        BurstCounter(DatagramEndpoint inner) {
            this.inner = inner;
        }

        @Override
        public void onDatagram(ByteBuffer datagram, InetSocketAddress from, long nowNanos) {
            inner.onDatagram(datagram, from, nowNanos);
        }

        @Override
        public long poll(long nowNanos, DatagramSender out) {
            thisPoll = 0;
            long wake = inner.poll(nowNanos, (d, to) -> {
                thisPoll++;
                datagrams++;
                return out.send(d, to);
            });
            largestBurst = Math.max(largestBurst, thisPoll);
            return wake;
        }
    }

    @Test
    void onePollNeverSendsMoreThanTheBurstBoundAtLoopbackRtt() throws Exception {
        long size = 16L << 20;
        SimulatedNetwork net = new SimulatedNetwork(3);
        TransferConfig config = TransferConfig.defaults().withReceiveWindowBytes(64L << 20); // 1452-byte datagrams
        TransferEndpoint sender = new TransferEndpoint(config, net.clock(), new SplittableRandom(3));
        TransferEndpoint receiver = new TransferEndpoint(config, net.clock(), new SplittableRandom(4));
        BurstCounter counted = new BurstCounter(sender);
        InetSocketAddress a = SimulatedNetwork.address(1, 4433);
        InetSocketAddress b = SimulatedNetwork.address(2, 5000);
        net.attach(a, counted);
        net.attach(b, receiver);
        // 10 Gbit/s with 50 µs each way: a 0.1 ms RTT, as on loopback.
        net.connect(a, b, NetemSpec.parse("rate=10gbit,delay=50us,queue=2000"), NetemSpec.parse("delay=50us"));
        Path src = Files.write(dir.resolve("src"), new byte[(int) size]);
        try (FileChannel in = FileChannel.open(src, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(dir.resolve("dst"), StandardOpenOption.CREATE,
                        StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            TransferTicket ticket = TransferTicket.random();
            TransferHandle up = sender.send(in, ByteRanges.whole(size), ticket, null, null);
            ReceiveHandle down = receiver.receive(out, ByteRanges.whole(size), a, ticket, null);
            // Half way, the receiver pauses for 50 ms: an idle sender's bucket fills to the brim.
            net.runUntil(() -> down.receivedRanges().totalBytes() >= size / 2, 60_000_000_000L, 5_000_000);
            down.pause();
            long resumeAt = net.nowNanos() + 50_000_000L;
            net.runUntil(() -> net.nowNanos() >= resumeAt, resumeAt, 5_000_000);
            down.resume();
            var r = net.runUntil(() -> up.completion().isDone() && down.completion().isDone(), 60_000_000_000L,
                    5_000_000);
            assertThat(down.completion()).as("%s", r).isCompleted();
            assertThat(counted.datagrams).isGreaterThan(size / config.maxDatagramBytes());
            System.out.println("largest burst " + counted.largestBurst + " of " + counted.datagrams + " datagrams, " + r);
            // The pacer's burst, plus an ACK-only packet and a probe at most.
            assertThat(counted.largestBurst).isLessThanOrEqualTo(Pacer.MAX_BURST_PACKETS + 2);
        }
    }
}
