package org.messenger.transport.cc;

import org.messenger.transport.recovery.RttEstimator;

/** NewReno as in RFC 9002 §7.3 and Appendix B. */
public final class NewReno extends WindowBase {
    /** RFC 9002 §7.3.2: kLossReductionFactor. */
    static final double LOSS_REDUCTION_FACTOR = 0.5;
    private long bytesAckedInAvoidance;

    public NewReno(int maxDatagramBytes) {
        super(maxDatagramBytes);
    }

    @Override
    protected void onAckInCongestionAvoidance(long sentTimeNanos, int bytes, long nowNanos, RttEstimator rtt) {
        // RFC 9002 §7.3.3: one max_datagram_size per window acknowledged.
        bytesAckedInAvoidance += bytes;
        if (bytesAckedInAvoidance >= cwndBytes) {
            bytesAckedInAvoidance -= cwndBytes;
            cwndBytes += maxDatagramBytes;
        }
    }

    @Override
    protected void reduce(long nowNanos) {
        ssthreshBytes = Math.max((long) (cwndBytes * LOSS_REDUCTION_FACTOR), minWindowBytes);
        cwndBytes = ssthreshBytes;
        bytesAckedInAvoidance = 0;
    }

    @Override
    public String name() {
        return "newreno";
    }
}
