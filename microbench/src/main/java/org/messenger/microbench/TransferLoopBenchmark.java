package org.messenger.microbench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The send/receive hot loop: what one DATA datagram costs both endpoints together, from the
 * sender's paced poll through the receiver's parse and write to the ACK and its processing at the
 * sender (one ACK per two datagrams). File I/O is a null channel and the link is in memory, so
 * the figure is the protocol's CPU cost; its allocation should be nil.
 *
 * <p>{@code dropEvery} 50 drops 2 % of the datagrams: the receiver's ACKs then carry gaps, and
 * the sender declares losses and retransmits, all in the measured loop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TransferLoopBenchmark {
    @Param({"1452", "65000"})
    int maxDatagramBytes;

    @Param({"0", "50"})
    int dropEvery;

    private TransferPair pair;

    @Setup(Level.Trial)
    public void startTransfer() {
        pair = new TransferPair(maxDatagramBytes, dropEvery);
        // Past the handshake and BBR's startup, into the steady state the benchmark is about.
        for (int i = 0; i < 20_000; i++) pair.deliverOneDatagram();
    }

    @Benchmark
    public long deliverDatagram() {
        pair.deliverOneDatagram();
        return pair.nowNanos();
    }
}
