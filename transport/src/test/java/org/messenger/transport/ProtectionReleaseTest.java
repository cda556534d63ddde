package org.messenger.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.testkit.ManualClock;
import org.messenger.transport.crypto.AeadLibrary;
import org.messenger.transport.crypto.AeadProtection;

/**
 * A transfer's packet protection holds OpenSSL's cipher contexts outside the Java heap; they are
 * freed when the endpoint forgets the finished transfer, not left to leak once per download.
 */
class ProtectionReleaseTest {
    @TempDir
    Path dir;

    @Test
    void aFinishedTransferFreesItsCipherContextsAtBothEnds() throws Exception {
        String before = useOpenSsl();
        try {
            long size = 256 * 1024;
            Path src = Files.write(dir.resolve("src"), new byte[(int) size]);
            ManualClock clock = new ManualClock(1_000_000_000L);
            InetSocketAddress senderAddress = new InetSocketAddress("127.0.0.1", 1);
            InetSocketAddress receiverAddress = new InetSocketAddress("127.0.0.1", 2);
            TransferEndpoint sender = new TransferEndpoint(TransferConfig.defaults(), clock::nanoTime);
            TransferEndpoint receiver = new TransferEndpoint(TransferConfig.defaults(), clock::nanoTime);
            AllocationTest.Wire toReceiver = new AllocationTest.Wire();
            AllocationTest.Wire toSender = new AllocationTest.Wire();
            TransferTicket ticket = TransferTicket.random();
            try (FileChannel in = FileChannel.open(src, StandardOpenOption.READ);
                    FileChannel out = FileChannel.open(dir.resolve("dst"), StandardOpenOption.CREATE,
                            StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                TransferHandle up = sender.send(in, ByteRanges.whole(size), ticket, null, null);
                ReceiveHandle down = receiver.receive(out, ByteRanges.whole(size), senderAddress, ticket, null);
                AeadProtection sealing = null;
                AeadProtection opening = null;
                // Until both ends have finished lingering (the receiver answers late probes for up to 10 s).
                for (int step = 0; step < 2_000_000 && (step == 0 || sender.transferCount() > 0 || receiver.transferCount() > 0);
                        step++) {
                    long now = clock.nanoTime();
                    sender.poll(now, toReceiver);
                    receiver.poll(now, toSender);
                    toReceiver.deliverAll(receiver, senderAddress, now);
                    toSender.deliverAll(sender, receiverAddress, now);
                    if (sealing == null) sealing = (AeadProtection) ((SenderTransfer) up).trafficProtection;
                    if (opening == null) opening = (AeadProtection) ((ReceiverTransfer) down).trafficProtection;
                    clock.advanceNanos(down.completion().isDone() ? 10_000_000 : 20_000);
                }
                assertThat(down.completion()).isCompleted();
                assertThat(up.completion()).isCompleted();
                assertThat(sender.transferCount()).isZero();
                assertThat(receiver.transferCount()).isZero();
                assertThat(sealing.library()).isEqualTo(AeadLibrary.OPENSSL);
                assertThat(sealing.holdsNativeMemory()).as("the sender's contexts").isFalse();
                assertThat(opening.holdsNativeMemory()).as("the receiver's contexts").isFalse();
            }
        } finally {
            restore(before);
        }
    }

    @Test
    void aStoppedSocketFreesTheContextsOfTransfersStillRunning() throws Exception {
        String before = useOpenSsl();
        ManualClock clock = new ManualClock(1_000_000_000L);
        TransferEndpoint sender = new TransferEndpoint(TransferConfig.defaults(), clock::nanoTime);
        TransferEndpoint receiver = new TransferEndpoint(TransferConfig.defaults(), clock::nanoTime);
        InetSocketAddress senderAddress = new InetSocketAddress("127.0.0.1", 1);
        InetSocketAddress receiverAddress = new InetSocketAddress("127.0.0.1", 2);
        AllocationTest.Wire toReceiver = new AllocationTest.Wire();
        AllocationTest.Wire toSender = new AllocationTest.Wire();
        TransferTicket ticket = TransferTicket.random();
        long size = 64L << 20;
        Path src = Files.createFile(dir.resolve("big"));
        try (FileChannel w = FileChannel.open(src, StandardOpenOption.WRITE)) {
            w.write(ByteBuffer.allocate(1), size - 1);
        }
        try (FileChannel in = FileChannel.open(src, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(dir.resolve("dst"), StandardOpenOption.CREATE,
                        StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            TransferHandle up = sender.send(in, ByteRanges.whole(size), ticket, null, null);
            receiver.receive(out, ByteRanges.whole(size), senderAddress, ticket, null);
            for (int step = 0; step < 200; step++) { // past the handshake, mid-transfer
                long now = clock.nanoTime();
                sender.poll(now, toReceiver);
                receiver.poll(now, toSender);
                toReceiver.deliverAll(receiver, senderAddress, now);
                toSender.deliverAll(sender, receiverAddress, now);
                clock.advanceNanos(20_000);
            }
            AeadProtection sealing = (AeadProtection) ((SenderTransfer) up).trafficProtection;
            assertThat(sealing.holdsNativeMemory()).isTrue();
            sender.stopped();
            assertThat(sealing.holdsNativeMemory()).isFalse();
        } finally {
            restore(before);
        }
    }

    private static String useOpenSsl() {
        assumeTrue(AeadLibrary.OPENSSL.available(), () -> "OpenSSL: " + AeadLibrary.OPENSSL.unavailableReason());
        String before = System.getProperty(AeadLibrary.PROPERTY);
        System.setProperty(AeadLibrary.PROPERTY, "openssl");
        return before;
    }

    private static void restore(String before) {
        if (before == null) System.clearProperty(AeadLibrary.PROPERTY);
        else System.setProperty(AeadLibrary.PROPERTY, before);
    }
}
