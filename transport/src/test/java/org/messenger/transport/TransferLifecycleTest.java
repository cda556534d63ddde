package org.messenger.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.transport.netem.NetemSpec;
import org.messenger.transport.packet.CloseCode;
import org.messenger.transport.packet.Packet;
import org.messenger.transport.packet.PacketReader;
import org.messenger.transport.sim.SimulatedNetwork;

/** Pause, resume, partial (resumed) downloads, cancel and a vanished peer, in virtual time. */
class TransferLifecycleTest {
    private static final long SECOND = 1_000_000_000L;
    private static final NetemSpec PATH = NetemSpec.parse("rate=20mbit,delay=10ms,queue=50");
    private static final NetemSpec BACK = NetemSpec.parse("delay=10ms");

    @TempDir
    Path dir;

    private final TransferConfig config = TransferConfig.defaults().withIdleTimeout(Duration.ofSeconds(5));

    @Test
    void pauseStopsDataKeepsThePathAliveAndResumeFinishes() throws Exception {
        try (SimTransfer t = new SimTransfer(3, dir, 4_000_000, config, PATH, BACK)) {
            t.start(ByteRanges.whole(4_000_000));
            t.net.runUntil(() -> t.receiveHandle.receivedRanges().totalBytes() > 1_000_000, 60 * SECOND, 1_000_000);
            t.receiveHandle.pause();
            t.net.run(SECOND, 1_000_000); // in-flight data drains
            long atPause = t.receiveHandle.receivedRanges().totalBytes();
            // Four idle timeouts long: keep-alives must hold both ends open, and no data may flow.
            t.net.run(20 * SECOND, 1_000_000);
            assertThat(t.receiveHandle.receivedRanges().totalBytes()).isEqualTo(atPause);
            assertThat(atPause).isLessThan(4_000_000);
            assertThat(t.receiveHandle.completion()).isNotDone();
            assertThat(t.sendHandle.completion()).isNotDone();
            t.receiveHandle.resume();
            SimulatedNetwork.RunResult r = t.run(120 * SECOND);
            assertThat(r.outcome()).as(t.describe()).isEqualTo(SimulatedNetwork.Outcome.CONDITION_MET);
            assertThat(t.filesEqual()).isTrue();
        }
    }

    @Test
    void senderPauseStopsDataKeepsBothEndsAliveAndResumeContinuesWhereItStopped() throws Exception {
        try (SimTransfer t = new SimTransfer(9, dir, 4_000_000, config, PATH, BACK)) {
            t.start(ByteRanges.whole(4_000_000));
            SenderTransfer sender = (SenderTransfer) t.sendHandle;
            ReceiverTransfer receiver = (ReceiverTransfer) t.receiveHandle;
            t.net.runUntil(() -> t.receiveHandle.receivedRanges().totalBytes() > 2_000_000, 60 * SECOND, 1_000_000);
            t.sendHandle.pause();
            t.net.run(SECOND, 1_000_000); // what was in flight lands or is declared lost
            long receivedAtPause = t.receiveHandle.receivedRanges().totalBytes();
            TransferStats senderAtPause = sender.snapshot(t.net.nowNanos());
            long receiverPacketsAtPause = receiver.snapshot(t.net.nowNanos()).packetsReceived();

            // Four idle timeouts: only keep-alives may flow, and they must hold both ends open.
            long[] fromSender = new long[2]; // DATA frames, PING frames
            PeerFixture wiretap = t.wiretap();
            t.net.trace((now, event, link, from, to, datagram) -> {
                if (event == SimulatedNetwork.Event.SENT && from.equals(t.senderAddress)) {
                    PacketReader reader = wiretap.read(datagram);
                    if (reader == null) return;
                    for (int type = reader.nextFrame(); type >= 0; type = reader.nextFrame()) {
                        if (type == Packet.DATA) fromSender[0]++;
                        if (type == Packet.PING) fromSender[1]++;
                    }
                }
            });
            t.net.run(20 * SECOND, 1_000_000);
            t.net.trace(null);
            assertThat(fromSender[0]).as("DATA frames from the paused sender").isZero();
            // Its own PING every third of the idle timeout, needed or not: ~12 in 20 s.
            assertThat(fromSender[1]).as("keep-alive PINGs from the paused sender").isGreaterThanOrEqualTo(10);

            TransferStats senderPaused = sender.snapshot(t.net.nowNanos());
            assertThat(t.receiveHandle.receivedRanges().totalBytes()).isEqualTo(receivedAtPause).isLessThan(4_000_000);
            assertThat(senderPaused.sentBytes()).as("DATA bytes sent while paused").isEqualTo(senderAtPause.sentBytes());
            assertThat(senderPaused.packetsSent()).as("the sender's keep-alives").isGreaterThan(senderAtPause.packetsSent());
            assertThat(receiver.snapshot(t.net.nowNanos()).packetsReceived()).isGreaterThan(receiverPacketsAtPause);
            assertThat(t.sendHandle.completion()).isNotDone();
            assertThat(t.receiveHandle.completion()).isNotDone();

            t.sendHandle.resume();
            SimulatedNetwork.RunResult r = t.run(120 * SECOND);

            assertThat(r.outcome()).as(t.describe()).isEqualTo(SimulatedNetwork.Outcome.CONDITION_MET);
            assertThat(t.filesEqual()).isTrue();
            TransferStats done = t.sendHandle.completion().get();
            // Every byte went out once as new data: the resume did not start over anywhere.
            assertThat(done.sentBytes() - done.retransmittedBytes()).isEqualTo(4_000_000);
        }
    }

    @Test
    void aSenderPauseHoldsEvenWhenTheReceiverResumes() throws Exception {
        try (SimTransfer t = new SimTransfer(10, dir, 4_000_000, config, PATH, BACK)) {
            t.start(ByteRanges.whole(4_000_000));
            t.net.runUntil(() -> t.receiveHandle.receivedRanges().totalBytes() > 1_000_000, 60 * SECOND, 1_000_000);
            t.receiveHandle.pause();
            t.sendHandle.pause();
            t.net.run(SECOND, 1_000_000);
            long atPause = t.receiveHandle.receivedRanges().totalBytes();

            t.receiveHandle.resume();
            t.net.run(5 * SECOND, 1_000_000);
            assertThat(t.receiveHandle.receivedRanges().totalBytes()).isEqualTo(atPause);

            t.sendHandle.resume();
            assertThat(t.run(120 * SECOND).outcome()).as(t.describe()).isEqualTo(SimulatedNetwork.Outcome.CONDITION_MET);
            assertThat(t.filesEqual()).isTrue();
        }
    }

    @Test
    void aResumedDownloadFetchesOnlyWhatIsMissing() throws Exception {
        try (SimTransfer t = new SimTransfer(4, dir, 3_000_000, config, PATH, BACK)) {
            // The receiver already has [0, 1 MB) and [2 MB, 2.5 MB): copy them in first.
            byte[] all = Files.readAllBytes(t.source);
            try (var ch = t.targetChannel) {
                ch.write(java.nio.ByteBuffer.wrap(all, 0, 1_000_000), 0);
                ch.write(java.nio.ByteBuffer.wrap(all, 2_000_000, 500_000), 2_000_000);
            }
            ByteRanges have = ByteRanges.of(0, 1_000_000);
            have.add(2_000_000, 2_500_000);
            ByteRanges missing = have.missingFrom(ByteRanges.whole(3_000_000));
            // Reopen the target (closed above) through a second harness over the same files.
            try (var target = java.nio.channels.FileChannel.open(t.target, java.nio.file.StandardOpenOption.READ,
                    java.nio.file.StandardOpenOption.WRITE)) {
                t.sendHandle = t.senderEndpoint.send(t.sourceChannel, ByteRanges.whole(3_000_000), t.ticket, null, null);
                t.receiveHandle = t.receiverEndpoint.receive(target, missing, t.senderAddress, t.ticket, null);
                SimulatedNetwork.RunResult r = t.run(120 * SECOND);
                assertThat(r.outcome()).isEqualTo(SimulatedNetwork.Outcome.CONDITION_MET);
                TransferStats stats = t.sendHandle.completion().get();
                assertThat(stats.totalBytes()).isEqualTo(1_500_000);
                assertThat(stats.sentBytes() - stats.retransmittedBytes()).isEqualTo(1_500_000);
                assertThat(t.receiveHandle.receivedRanges()).isEqualTo(missing);
                assertThat(t.filesEqual()).isTrue();
            }
        }
    }

    @Test
    void cancelByTheReceiverEndsBothSides() throws Exception {
        try (SimTransfer t = new SimTransfer(5, dir, 4_000_000, config, PATH, BACK)) {
            t.start(ByteRanges.whole(4_000_000));
            t.net.runUntil(() -> t.receiveHandle.receivedRanges().totalBytes() > 500_000, 60 * SECOND, 1_000_000);
            t.receiveHandle.cancel();
            t.run(10 * SECOND);
            assertThat(t.receiveHandle.completion()).isCompletedExceptionally();
            assertThat(t.sendHandle.completion()).isCompletedExceptionally();
            assertThat(causeCode(t.sendHandle)).isEqualTo(CloseCode.CANCELLED);
        }
    }

    @Test
    void aReceiverShuttingDownFailsTheSender() throws Exception {
        try (SimTransfer t = new SimTransfer(6, dir, 4_000_000, config, PATH, BACK)) {
            t.start(ByteRanges.whole(4_000_000));
            t.net.runUntil(() -> t.receiveHandle.receivedRanges().totalBytes() > 500_000, 60 * SECOND, 1_000_000);
            t.receiverEndpoint.shutdown();
            t.net.runUntil(() -> t.sendHandle.completion().isDone(), 60 * SECOND, 5_000_000);
            assertThat(causeCode(t.sendHandle)).isEqualTo(CloseCode.SHUTDOWN);
        }
    }

    @Test
    void aSilentSenderTimesOutTheReceiver() throws Exception {
        try (SimTransfer t = new SimTransfer(8, dir, 1000, config, PATH, NetemSpec.parse("loss=100%"))) {
            t.start(ByteRanges.whole(1000));
            t.net.runUntil(() -> t.receiveHandle.completion().isDone(), 60 * SECOND, 1_000_000);
            assertThat(causeCode(t.receiveHandle)).isEqualTo(CloseCode.IDLE_TIMEOUT);
            assertThat(t.net.nowNanos()).isBetween(5 * SECOND, 7 * SECOND);
        }
    }

    @Test
    void aZeroByteTransferCompletes() throws Exception {
        try (SimTransfer t = new SimTransfer(7, dir, 0, config, PATH, BACK)) {
            t.start(ByteRanges.whole(0));
            assertThat(t.run(10 * SECOND).outcome()).isEqualTo(SimulatedNetwork.Outcome.CONDITION_MET);
            assertThat(t.receiveHandle.completion()).isCompleted();
        }
    }

    private static int causeCode(TransferHandle h) {
        try {
            h.completion().get();
            return -1;
        } catch (ExecutionException e) {
            return ((TransferException) e.getCause()).code();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
