package org.messenger.transport.cc;

import org.messenger.transport.recovery.RttEstimator;

/**
 * A compact BBR (v1 model, draft-cardwell-iccrg-bbr-congestion-control-00): rate-based, it paces
 * at the estimated bottleneck bandwidth and keeps about two bandwidth-delay products in flight,
 * so random loss does not cut the rate as it does for loss-based CUBIC and NewReno. STARTUP
 * doubles until the bandwidth stops growing, DRAIN empties the queue it built, PROBE_BW cycles
 * its pacing gain, PROBE_RTT refreshes a min_rtt that has not been seen for a while. Changes from
 * v1, each explained where it is made: probing has an additive part and a gain that adapts to the
 * bottleneck queue, loss together with a grown RTT ends STARTUP or a probe, and loss while
 * cruising into a queue that others keep standing cuts the bandwidth estimate (BBRv2 ideas).
 */
public final class Bbr implements CongestionController {
    static final double STARTUP_GAIN = 2.885; // 2 / ln 2
    static final double[] PROBE_BW_GAINS = {1.25, 0.75, 1, 1, 1, 1, 1, 1};
    static final double CWND_GAIN = 2.0;
    static final int BW_FILTER_ROUNDS = 10;
    static final int PIPE_FLOOR_DATAGRAMS = 32;

    /**
     * How long a min_rtt stays valid without a fresh sample near it (BBRv2's ProbeRTTInterval,
     * draft-cardwell-iccrg-bbr-congestion-control-02 §4.3.4.5; v1 used 10 s). Flows sharing a
     * bottleneck keep a standing queue, so none of them sees the path's real min_rtt again and
     * each keeps the estimate from its own start: a later flow's larger min_rtt makes a larger
     * BDP and window (v1's known RTT unfairness). Every so often each drops to half a BDP for
     * {@link #PROBE_RTT_DURATION_NANOS}: the queue empties, min_rtt is refreshed, and a flow whose
     * share was small sees free capacity and raises its bandwidth estimate.
     */
    static final long MIN_RTT_WINDOW_NANOS = 5_000_000_000L;
    static final long PROBE_RTT_DURATION_NANOS = 200_000_000L;

    enum Mode { STARTUP, DRAIN, PROBE_BW, PROBE_RTT }

    private final int maxDatagramBytes;
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
    static final double PROBE_STEP_DOWN = 0.05;
    private long cycleStartNanos;
    private long bytesInFlight;
    private long recoveryStartNanos = Long.MIN_VALUE;
    /** The highest pacing rate of this STARTUP; it only grows until the pipe is full. */
    private long startupPacingRate;

    public Bbr(int maxDatagramBytes) {
        this.maxDatagramBytes = maxDatagramBytes;
        this.initialWindowBytes = Math.min(10L * maxDatagramBytes, Math.max(14_720L, 2L * maxDatagramBytes));
    }

    /** Windowed maximum of the delivery rate over the last rounds, bytes per second. */
    public long bottleneckBandwidth() {
        long max = 0;
        for (long b : bwPerRound) max = Math.max(max, b);
        return Math.min(max, bwCap);
    }

    public String mode() {
        return mode.name();
    }

    private long bdpBytes(RttEstimator rtt) {
        long bw = bottleneckBandwidth();
        if (bw == 0 || !rtt.hasSample()) return initialWindowBytes;
        return (long) (bw * (minRttNanos(rtt) / 1e9));
    }

    /** The windowed min_rtt (falls back to the estimator's until the first rate sample). */
    private long minRttNanos(RttEstimator rtt) {
        return minRttNanos > 0 ? minRttNanos : rtt.minRttNanos();
    }

    private long minRttNanos;
    private long minRttStampNanos;
    private long probeRttDoneNanos;
    private boolean probeRttRoundDone;

    private RttEstimator lastRtt;

    @Override
    public long cwndBytes() {
        if (lastRtt == null || bottleneckBandwidth() == 0) return initialWindowBytes;
        if (mode == Mode.PROBE_RTT) return probeRttCwndBytes();
        long target = (long) (cwndGain * bdpBytes(lastRtt)) + 3L * maxDatagramBytes;
        // Floor: when min_rtt is tiny (loopback), two BDPs are a few datagrams and any scheduling
        // hiccup of either thread drains the pipe; a few dozen datagrams keep it full.
        return Math.max(PIPE_FLOOR_DATAGRAMS * (long) maxDatagramBytes, target);
    }

    private long probeRttCwndBytes() {
        return Math.max(PIPE_FLOOR_DATAGRAMS * (long) maxDatagramBytes, bdpBytes(lastRtt) / 2);
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
        boolean roundStart = priorDelivered >= nextRoundDelivered;
        if (roundStart) { // a round trip has passed
            nextRoundDelivered = deliveredTotal;
            deliveredAtRoundStart = deliveredTotal;
            lostBytesThisRound = 0;
            previousRoundMinRttNanos = roundMinRttNanos;
            roundMinRttNanos = Long.MAX_VALUE;
            round++;
            bwPerRound[(int) (round % BW_FILTER_ROUNDS)] = 0;
            if (mode == Mode.STARTUP) checkFullPipe();
        }
        int slot = (int) (round % BW_FILTER_ROUNDS);
        // Samples of packets sent before a contention cut still show the old rate; taking them
        // would undo the cut a round trip later.
        boolean sentBeforeCut = priorDelivered < deliveredAtCut;
        if (!sentBeforeCut && (!appLimited || rateBytesPerSecond > bottleneckBandwidth())) {
            bwPerRound[slot] = Math.max(bwPerRound[slot], rateBytesPerSecond);
        }
        if (rtt.hasSample()) roundMinRttNanos = Math.min(roundMinRttNanos, rtt.latestAdjustedRttNanos());
        updateMinRtt(rtt, nowNanos);
        if (mode == Mode.PROBE_RTT) handleProbeRtt(roundStart, nowNanos);
        if (mode == Mode.DRAIN && bytesInFlight <= bdpBytes(rtt)) enterProbeBw(nowNanos);
        if (mode == Mode.PROBE_BW) advanceCycle(nowNanos, rtt);
    }

    private void updateMinRtt(RttEstimator rtt, long nowNanos) {
        if (!rtt.hasSample()) return;
        long sample = rtt.latestAdjustedRttNanos();
        boolean expired = minRttNanos > 0 && nowNanos - minRttStampNanos > MIN_RTT_WINDOW_NANOS;
        if (minRttNanos == 0 || sample <= minRttNanos || expired) {
            minRttNanos = sample;
            minRttStampNanos = nowNanos;
        } else if (sample <= minRttNanos + Math.max(minRttNanos / 64, 100_000L)) {
            // Within clock and scheduling noise of min_rtt: the queue is empty, the estimate still
            // holds, and a lone flow need not pay for PROBE_RTT.
            minRttStampNanos = nowNanos;
        }
        if (expired && mode != Mode.PROBE_RTT && mode != Mode.STARTUP) {
            mode = Mode.PROBE_RTT;
            pacingGain = 1;
            probeRttDoneNanos = 0;
        }
    }

    private void handleProbeRtt(boolean roundStart, long nowNanos) {
        if (probeRttDoneNanos == 0) {
            if (bytesInFlight <= probeRttCwndBytes()) {
                probeRttDoneNanos = nowNanos + Math.max(PROBE_RTT_DURATION_NANOS, minRttNanos);
                probeRttRoundDone = false;
                nextRoundDelivered = lastDeliveredTotal;
            }
            return;
        }
        if (roundStart) probeRttRoundDone = true;
        if (probeRttRoundDone && nowNanos >= probeRttDoneNanos) {
            minRttStampNanos = nowNanos;
            enterProbeBw(nowNanos);
        }
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
        long phase = Math.max(minRttNanos(rtt), 1_000_000L);
        if (nowNanos - cycleStartNanos >= phase) {
            cycleIndex = (cycleIndex + 1) % PROBE_BW_GAINS.length;
            pacingGain = PROBE_BW_GAINS[cycleIndex];
            if (cycleIndex == 0) {
                // After a cycle with a contention cut the estimate may grow by one additive step
                // only; after a clean cycle the others have gone and the probe may take what is free.
                bwCap = cutThisCycle ? bottleneckBandwidth() + probeExtraRate(rtt) : Long.MAX_VALUE;
                cutThisCycle = false;
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
        // In STARTUP only once the bandwidth has stopped growing for a round too: a flow that
        // joins a queue kept full by others loses packets from its first round, yet its share
        // still doubles per round; leaving STARTUP there would freeze it at a tiny share.
        if (mode == Mode.STARTUP && bottleneckBandwidth() > 0 && lossRate >= STARTUP_LOSS_THRESHOLD
                && fullBwRounds >= 1) {
            mode = Mode.DRAIN;
            pacingGain = 1 / STARTUP_GAIN;
            cwndGain = STARTUP_GAIN;
        } else if (mode == Mode.PROBE_BW && cycleIndex <= 2 && lossRate >= PROBE_LOSS_THRESHOLD && !probeLost) {
            // Losses show up a round trip after the probe that caused them: probe more gently next time.
            probeLost = true;
            probeGain = Math.max(MIN_PROBE_GAIN, probeGain - PROBE_STEP_DOWN);
            if (pacingGain > 1) {
                cycleIndex = 1; // the drain phase empties what the probe queued
                pacingGain = 2 - probeGain;
                cycleStartNanos = nowNanos;
            }
        } else if (mode == Mode.PROBE_BW && cycleIndex >= CRUISE_FROM_INDEX && lossRate >= PROBE_LOSS_THRESHOLD
                && !cutThisCycle && queueStoodAllRound()) {
            cutOnContention();
        }
    }

    /**
     * Not one RTT sample near min_rtt in this round so far nor in the last one: a queue that others
     * keep standing. The latest sample alone is not enough on real sockets: a lone flow's samples
     * jump a millisecond above min_rtt whenever a thread wakes late, and with 2 % random loss that
     * cut it (bench wan100-loss2: 91 % of the link instead of 95 %).
     */
    private boolean queueStoodAllRound() {
        long min = minRttNanos(lastRtt);
        long threshold = min + Math.max(min / 32, 500_000L);
        return previousRoundMinRttNanos >= threshold && roundMinRttNanos >= threshold;
    }

    private long roundMinRttNanos = Long.MAX_VALUE;
    private long previousRoundMinRttNanos;

    /** Cruise phases far enough from this flow's own probe that its queue has drained. */
    static final int CRUISE_FROM_INDEX = 3;

    /**
     * Multiplicative decrease on contention, the other half of AIMD next to the additive probe
     * (Chiu and Jain 1989: additive increase with multiplicative decrease is what converges).
     * BBRv2 and v3 cut their model by beta = 0.7 on a lossy round for the same reason
     * (draft-cardwell-ccwg-bbr: bw_lo and inflight_lo, BBRAdaptLowerBoundsFromCongestion). A flow
     * that is cruising (not probing) and still sees a round with >= 2 % loss while the queue has
     * stood all round meets a queue that others keep full: it lowers its bandwidth estimate by
     * {@link #CONTENTION_BETA}, at most once per gain cycle, and the estimate may then regrow by one
     * additive probe step per cycle ({@link #bwCap}). Every flow gives back the same fraction, so a
     * larger flow gives back more in absolute terms, and the same step refills the flows equally:
     * the gap shrinks each cycle instead of persisting (v1 only let the max filter age). A lone
     * flow with random loss is not cut: once its own probe's queue has drained, its RTT is back at
     * min_rtt.
     */
    private void cutOnContention() {
        long bw = bottleneckBandwidth();
        long cap = (long) (CONTENTION_BETA * bw);
        for (int i = 0; i < bwPerRound.length; i++) bwPerRound[i] = Math.min(bwPerRound[i], cap);
        bwCap = cap;
        deliveredAtCut = lastDeliveredTotal;
        cutThisCycle = true;
        contentionCuts++;
    }

    /**
     * 0.8, not BBRv3's 0.7: in the fairness simulation (4 flows, seeds 1-5; measured with the
     * latest RTT sample as the queue test, before {@link #queueStoodAllRound}) 0.7, 0.75 and 0.8 all
     * converged (late Jain >= 0.998, 0.991, 0.996), 0.85 did not (0.94-0.96: the probe regrew more
     * than the cut took); 0.7 left two flows 87 % of the link, 0.8 94 %.
     */
    static final double CONTENTION_BETA = 0.8;
    private boolean cutThisCycle;
    /**
     * Upper bound on the bandwidth estimate while flows contend: set to beta x the estimate by a
     * cut, raised by one additive probe step per cycle, so that increase is additive, not the
     * probe gain's proportional one (which alone keeps two flows' ratio, MIMD).
     */
    private long bwCap = Long.MAX_VALUE;
    private long deliveredAtCut;
    private long contentionCuts;

    /** How often the contention cut fired (diagnostics). */
    public long contentionCuts() {
        return contentionCuts;
    }

    /** The contention cap on the bandwidth estimate, Long.MAX_VALUE when none (diagnostics). */
    public long bandwidthCap() {
        return bwCap;
    }

    private boolean queueBuilt() {
        if (lastRtt == null || !lastRtt.hasSample()) return false;
        long min = minRttNanos(lastRtt);
        return lastRtt.latestAdjustedRttNanos() >= min + Math.max(min / 32, 500_000L);
    }

    @Override
    public void onPersistentCongestion(long nowNanos) {
        // RFC 9002 §7.6.2 collapses a loss-based window here. A rate-based model is not a window:
        // a run of losses spanning 3 PTO says the path went silent (an outage, a blackhole), not
        // that it got slower, and forgetting the bandwidth meant a new STARTUP from 10 datagrams
        // that overshot the queue once more (messy100, seed 1: 0.3 s of ramp and ~1600 lost
        // packets more per outage). Linux BBR keeps its model across an RTO too and restores its
        // window when recovery ends. The filter still ages out in 10 rounds if the path did get
        // slower. STARTUP goes on; a probe or drain in progress gives way to the cruise phase.
        if (mode == Mode.STARTUP || bottleneckBandwidth() == 0) return;
        if (mode != Mode.PROBE_RTT) enterProbeBw(nowNanos);
    }

    @Override
    public long pacingRateBytesPerSecond(RttEstimator rtt) {
        long bw = bottleneckBandwidth();
        if (mode == Mode.STARTUP) {
            // STARTUP never lowers the pacing rate, and it starts from the initial window per
            // round trip (draft-cardwell-iccrg-bbr-congestion-control-00 §4.2.1, BBRInitPacingRate;
            // Linux bbr_set_pacing_rate keeps the larger rate until the pipe is full). The first
            // samples come from the handshake, whose packets the anti-amplification limit holds to
            // a trickle: 2 packets per 1 s round trip on the satellite row. Following them paced the
            // next rounds at a few packets per second and cost 2-3 s before the doubling began.
            long srtt = Math.max(rtt.smoothedRttNanos(), 1_000L);
            long initial = (long) (STARTUP_GAIN * initialWindowBytes * 1e9 / srtt);
            startupPacingRate = Math.max(startupPacingRate, Math.max(initial, (long) (STARTUP_GAIN * bw)));
            return startupPacingRate;
        }
        if (mode == Mode.PROBE_BW && cycleIndex <= 1) {
            // Probe by a fixed amount of data on top of the proportional gain, and drain it again.
            // Proportional probing alone (v1) leaves the ratio of two flows' rates where it is: a
            // flow that got a small share early keeps it. The same absolute step for every flow is
            // a larger step for the smaller one, so their rates converge (the additive increase of
            // AIMD; BBRv2 probes up by packet counts for the same reason).
            long extra = Math.min(probeExtraRate(rtt), bw);
            return cycleIndex == 0 ? (long) (pacingGain * bw) + extra
                    : Math.max(bw / 2, (long) (pacingGain * bw) - extra);
        }
        return (long) (pacingGain * bw);
    }

    private long probeExtraRate(RttEstimator rtt) {
        return (long) (PROBE_EXTRA_BYTES * 1e9 / Math.max(minRttNanos(rtt), 1_000_000L));
    }

    /**
     * The additive part of a probe: sixteen 1452-byte datagrams per min_rtt (about 6 Mbit/s at a
     * 30 ms RTT, 6 % of a 100 Mbit/s link; 8 converged visibly slower in the fairness simulation). Fixed in bytes, not datagrams, so that 64 KiB loopback
     * datagrams do not turn it into a flood; capped at the flow's own rate.
     */
    static final long PROBE_EXTRA_BYTES = 16 * 1452;

    @Override
    public String name() {
        return "bbr";
    }
}
