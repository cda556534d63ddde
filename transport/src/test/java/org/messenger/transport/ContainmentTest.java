package org.messenger.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.transport.packet.CloseCode;

/** Issue 14, item 8: what one datagram can break is that datagram, and codes are read as numbers. */
class ContainmentTest {
    private static final long SIZE = 1L << 20;

    @TempDir
    Path dir;

    @Test
    void aCloseCodeOfTwoToThe32IsAProtocolViolationNotDone() throws Exception {
        try (WirePeer peer = new WirePeer(dir, SIZE, TransferConfig.defaults())) {
            peer.hello(25_000, SIZE);
            peer.close(1L << 32); // (int) 2^32 == 0 == DONE
            assertThat(peer.handle.completion()).isCompletedExceptionally();
            TransferException e = failure(peer);
            assertThat(e.code()).isEqualTo(CloseCode.PROTOCOL_VIOLATION);
            assertThat(e.getMessage()).doesNotContain("done");
        }
    }

    @Test
    void readsUnknownCloseCodesAsProtocolViolation() {
        assertThat(CloseCode.fromWire(1L << 32)).isEqualTo(CloseCode.PROTOCOL_VIOLATION);
        assertThat(CloseCode.fromWire((1L << 62) - 1)).isEqualTo(CloseCode.PROTOCOL_VIOLATION);
        assertThat(CloseCode.fromWire(-1)).isEqualTo(CloseCode.PROTOCOL_VIOLATION);
        assertThat(CloseCode.fromWire(CloseCode.SHUTDOWN)).isEqualTo(CloseCode.SHUTDOWN);
        assertThat(CloseCode.name(1L << 32)).isEqualTo("code 4294967296");
    }

    @Test
    void anExceptionWhileHandlingADatagramIsCountedAndContained() throws Exception {
        TransferListener throwing = new TransferListener() {
            @Override
            public void onStarted(TransferStats stats) {
                throw new IllegalStateException("a listener with a bug");
            }
        };
        try (WirePeer peer = new WirePeer(dir, SIZE, TransferConfig.defaults(), throwing)) {
            assertThatCode(() -> peer.hello(25_000, SIZE)).doesNotThrowAnyException();
            assertThat(peer.sender.counters().internalErrors()).isEqualTo(1);
            // The endpoint goes on: the next datagram (the HELLO again) is handled as usual and answered.
            int answeredBefore = peer.sent.size();
            peer.hello(25_000, SIZE);
            assertThat(peer.sender.counters().internalErrors()).isEqualTo(1);
            assertThat(peer.sender.counters().datagramsReceived()).isEqualTo(2);
            assertThat(peer.sent.size()).as("the sender answers the repeated HELLO").isGreaterThan(answeredBefore);
        }
    }

    private static TransferException failure(WirePeer peer) throws InterruptedException {
        try {
            peer.handle.completion().get();
            throw new AssertionError("completed");
        } catch (ExecutionException e) {
            return (TransferException) e.getCause();
        }
    }
}
