package org.messenger.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an eavesdropper sees of a download (issue 14: "a download captured on the wire contains
 * none of the file's bytes"). A UDP relay between receiver and sender keeps every datagram both
 * ways, as tcpdump on the loopback interface would, and the capture is searched for the file.
 */
class OnTheWireTest {
    private static final int WINDOW = 8;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aCapturedDownloadHoldsNoneOfTheFilesBytes() throws Exception {
        long size = 4L << 20;
        Path src = dir.resolve("src.bin");
        Path dst = dir.resolve("dst.bin");
        RealSocketTransferTest.writeRandom(src, size, 21);
        byte[] file = Files.readAllBytes(src);
        FileIndex index = new FileIndex(file);
        TransferConfig config = TransferConfig.loopback();
        try (TransferSocket server = TransferSocket.open(new InetSocketAddress("127.0.0.1", 0), config);
                TransferSocket client = TransferSocket.open(new InetSocketAddress("127.0.0.1", 0), config);
                Relay relay = new Relay(server.localAddress(), index);
                FileChannel in = FileChannel.open(src, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(dst, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE)) {
            relay.start();
            TransferTicket ticket = TransferTicket.random();
            server.send(in, ByteRanges.whole(size), ticket, null, null);
            ReceiveHandle down = client.receive(out, ByteRanges.whole(size), relay.front(), ticket, null);
            down.completion().get(50, TimeUnit.SECONDS);
            relay.stop();
            assertThat(relay.bytesCaptured).as("the download went through the relay").isGreaterThan(size);
            assertThat(relay.windowsOfTheFile).as("16-byte stretches of the file seen in the capture").isZero();
        }
        assertThat(Files.mismatch(src, dst)).isEqualTo(-1L);
    }

    @Test
    void theSearchFindsTheFileWhereverItSitsInADatagram() {
        byte[] file = new byte[4096];
        new java.util.Random(5).nextBytes(file);
        FileIndex index = new FileIndex(file);
        byte[] datagram = new byte[1200];
        System.arraycopy(file, 1003, datagram, 37, 40); // 40 bytes from an odd place, at an odd place
        assertThat(index.windowsIn(ByteBuffer.wrap(datagram))).isPositive();
        assertThat(index.windowsIn(ByteBuffer.wrap(new byte[1200]))).isZero();
    }

    /**
     * The file's 8-byte words at 8-aligned offsets, each confirmed by the next 8 bytes: any copy of
     * 23 or more consecutive bytes of the file holds one of them, wherever it sits.
     */
    private static final class FileIndex {
        private final byte[] file;
        private final java.util.Map<Long, Integer> offsets = new java.util.HashMap<>();

        FileIndex(byte[] file) {
            this.file = file;
            ByteBuffer b = ByteBuffer.wrap(file);
            for (int at = 0; at + 2 * WINDOW <= file.length; at += WINDOW) {
                offsets.put(b.getLong(at), at);
            }
        }

        int windowsIn(ByteBuffer datagram) {
            int found = 0;
            for (int i = datagram.position(); i + 2 * WINDOW <= datagram.limit(); i++) {
                Integer at = offsets.get(datagram.getLong(i));
                if (at != null && datagram.getLong(i + WINDOW) == ByteBuffer.wrap(file).getLong(at + WINDOW)) found++;
            }
            return found;
        }
    }

    /** Relays datagrams between the receiver (which sends to {@link #front}) and the sender, searching each. */
    private static final class Relay implements AutoCloseable {
        private final InetSocketAddress sender;
        private final FileIndex index;
        private final DatagramChannel front = DatagramChannel.open();
        private final DatagramChannel back = DatagramChannel.open();
        private final Selector selector = Selector.open();
        private final Thread thread = new Thread(this::run, "wire-relay");
        private volatile boolean running = true;
        private InetSocketAddress receiver;
        volatile long bytesCaptured;
        volatile long windowsOfTheFile;

        Relay(InetSocketAddress sender, FileIndex index) throws IOException {
            this.sender = sender;
            this.index = index;
            front.bind(new InetSocketAddress("127.0.0.1", 0)).configureBlocking(false);
            back.bind(new InetSocketAddress("127.0.0.1", 0)).configureBlocking(false);
            front.register(selector, SelectionKey.OP_READ);
            back.register(selector, SelectionKey.OP_READ);
        }

        InetSocketAddress front() throws IOException {
            return (InetSocketAddress) front.getLocalAddress();
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            selector.wakeup();
            thread.join(5_000);
        }

        private void run() {
            ByteBuffer buf = ByteBuffer.allocate(70_000);
            try {
                while (running) {
                    selector.select(100);
                    selector.selectedKeys().clear();
                    for (InetSocketAddress from; (from = receive(front, buf)) != null; ) {
                        receiver = from;
                        capture(buf);
                        back.send(buf, sender);
                    }
                    while (receive(back, buf) != null) {
                        capture(buf);
                        if (receiver != null) front.send(buf, receiver);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("the relay failed", e);
            }
        }

        private static InetSocketAddress receive(DatagramChannel channel, ByteBuffer buf) throws IOException {
            buf.clear();
            InetSocketAddress from = (InetSocketAddress) channel.receive(buf);
            buf.flip();
            return from;
        }

        private void capture(ByteBuffer datagram) {
            bytesCaptured += datagram.remaining();
            windowsOfTheFile += index.windowsIn(datagram.duplicate());
        }

        @Override
        public void close() throws IOException {
            running = false;
            selector.close();
            front.close();
            back.close();
        }
    }
}
