package org.messenger.bench;

import java.util.ArrayList;
import java.util.List;
import org.messenger.transport.netem.NetemSpec;

/**
 * One row of the transfer benchmark: a path (clean loopback, or an emulated link applied to both
 * directions' egress) and what the rate is compared with (the TCP and TLS copies of the same run, or the
 * emulated link rate).
 *
 * @param name short name used by {@code --scenario} and in the JSON
 * @param toReceiver impairment of the data direction
 * @param toSender impairment of the return direction (ACKs)
 * @param withTcpBaseline whether a TCP and a TLS 1.3 copy run too and the UDP rate is reported as ratios to them
 * @param flows simultaneous transfers sharing the sender's emulated egress (fairness rows when above 1)
 * @param fileBytes bytes each flow moves
 */
record Scenario(String name, String description, NetemSpec toReceiver, NetemSpec toSender, boolean withTcpBaseline, int flows,
        long fileBytes) {

    /**
     * An emulated row lasts at least this many round trips at the link rate: start-up costs a
     * fixed number of round trips, so a shorter row would measure start-up more than the link.
     */
    static final int MIN_ROUND_TRIPS = 50;

    /** The emulated link rate in bits per second, or 0 for an unlimited path. */
    long linkRateBitsPerSecond() {
        return toReceiver.rateBitsPerSecond();
    }

    long roundTripNanos() {
        return toReceiver.delayNanos() + toSender.delayNanos();
    }

    static Scenario loopback(long sizeBytes) {
        return new Scenario("loopback", "clean 127.0.0.1, TCP and TLS 1.3 copies vs our UDP transport", NetemSpec.NONE, NetemSpec.NONE, true, 1,
                sizeBytes);
    }

    /**
     * An emulated path: the same spec on both directions (different seeds), like netem on both
     * ends. Each flow moves {@code sizeBytes}, or less when the link would take longer than
     * {@code linkSeconds} (or {@link #MIN_ROUND_TRIPS} round trips, if longer) to carry all flows.
     */
    static Scenario emulated(String name, String description, String spec, int flows, long sizeBytes, double linkSeconds) {
        NetemSpec forward = NetemSpec.parse(spec);
        long seed = forward.seeded() ? forward.seed() : 1;
        NetemSpec back = forward.withSeed(seed + 1);
        forward = forward.withSeed(seed);
        return new Scenario(name, description, forward, back, false, flows,
                cappedSize(sizeBytes, flows, forward.rateBitsPerSecond(), 2 * forward.delayNanos(), linkSeconds));
    }

    /** Bytes per flow so that {@code flows} flows fill the link for about {@code linkSeconds} (whole MiB when that large). */
    static long cappedSize(long sizeBytes, int flows, long rateBitsPerSecond, long roundTripNanos, double linkSeconds) {
        if (rateBitsPerSecond == 0) {
            return sizeBytes;
        }
        double seconds = Math.max(linkSeconds, MIN_ROUND_TRIPS * roundTripNanos / 1e9);
        long cap = (long) (seconds * rateBitsPerSecond / 8 / flows);
        if (cap >= sizeBytes) {
            return sizeBytes;
        }
        return cap >= 1 << 20 ? cap & ~((1L << 20) - 1) : Math.max(cap, 64 * 1024);
    }

    /** {@code flows} transfers at once through one emulated bottleneck. */
    static Scenario fairness(int flows, long sizeBytes, double linkSeconds) {
        return emulated("fair" + flows, flows + " downloads at once through one 100 Mbit/s, 30 ms RTT, 25-packet queue bottleneck", "rate=100mbit,delay=15ms,queue=25,seed=1", flows, sizeBytes, linkSeconds);
    }

    /** The rows of issue 7; emulated rows capped to about {@code linkSeconds} of their link. */
    static List<Scenario> standard(long sizeBytes, double linkSeconds) {
        List<Scenario> all = new ArrayList<>();
        all.add(loopback(sizeBytes));
        for (String loss : new String[] {"0", "1", "2", "5"}) {
            all.add(emulated("wan100-loss" + loss, "100 Mbit/s, 30 ms RTT, 25-packet queue, " + loss + "% loss",
                    "rate=100mbit,delay=15ms,queue=25" + (loss.equals("0") ? "" : ",loss=" + loss + "%") + ",seed=1",
                    1, sizeBytes, linkSeconds));
        }
        for (String loss : new String[] {"0", "1"}) {
            all.add(emulated("lan1g-loss" + loss, "1 Gbit/s, 10 ms RTT, 200-packet queue, " + loss + "% loss",
                    "rate=1gbit,delay=5ms,queue=200" + (loss.equals("0") ? "" : ",loss=" + loss + "%") + ",seed=1",
                    1, sizeBytes, linkSeconds));
        }
        all.add(emulated("sat10-loss5", "10 Mbit/s, 1 s RTT, 100-packet queue, 5% loss (satellite-like)",
                "rate=10mbit,delay=500ms,queue=100,loss=5%,seed=1", 1, sizeBytes, linkSeconds));
        all.add(messy(sizeBytes, linkSeconds));
        all.add(fairness(2, sizeBytes, linkSeconds));
        all.add(fairness(4, sizeBytes, linkSeconds));
        return all;
    }

    /** Everything at once on a 100 Mbit/s path, with the 2 s blackhole half-way through the row's file at the link rate. */
    private static Scenario messy(long sizeBytes, double linkSeconds) {
        String link = "rate=100mbit,delay=15ms,queue=25,loss=2%,burst=3,reorder=2%,dup=1%,corrupt=0.5%";
        long fileBytes = emulated("messy100", "", link, 1, sizeBytes, linkSeconds).fileBytes();
        long middleMillis = Math.max(1000, fileBytes * 8 * 1000 / 100_000_000L / 2);
        return emulated("messy100", "100 Mbit/s, 30 ms RTT, bursty loss 2% (burst 3), reorder 2%, dup 1%, corrupt 0.5%,"
                        + " 2 s blackhole",
                link + ",blackhole=2s@" + middleMillis + "ms,seed=1", 1, sizeBytes, linkSeconds);
    }

    /** A one-off row from {@code --netem}. */
    static Scenario custom(String spec, long sizeBytes, double linkSeconds) {
        return emulated("custom", "--netem " + spec, spec, 1, sizeBytes, linkSeconds);
    }
}
