package org.messenger.microbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class TransferPairTest {

    @Test
    void deliversExactlyOneDatagramToTheReceiverPerStep() {
        TransferPair pair = new TransferPair(1452, 0);
        for (int i = 0; i < 5_000; i++) pair.deliverOneDatagram();

        long before = pair.receiverCounters().datagramsReceived();
        long timeBefore = pair.nowNanos();
        pair.deliverOneDatagram();

        assertThat(pair.receiverCounters().datagramsReceived()).isEqualTo(before + 1);
        assertThat(pair.nowNanos()).isGreaterThanOrEqualTo(timeBefore);
    }

    @Test
    void movesFileDataWithoutDropsOnACleanWire() {
        TransferPair pair = new TransferPair(1452, 0);
        for (int i = 0; i < 30_000; i++) pair.deliverOneDatagram();

        // Stats are published every 100 ms of virtual time; 30 000 datagrams take about 25 ms at
        // 10 Gbit/s, so read the receiver's ranges instead. About a quarter of the sender's
        // datagrams are ACK-only (answers to the receiver's FLOW frames), hence 20 000 full ones.
        long received = pair.receiving().receivedRanges().totalBytes();
        assertThat(received).isGreaterThan(20_000L * 1_400);
        assertThat(pair.receiverCounters().droppedMalformed()).isZero();
        assertThat(pair.senderCounters().droppedInvalidAck()).isZero();
        assertThat(pair.sending().completion()).isNotDone();
    }

    @Test
    void keepsTransferringWhenEveryFiftiethDatagramIsLost() {
        TransferPair pair = new TransferPair(1452, 50);
        for (int i = 0; i < 30_000; i++) pair.deliverOneDatagram();

        assertThat(pair.droppedToReceiver()).isGreaterThan(500);
        assertThat(pair.receiving().receivedRanges().totalBytes()).isGreaterThan(20_000L * 1_400);
        assertThat(pair.sending().completion()).isNotDone();
    }

    /**
     * The hot loop must not allocate per datagram (STYLE.md). Measured here without JIT escape
     * analysis to lean on, so a real per-packet object shows up even before JMH runs: one object
     * per datagram would be at least 16 bytes per datagram.
     */
    @Test
    void transferLoopAllocatesNothingPerDatagram() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        for (int dropEvery : new int[] {0, 50}) {
            TransferPair pair = new TransferPair(1452, dropEvery);
            for (int i = 0; i < 30_000; i++) pair.deliverOneDatagram();

            int datagrams = 50_000;
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < datagrams; i++) pair.deliverOneDatagram();
            long allocated = threads.getThreadAllocatedBytes(thread) - before;

            assertThat((double) allocated / datagrams)
                    .as("bytes allocated per datagram with dropEvery=%d", dropEvery)
                    .isLessThan(4.0);
        }
    }
}
