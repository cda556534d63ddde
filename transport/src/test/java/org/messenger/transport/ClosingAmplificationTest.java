package org.messenger.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 7: in the closing state every packet from the peer's address drew a CLOSE, with
 * its reason, at up to one a millisecond: small spoofed packets came back several times larger.
 */
class ClosingAmplificationTest {
    private static final long SIZE = 1L << 20;

    @TempDir
    Path dir;

    @Test
    void closeAnswersStayWithinThreeTimesWhatArrivedWhileClosing() throws Exception {
        try (WirePeer peer = new WirePeer(dir, SIZE, TransferConfig.defaults())) {
            peer.hello(25_000, SIZE);
            peer.helloDone();
            peer.handle.cancel();
            peer.poll(); // enters the closing state and sends its CLOSE
            int afterFirstClose = peer.sent.size();
            long received = 0;
            for (int i = 0; i < 1_000; i++) {
                peer.clock.advanceNanos(2_000_000); // past the 1 ms rate limit each time
                ByteBuffer ping = ByteBuffer.allocate(2048);
                peer.begin(ping).ping();
                peer.finish(ping);
                received += ping.remaining();
                peer.deliver(ping);
            }
            long answered = 0;
            for (int i = afterFirstClose; i < peer.sent.size(); i++) answered += peer.sent.get(i).remaining();
            assertThat(peer.sent.size() - afterFirstClose).as("the peer still hears CLOSE").isPositive();
            assertThat(answered).as("bytes answered to %d bytes", received).isLessThanOrEqualTo(3 * received);
        }
    }
}
