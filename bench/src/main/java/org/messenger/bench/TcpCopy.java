package org.messenger.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The baseline: file to socket to file over TCP on 127.0.0.1 with a plain Java NIO loop and
 * 128 KiB page-aligned direct buffers on each side (allocated and touched once, reused for every
 * run). The clock runs from connect until the receiver has written the last byte.
 */
final class TcpCopy {
    private final ByteBuffer sendBuffer = AlignedBuffers.allocate(BenchFiles.CHUNK);
    private final ByteBuffer receiveBuffer = AlignedBuffers.allocate(BenchFiles.CHUNK);

    /** Copies {@code size} bytes of {@code source} into {@code destination}; returns the elapsed nanoseconds. */
    long copy(Path source, Path destination, long size, Duration limit) throws IOException, InterruptedException, TimeoutException {
        try (ServerSocketChannel server = ServerSocketChannel.open();
                FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(destination, StandardOpenOption.WRITE)) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            long[] doneNanos = {0};
            Exception[] failure = {null};
            Thread receiver = Thread.ofPlatform().name("bench-tcp-receiver").daemon().start(() -> {
                try (SocketChannel socket = server.accept()) {
                    long position = 0;
                    while (position < size) {
                        receiveBuffer.clear().limit((int) Math.min(receiveBuffer.capacity(), size - position));
                        if (socket.read(receiveBuffer) < 0) {
                            throw new EOFException("TCP sender closed after " + position + " of " + size + " bytes");
                        }
                        receiveBuffer.flip();
                        while (receiveBuffer.hasRemaining()) {
                            position += out.write(receiveBuffer, position);
                        }
                    }
                    doneNanos[0] = System.nanoTime();
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
            long start = System.nanoTime();
            try (SocketChannel socket = SocketChannel.open(server.getLocalAddress())) {
                long position = 0;
                while (position < size) {
                    sendBuffer.clear().limit((int) Math.min(sendBuffer.capacity(), size - position));
                    int n = in.read(sendBuffer, position);
                    if (n < 0) {
                        throw new EOFException(source + " ends at " + position + ", expected " + size + " bytes");
                    }
                    sendBuffer.flip();
                    while (sendBuffer.hasRemaining()) {
                        socket.write(sendBuffer);
                    }
                    position += n;
                }
                receiver.join(limit);
            }
            if (receiver.isAlive()) {
                server.close();
                receiver.interrupt();
                throw new TimeoutException("TCP copy did not finish within " + limit.toSeconds() + " s");
            }
            if (failure[0] != null) {
                throw new IOException("TCP receiver failed: " + failure[0].getMessage(), failure[0]);
            }
            return doneNanos[0] - start;
        }
    }
}
