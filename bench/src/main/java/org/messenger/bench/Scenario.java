package org.messenger.bench;

import java.util.ArrayList;
import java.util.List;
import org.messenger.transport.netem.NetemSpec;

/**
 * One row of the transfer benchmark: a path (clean loopback, or an emulated link applied to both
 * directions' egress) and what the rate is compared with (the TCP copy of the same run, or the
 * emulated link rate).
 *
 * @param name short name used by {@code --scenario} and in the JSON
 * @param toReceiver impairment of the data direction
 * @param toSender impairment of the return direction (ACKs)
 * @param withTcpBaseline whether a TCP copy runs too and the UDP rate is reported as a ratio to it
 * @param flows simultaneous transfers sharing the sender's emulated egress (fairness rows when above 1)
 */
record Scenario(String name, String description, NetemSpec toReceiver, NetemSpec toSender, boolean withTcpBaseline, int flows) {

    /** The emulated link rate in bits per second, or 0 for an unlimited path. */
    long linkRateBitsPerSecond() {
        return toReceiver.rateBitsPerSecond();
    }

    static Scenario loopback() {
        return new Scenario("loopback", "clean 127.0.0.1, TCP copy vs our UDP transport", NetemSpec.NONE, NetemSpec.NONE, true, 1);
    }

    /** An emulated path: the same spec on both directions (different seeds), like netem on both ends. */
    static Scenario emulated(String name, String description, String spec) {
        NetemSpec forward = NetemSpec.parse(spec);
        long seed = forward.seeded() ? forward.seed() : 1;
        return new Scenario(name, description, forward.withSeed(seed), forward.withSeed(seed + 1), false, 1);
    }

    /** {@code flows} transfers at once through one emulated bottleneck. */
    static Scenario fairness(int flows) {
        Scenario one = emulated("fair" + flows, flows + " downloads at once through one 100 Mbit/s, 30 ms RTT bottleneck"
                + " (25-packet queue): Jain's fairness index", "rate=100mbit,delay=15ms,queue=25,seed=1");
        return new Scenario(one.name(), one.description(), one.toReceiver(), one.toSender(), false, flows);
    }

    /** The rows of issue 7, sized so that the blackhole falls in the middle of a transfer of {@code sizeBytes}. */
    static List<Scenario> standard(long sizeBytes) {
        List<Scenario> all = new ArrayList<>();
        all.add(loopback());
        for (String loss : new String[] {"0", "1", "2", "5"}) {
            all.add(emulated("wan100-loss" + loss, "100 Mbit/s, 30 ms RTT, 25-packet queue, " + loss + "% loss",
                    "rate=100mbit,delay=15ms,queue=25" + (loss.equals("0") ? "" : ",loss=" + loss + "%") + ",seed=1"));
        }
        for (String loss : new String[] {"0", "1"}) {
            all.add(emulated("lan1g-loss" + loss, "1 Gbit/s, 10 ms RTT, 200-packet queue, " + loss + "% loss",
                    "rate=1gbit,delay=5ms,queue=200" + (loss.equals("0") ? "" : ",loss=" + loss + "%") + ",seed=1"));
        }
        all.add(emulated("sat10-loss5", "10 Mbit/s, 1 s RTT, 100-packet queue, 5% loss (satellite-like)",
                "rate=10mbit,delay=500ms,queue=100,loss=5%,seed=1"));
        long middleMillis = Math.max(1000, sizeBytes * 8 / 100_000_000L * 1000 / 2);
        all.add(emulated("messy100", "100 Mbit/s, 30 ms RTT: bursty loss 2% (mean burst 3), 2% reorder, 1% dup,"
                        + " 0.5% corrupt, 2 s blackhole in the middle",
                "rate=100mbit,delay=15ms,queue=25,loss=2%,burst=3,reorder=2%,dup=1%,corrupt=0.5%,blackhole=2s@"
                        + middleMillis + "ms,seed=1"));
        all.add(fairness(2));
        all.add(fairness(4));
        return all;
    }

    /** A one-off row from {@code --netem}. */
    static Scenario custom(String spec) {
        return emulated("custom", "--netem " + spec, spec);
    }
}
