package org.messenger.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.messenger.transport.netem.NetemSpec;
import org.messenger.transport.packet.PacketNumbers;
import org.messenger.transport.packet.PacketReader;
import org.messenger.transport.sim.SimulatedNetwork;

/**
 * For random sizes and random impairments on the simulated network: the transfer finishes, the
 * received file equals the sent one, and the sender never reuses a packet number.
 */
class TransferProperties {
    private Path dir;

    @BeforeProperty
    void makeDir() throws Exception {
        dir = Files.createTempDirectory("transfer-props");
    }

    @AfterProperty
    void removeDir() throws Exception {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) Files.deleteIfExists(p);
        }
        Files.deleteIfExists(dir);
    }

    @Provide
    Arbitrary<Long> sizes() {
        int payload = 1452 - 31; // DATA bytes per default datagram, roughly: exact multiples and neighbours
        return Arbitraries.oneOf(Arbitraries.of(0L, 1L, 2L, (long) payload, 2L * payload, 100L * payload,
                100L * payload + 1, 1L << 20), Arbitraries.longs().between(0, 3L << 20));
    }

    @Provide
    Arbitrary<String> impairments() {
        return Arbitraries.of("rate=50mbit,delay=10ms,queue=50", "rate=20mbit,delay=30ms,queue=30,loss=3%",
                "rate=100mbit,delay=5ms,jitter=3ms,queue=100,reorder=5%,dup=2%",
                "rate=30mbit,delay=20ms,queue=20,loss=5%,burst=4,corrupt=1%",
                "rate=10mbit,delay=50ms,queue=60,loss=10%",
                "delay=2ms,loss=1%,reorder=10%,dup=5%,corrupt=2%");
    }

    @Provide
    Arbitrary<TransferConfig> configs() {
        return Arbitraries.of("cubic", "newreno", "bbr").flatMap(cc -> Arbitraries.of(1200, 1452, 9000)
                .map(dgram -> TransferConfig.defaults().withCongestionControl(cc).withMaxDatagramBytes(dgram)));
    }

    /*
     * A fixed seed keeps CI deterministic. With a fresh seed per run, a CI run drew a loss burst
     * that took every packet the receiver sent after its HELLO and found a real stall (now
     * AmplificationLimitSimTest); at 20,000 runs of the heaviest impairments one case in 20,000
     * still fails, and rightly: its burst model dropped 17 packets in a row spread over 30 s, a
     * path that was down for the whole idle timeout. To explore, change the seed or remove it.
     */
    @Property(tries = 40, seed = "20261205")
    void everyTransferFinishesIntactWithFreshPacketNumbers(@ForAll("sizes") long size,
            @ForAll("impairments") String forward, @ForAll("impairments") String back,
            @ForAll("configs") TransferConfig config, @ForAll long seed) throws Exception {
        try (SimTransfer t = new SimTransfer(seed, dir, size, config, NetemSpec.parse(forward),
                NetemSpec.parse(back))) {
            long[] largest = {-1};
            boolean[] repeated = {false};
            PacketReader reader = new PacketReader();
            t.net.trace((now, event, link, from, to, datagram) -> {
                if (event != SimulatedNetwork.Event.SENT || !from.equals(t.senderAddress)) return;
                if (reader.open(datagram.duplicate()) != PacketReader.OK) return;
                // The sender emits packets in order, so each must decode above the previous one.
                long pn = PacketNumbers.decode(largest[0], reader.truncatedPn(), reader.pnLength() * 8);
                if (pn <= largest[0]) repeated[0] = true;
                largest[0] = pn;
            });
            t.start(ByteRanges.whole(size));
            SimulatedNetwork.RunResult r = t.run(30 * 60_000_000_000L);
            assertThat(r.outcome()).as("%s %s", r, t.describe()).isEqualTo(SimulatedNetwork.Outcome.CONDITION_MET);
            assertThat(t.receiveHandle.completion()).isCompleted();
            assertThat(t.sendHandle.completion()).isCompleted();
            assertThat(t.filesEqual()).isTrue();
            assertThat(repeated[0]).isFalse();
            if (Boolean.getBoolean("transfer.props.verbose")) {
                System.out.printf("size=%d %s/%d fwd=%s back=%s virtual=%.2fs%n", size, config.congestionControl(),
                        config.maxDatagramBytes(), forward, back, r.nowNanos() / 1e9);
            }
        }
    }

    static ByteBuffer copy(ByteBuffer b) {
        return ByteBuffer.allocate(b.remaining()).put(b.duplicate()).flip();
    }
}
