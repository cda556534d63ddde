package org.messenger.files.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.messenger.transport.ByteRanges;
import org.messenger.transport.TransferHandle;
import org.messenger.transport.TransferListener;
import org.messenger.transport.TransferStats;
import org.messenger.transport.TransferTicket;

/**
 * Transfer ports without UDP: each offer is written down so that a test can play the transport,
 * reading the offered bytes as the sender would and firing its events.
 */
final class FakePorts implements PortSocket.Opener {
    /** One file offered on a port. */
    static final class Offer implements TransferHandle {
        final int port;
        final FileChannel source;
        final ByteRanges ranges;
        final TransferTicket ticket;
        final TransferListener listener;
        volatile boolean cancelled;
        volatile boolean paused;

        Offer(int port, FileChannel source, ByteRanges ranges, TransferTicket ticket, TransferListener listener) {
            this.port = port;
            this.source = source;
            this.ranges = ranges;
            this.ticket = ticket;
            this.listener = listener;
        }

        /** Reads every offered byte from the offered channel, as the transport's sender does, and returns them. */
        byte[] readAll() {
            ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(ranges.totalBytes()));
            try {
                for (int i = 0; i < ranges.rangeCount(); i++) {
                    long pos = ranges.start(i);
                    while (pos < ranges.end(i)) {
                        ByteBuffer chunk = all.slice(all.position(), Math.toIntExact(Math.min(1024, ranges.end(i) - pos)));
                        int n = source.read(chunk, pos);
                        if (n < 0) {
                            throw new IOException("the offered file ended at " + pos);
                        }
                        all.position(all.position() + n);
                        pos += n;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return all.array();
        }

        TransferStats done() {
            long total = ranges.totalBytes();
            return new TransferStats(total, total, total, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        @Override
        public long transferId() {
            return ticket.transferId();
        }

        @Override
        public TransferStats stats() {
            return TransferStats.EMPTY;
        }

        @Override
        public CompletableFuture<TransferStats> completion() {
            return new CompletableFuture<>();
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public void pause() {
            paused = true;
        }

        @Override
        public void resume() {
            paused = false;
        }
    }

    final List<Offer> offers = new CopyOnWriteArrayList<>();
    final List<Integer> opened = new CopyOnWriteArrayList<>();
    final List<Integer> closed = new CopyOnWriteArrayList<>();

    @Override
    public PortSocket open(int port) {
        opened.add(port);
        return new PortSocket() {
            @Override
            public TransferHandle send(FileChannel source, ByteRanges ranges, TransferTicket ticket, InetSocketAddress expectedPeer,
                    TransferListener listener) {
                Offer offer = new Offer(port, source, ranges, ticket, listener);
                offers.add(offer);
                return offer;
            }

            @Override
            public void close() {
                closed.add(port);
            }
        };
    }

    Offer last() {
        return offers.get(offers.size() - 1);
    }
}
