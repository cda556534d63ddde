package org.messenger.transport.sim;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.messenger.transport.io.DatagramEndpoint;
import org.messenger.transport.io.DatagramSender;

/** Trivial endpoints for testing the simulator: a paced source and a recorder that can echo. */
final class TestEndpoints {
    private TestEndpoints() {}

    /** Datagram layout: [crc32 of the rest][sequence number][filler]. */
    static ByteBuffer datagram(int sequence, int size) {
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(4, sequence);
        for (int i = 8; i < size; i++) {
            b.put(i, (byte) (sequence * 31 + i));
        }
        b.putInt(0, crc(b));
        return b;
    }

    static int crc(ByteBuffer b) {
        CRC32 crc = new CRC32();
        crc.update(b.duplicate().position(4));
        return (int) crc.getValue();
    }

    /** Sends {@code count} datagrams of {@code size} bytes to {@code peer}, one every {@code intervalNanos}. */
    static final class Source implements DatagramEndpoint {
        private final InetSocketAddress peer;
        private final int count;
        private final int size;
        private final long intervalNanos;
        private int sent;
        private long nextSendNanos = Long.MIN_VALUE;
        final Recorder received = new Recorder(false);

        Source(InetSocketAddress peer, int count, int size, long intervalNanos) {
            this.peer = peer;
            this.count = count;
            this.size = size;
            this.intervalNanos = intervalNanos;
        }

        @Override
        public void onDatagram(ByteBuffer datagram, InetSocketAddress from, long nowNanos) {
            received.onDatagram(datagram, from, nowNanos);
        }

        @Override
        public long poll(long nowNanos, DatagramSender out) {
            if (nextSendNanos == Long.MIN_VALUE) {
                nextSendNanos = nowNanos;
            }
            while (sent < count && nextSendNanos <= nowNanos) {
                out.send(datagram(sent++, size), peer);
                nextSendNanos += intervalNanos;
            }
            return sent < count ? nextSendNanos : Long.MAX_VALUE;
        }

        boolean done() {
            return sent == count;
        }
    }

    record Arrival(long atNanos, int sequence, boolean intact, InetSocketAddress from) {}

    /** Records every datagram; if echoing, sends each one back to where it came from on its next poll. */
    static final class Recorder implements DatagramEndpoint {
        private final boolean echo;
        final List<Arrival> arrivals = new ArrayList<>();
        private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
        private final ArrayDeque<InetSocketAddress> pendingTo = new ArrayDeque<>();

        Recorder(boolean echo) {
            this.echo = echo;
        }

        @Override
        public void onDatagram(ByteBuffer datagram, InetSocketAddress from, long nowNanos) {
            boolean intact = datagram.remaining() >= 8 && crc(datagram.slice()) == datagram.getInt(datagram.position());
            int sequence = datagram.remaining() >= 8 ? datagram.getInt(datagram.position() + 4) : -1;
            arrivals.add(new Arrival(nowNanos, sequence, intact, from));
            if (echo) {
                ByteBuffer copy = ByteBuffer.allocate(datagram.remaining());
                copy.put(datagram.duplicate()).flip();
                pending.add(copy);
                pendingTo.add(from);
            }
        }

        @Override
        public long poll(long nowNanos, DatagramSender out) {
            while (!pending.isEmpty()) {
                out.send(pending.poll(), pendingTo.poll());
            }
            return Long.MAX_VALUE;
        }
    }
}
