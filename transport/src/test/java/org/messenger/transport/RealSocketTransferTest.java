package org.messenger.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.transport.netem.NetemSpec;

/** Real UDP sockets on 127.0.0.1, through the built-in impairment layer. */
class RealSocketTransferTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sixtyFourMebibytesArriveIntactThroughLossAndReordering() throws Exception {
        long size = 64L << 20;
        Path src = dir.resolve("src.bin");
        Path dst = dir.resolve("dst.bin");
        writeRandom(src, size, 11);
        NetemSpec impairment = NetemSpec.parse("delay=1ms,jitter=1ms,loss=5%,reorder=5%,seed=3");
        TransferConfig config = TransferConfig.loopback().withMaxDatagramBytes(16_000);
        try (TransferSocket server = TransferSocket.open(new InetSocketAddress("127.0.0.1", 0), config, impairment);
                TransferSocket client = TransferSocket.open(new InetSocketAddress("127.0.0.1", 0), config, impairment);
                FileChannel in = FileChannel.open(src, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(dst, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE)) {
            TransferTicket ticket = TransferTicket.random();
            TransferHandle up = server.send(in, ByteRanges.whole(size), ticket, null, null);
            ReceiveHandle down = client.receive(out, ByteRanges.whole(size), server.localAddress(), ticket, null);
            TransferStats received = down.completion().get(100, TimeUnit.SECONDS);
            TransferStats sent = up.completion().get(10, TimeUnit.SECONDS);
            assertThat(received.doneBytes()).isEqualTo(size);
            assertThat(sent.packetsLost()).isPositive(); // the impairment really dropped packets
            assertThat(sent.retransmittedBytes()).isPositive();
            assertThat(server.driver().receiveBufferBytes()).isPositive();
        }
        assertThat(Files.mismatch(src, dst)).isEqualTo(-1L);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void closingTheSenderSocketTellsTheReceiver() throws Exception {
        long size = 8L << 20;
        Path src = dir.resolve("src.bin");
        writeRandom(src, size, 12);
        TransferConfig config = TransferConfig.defaults();
        TransferSocket client = TransferSocket.open(new InetSocketAddress("127.0.0.1", 0), config);
        try (FileChannel in = FileChannel.open(src, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(dir.resolve("dst.bin"), StandardOpenOption.CREATE,
                        StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            TransferSocket server = TransferSocket.open(new InetSocketAddress("127.0.0.1", 0), config,
                    NetemSpec.parse("rate=10mbit"));
            TransferTicket ticket = TransferTicket.random();
            server.send(in, ByteRanges.whole(size), ticket, null, null);
            ReceiveHandle down = client.receive(out, ByteRanges.whole(size), server.localAddress(), ticket, null);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> down.receivedRanges().totalBytes() > 100_000);
            server.close();
            assertThat(down.completion()).failsWithin(java.time.Duration.ofSeconds(10))
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .havingCause().isInstanceOf(TransferException.class)
                    .matches(e -> ((TransferException) e).code() == org.messenger.transport.packet.CloseCode.SHUTDOWN);
        } finally {
            client.close();
        }
    }

    static void writeRandom(Path p, long size, long seed) throws Exception {
        Random random = new Random(seed);
        byte[] chunk = new byte[1 << 20];
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (long w = 0; w < size; ) {
                random.nextBytes(chunk);
                ByteBuffer b = ByteBuffer.wrap(chunk, 0, (int) Math.min(chunk.length, size - w));
                while (b.hasRemaining()) w += ch.write(b, w);
            }
        }
    }
}
