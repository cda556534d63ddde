package org.messenger.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
        try (WiredPair pair = new WiredPair(dir, 256 * 1024, TransferConfig.defaults())) {
            AeadProtection sealing = null;
            AeadProtection opening = null;
            // Until both ends have finished lingering (the receiver stays for the sender's idle
            // timeout after its CLOSE(DONE), to answer late probes).
            for (int step = 0; step < 2_000_000 && (step == 0 || pair.sender.transferCount() > 0
                    || pair.receiver.transferCount() > 0); step++) {
                pair.step(pair.down.completion().isDone() ? 10_000_000 : 20_000);
                if (sealing == null) sealing = (AeadProtection) ((SenderTransfer) pair.up).trafficProtection;
                if (opening == null) opening = (AeadProtection) ((ReceiverTransfer) pair.down).trafficProtection;
            }
            assertThat(pair.down.completion()).isCompleted();
            assertThat(pair.up.completion()).isCompleted();
            assertThat(pair.sender.transferCount()).isZero();
            assertThat(pair.receiver.transferCount()).isZero();
            assertThat(sealing.library()).isEqualTo(AeadLibrary.OPENSSL);
            assertThat(sealing.holdsNativeMemory()).as("the sender's contexts").isFalse();
            assertThat(opening.holdsNativeMemory()).as("the receiver's contexts").isFalse();
        } finally {
            restore(before);
        }
    }

    @Test
    void aStoppedSocketFreesTheContextsOfTransfersStillRunning() throws Exception {
        String before = useOpenSsl();
        try (WiredPair pair = new WiredPair(dir, 64L << 20, TransferConfig.defaults())) {
            for (int step = 0; step < 200; step++) pair.step(20_000); // past the handshake, mid-transfer
            AeadProtection sealing = (AeadProtection) ((SenderTransfer) pair.up).trafficProtection;
            assertThat(sealing.holdsNativeMemory()).isTrue();
            pair.sender.stopped();
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
