package org.messenger.transport.cc;

import org.messenger.transport.recovery.RttEstimator;

/**
 * A compact BBR (v1 model, draft-cardwell-iccrg-bbr-congestion-control-00): rate-based, it paces
 * at the estimated bottleneck bandwidth and keeps about two bandwidth-delay products in flight,
 * so random loss does not cut the rate as it does for loss-based CUBIC and NewReno. STARTUP
 * doubles until the bandwidth stops growing, DRAIN empties the queue it built, PROBE_BW cycles
 * its pacing gain. Simplifications: no PROBE_RTT (min_rtt never expires), and losses only matter
 * through persistent congestion (which restarts the model).
 */
public final class Bbr implements CongestionController {
    static final double STARTUP_GAIN = 2.885; // 2 / ln 2
    static final double[] PROBE_BW_GAINS = {1.25, 0.75, 1, 1, 1, 1, 1, 1};
    static final double CWND_GAIN = 2.0;
    static final int BW_FILTER_ROUNDS = 10;
    static final int PIPE_FLOOR_DATAGRAMS = 32;

    enum Mode { STARTUP, DRAIN, PROBE_BW }

    private final int maxDatagramBytes;
    private final long minWindowBytes;
    private final long initialWindowBytes;
    private Mode mode = Mode.STARTUP;
    private final long[] bwPerRound = new long[BW_FILTER_ROUNDS];
    private long round;
    private long nextRoundDelivered;
    private long fullBw;
    private int fullBwRounds;
    private double pacingGain = STARTUP_GAIN;
    private double cwndGain = STARTUP_GAIN;
    private int cycleIndex;
    /**
     * Gain of the probing phase: starts at 1.25 and adapts to the bottleneck's buffer. A probe
     * whose round saw the loss threshold crossed lowers it (a shallow queue overflowed), a clean
     * probe raises it again, so probing costs little loss on a 25-packet queue.
     */
    private double probeGain = PROBE_BW_GAINS[0];
    private boolean probeLost;
    static final double MIN_PROBE_GAIN = 1.05;
    private long cycleStartNanos;
    private long bytesInFlight;
    private long recoveryStartNanos = Long.MIN_VALUE;

    public Bbr(int maxDatagramBytes) {
        this.maxDatagramBytes = maxDatagramBytes;
        this.minWindowBytes = 4L * maxDatagramBytes;
        this.initialWindowBytes = Math.min(10L * maxDatagramBytes, Math.max(14_720L, 2L * maxDatagramBytes));
    }

    /** Windowed maximum of the delivery rate over the last rounds, bytes per second. */
    public long bottleneckBandwidth() {
        long max = 0;
        for (long b : bwPerRound) max = Math.max(max, b);
        return max;
    }

    public String mode() {
        return mode.name();
    }

    private long bdpBytes(RttEstimator rtt) {
        long bw = bottleneckBandwidth();
        if (bw == 0 || !rtt.hasSample()) return initialWindowBytes;
        return (long) (bw * (rtt.minRttNanos() / 1e9));
    }

    private long cwnd;
    private RttEstimator lastRtt;

    @Override
    public long cwndBytes() {
        if (lastRtt == null || bottleneckBandwidth() == 0) return Math.max(initialWindowBytes, cwnd);
        long target = (long) (cwndGain * bdpBytes(lastRtt)) + 3L * maxDatagramBytes;
        // Floor: when min_rtt is tiny (loopback), two BDPs are a few datagrams and any scheduling
        // hiccup of either thread drains the pipe; a few dozen datagrams keep it full.
        return Math.max(PIPE_FLOOR_DATAGRAMS * (long) maxDatagramBytes, target);
    }

    @Override
    public long ssthreshBytes() {
        return mode == Mode.STARTUP ? Long.MAX_VALUE : cwndBytes();
    }

    @Override
    public boolean inSlowStart() {
        return mode == Mode.STARTUP;
    }

    @Override
    public boolean inRecovery(long sentTimeNanos) {
        return sentTimeNanos <= recoveryStartNanos;
    }

    @Override
    public void onPacketSent(long sentTimeNanos, int bytes, long bytesInFlight) {
        this.bytesInFlight = bytesInFlight;
    }

    @Override
    public void onPacketAcked(long sentTimeNanos, int bytes, boolean appLimited, long nowNanos, RttEstimator rtt) {
        lastRtt = rtt;
        bytesInFlight = Math.max(0, bytesInFlight - bytes);
    }

    @Override
    public void onRateSample(long deliveredTotal, long priorDelivered, long rateBytesPerSecond, boolean appLimited,
            long nowNanos, RttEstimator rtt) {
        lastRtt = rtt;
        lastDeliveredTotal = deliveredTotal;
        if (priorDelivered >= nextRoundDelivered) { // a round trip has passed
            nextRoundDelivered = deliveredTotal;
            deliveredAtRoundStart = deliveredTotal;
            lostBytesThisRound = 0;
            round++;
            bwPerRound[(int) (round % BW_FILTER_ROUNDS)] = 0;
            if (mode == Mode.STARTUP) checkFullPipe();
        }
        int slot = (int) (round % BW_FILTER_ROUNDS);
        if (!appLimited || rateBytesPerSecond > bottleneckBandwidth()) {
            bwPerRound[slot] = Math.max(bwPerRound[slot], rateBytesPerSecond);
        }
        if (mode == Mode.DRAIN && bytesInFlight <= bdpBytes(rtt)) enterProbeBw(nowNanos);
        if (mode == Mode.PROBE_BW) advanceCycle(nowNanos, rtt);
    }

    private void checkFullPipe() {
        long bw = bottleneckBandwidth();
        if (bw >= fullBw * 5 / 4) { // still growing by 25 % per round
            fullBw = bw;
            fullBwRounds = 0;
            return;
        }
        if (++fullBwRounds >= 3) {
            mode = Mode.DRAIN;
            pacingGain = 1 / STARTUP_GAIN;
            cwndGain = STARTUP_GAIN;
        }
    }

    private void enterProbeBw(long nowNanos) {
        mode = Mode.PROBE_BW;
        cwndGain = CWND_GAIN;
        cycleIndex = 2; // start cruising; probing comes around within the cycle
        pacingGain = PROBE_BW_GAINS[cycleIndex];
        cycleStartNanos = nowNanos;
    }

    private void advanceCycle(long nowNanos, RttEstimator rtt) {
        long phase = Math.max(rtt.minRttNanos(), 1_000_000L);
        if (nowNanos - cycleStartNanos >= phase) {
            cycleIndex = (cycleIndex + 1) % PROBE_BW_GAINS.length;
            pacingGain = PROBE_BW_GAINS[cycleIndex];
            if (cycleIndex == 0) {
                if (!probeLost) probeGain = Math.min(PROBE_BW_GAINS[0], probeGain + 0.01);
                probeLost = false;
                pacingGain = probeGain;
            } else if (cycleIndex == 1) {
                pacingGain = 2 - probeGain; // drain exactly what the probe may have queued
            }
            cycleStartNanos = nowNanos;
        }
    }

    /** Loss rate within a round above which BBRv2 takes loss as a sign of a full queue. */
    static final double STARTUP_LOSS_THRESHOLD = 0.05;
    /** While probing, BBRv2's 2 %: a shallow queue overflows long before the probe ends. */
    static final double PROBE_LOSS_THRESHOLD = 0.02;
    private long lostBytesThisRound;
    private long deliveredAtRoundStart;
    private long lastDeliveredTotal;

    @Override
    public void onCongestionEvent(long sentTimeNanos, long nowNanos) {
        // A random loss is not a congestion signal for BBR: the rate model stays.
        if (sentTimeNanos > recoveryStartNanos) recoveryStartNanos = nowNanos;
    }

    @Override
    public void onPacketLost(int bytes, long nowNanos) {
        lostBytesThisRound += bytes;
        long delivered = lastDeliveredTotal - deliveredAtRoundStart;
        // Losses well above the random background while pushing harder than the estimate mean
        // the queue overflowed (BBRv2): leave STARTUP, or cut a PROBE_BW probe short.
        if (lostBytesThisRound < 3L * maxDatagramBytes) return;
        double lossRate = (double) lostBytesThisRound / (delivered + lostBytesThisRound);
        // Only loss that comes with a grown RTT says "the queue is full"; random loss on a path
        // whose delay stays at min_rtt says nothing about capacity.
        if (!queueBuilt()) return;
        if (mode == Mode.STARTUP && bottleneckBandwidth() > 0 && lossRate >= STARTUP_LOSS_THRESHOLD) {
            mode = Mode.DRAIN;
            pacingGain = 1 / STARTUP_GAIN;
            cwndGain = STARTUP_GAIN;
        } else if (mode == Mode.PROBE_BW && cycleIndex <= 2 && lossRate >= PROBE_LOSS_THRESHOLD && !probeLost) {
            // Losses show up a round trip after the probe that caused them: probe more gently next time.
            probeLost = true;
            probeGain = Math.max(MIN_PROBE_GAIN, probeGain - 0.05);
            if (pacingGain > 1) {
                cycleIndex = 1; // the drain phase empties what the probe queued
                pacingGain = 2 - probeGain;
                cycleStartNanos = nowNanos;
            }
        }
    }

    private boolean queueBuilt() {
        if (lastRtt == null || !lastRtt.hasSample()) return false;
        long min = lastRtt.minRttNanos();
        return lastRtt.latestAdjustedRttNanos() >= min + Math.max(min / 32, 500_000L);
    }

    @Override
    public void onPersistentCongestion(long nowNanos) {
        // The path may have changed entirely: forget the model and start over.
        java.util.Arrays.fill(bwPerRound, 0);
        mode = Mode.STARTUP;
        pacingGain = STARTUP_GAIN;
        cwndGain = STARTUP_GAIN;
        fullBw = 0;
        fullBwRounds = 0;
        cwnd = minWindowBytes;
    }

    @Override
    public long pacingRateBytesPerSecond(RttEstimator rtt) {
        long bw = bottleneckBandwidth();
        if (bw == 0) {
            long srtt = Math.max(rtt.smoothedRttNanos(), 1_000L);
            return (long) (STARTUP_GAIN * initialWindowBytes * 1e9 / srtt);
        }
        return (long) (pacingGain * bw);
    }

    @Override
    public String name() {
        return "bbr";
    }
}
