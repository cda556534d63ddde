package org.messenger.microbench;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.messenger.transport.ByteRanges;
import org.messenger.transport.EndpointCounters;
import org.messenger.transport.ReceiveHandle;
import org.messenger.transport.TransferHandle;
import org.messenger.transport.TransferConfig;
import org.messenger.transport.TransferEndpoint;
import org.messenger.transport.TransferTicket;

/**
 * A sender and a receiver {@link TransferEndpoint} joined by two {@link MemoryWire}s and driven in
 * virtual time on the caller's thread, through the sans-IO API only ({@code onDatagram} and
 * {@code poll} with an injected "now"). The transfer is of a practically endless null file, so it
 * stays in its steady state for as long as a benchmark runs.
 */
final class TransferPair {
    /** 2^46 bytes: at the rates a benchmark reaches, hours of transfer. */
    static final long FILE_BYTES = 1L << 46;
    static final long RATE_BITS_PER_SECOND = 10_000_000_000L;
    static final long ONE_WAY_DELAY_NANOS = 500_000L;

    private static final InetSocketAddress SENDER_ADDRESS = new InetSocketAddress("127.0.0.1", 41_001);
    private static final InetSocketAddress RECEIVER_ADDRESS = new InetSocketAddress("127.0.0.1", 41_002);

    private final TransferEndpoint sender;
    private final TransferEndpoint receiver;
    private final MemoryWire toReceiver;
    private final MemoryWire toSender;
    private final TransferHandle sending;
    private final ReceiveHandle receiving;
    private long nowNanos = 1_000_000_000L;
    private long senderWakeNanos;
    private long receiverWakeNanos;
    private long datagramsToReceiver;

    /**
     * @param maxDatagramBytes datagram size of both endpoints
     * @param dropEvery drop every n-th datagram from sender to receiver (0: no loss)
     */
    TransferPair(int maxDatagramBytes, int dropEvery) {
        TransferConfig config = TransferConfig.defaults().withMaxDatagramBytes(maxDatagramBytes);
        sender = new TransferEndpoint(config, () -> nowNanos);
        receiver = new TransferEndpoint(config, () -> nowNanos);
        // A wire holds up to 16 MiB of datagrams: several bandwidth-delay products at 10 Gbit/s, 1 ms RTT.
        int slots = Integer.highestOneBit(Math.max(64, (16 << 20) / maxDatagramBytes));
        toReceiver = new MemoryWire(maxDatagramBytes, slots, RATE_BITS_PER_SECOND, ONE_WAY_DELAY_NANOS, dropEvery);
        toSender = new MemoryWire(maxDatagramBytes, slots, RATE_BITS_PER_SECOND, ONE_WAY_DELAY_NANOS, 0);
        TransferTicket ticket = TransferTicket.random();
        ByteRanges all = ByteRanges.whole(FILE_BYTES);
        sending = sender.send(new NullFileChannel(FILE_BYTES), all, ticket, RECEIVER_ADDRESS, null);
        receiving = receiver.receive(new NullFileChannel(FILE_BYTES), all, SENDER_ADDRESS, ticket, null);
        senderWakeNanos = nowNanos;
        receiverWakeNanos = nowNanos;
    }

    /**
     * Runs the pair until the next datagram reaches the receiver, doing everything due before
     * it (the sender's paced sends, the receiver's ACKs and their processing at the sender).
     */
    void deliverOneDatagram() {
        while (true) {
            long next = Math.min(Math.min(toReceiver.nextArrivalNanos(), toSender.nextArrivalNanos()),
                    Math.min(senderWakeNanos, receiverWakeNanos));
            if (next == Long.MAX_VALUE) throw new IllegalStateException("the transfer stalled: " + describe());
            if (next > nowNanos) nowNanos = next;
            if (toReceiver.nextArrivalNanos() <= nowNanos) {
                ByteBuffer datagram = toReceiver.take();
                receiver.onDatagram(datagram, SENDER_ADDRESS, nowNanos);
                datagramsToReceiver++;
                pollReceiver();
                return;
            }
            if (toSender.nextArrivalNanos() <= nowNanos) {
                sender.onDatagram(toSender.take(), RECEIVER_ADDRESS, nowNanos);
                pollSender();
            }
            if (senderWakeNanos <= nowNanos) pollSender();
            if (receiverWakeNanos <= nowNanos) pollReceiver();
        }
    }

    private void pollSender() {
        toReceiver.now(nowNanos);
        senderWakeNanos = sender.poll(nowNanos, toReceiver);
    }

    private void pollReceiver() {
        toSender.now(nowNanos);
        receiverWakeNanos = receiver.poll(nowNanos, toSender);
    }

    long nowNanos() {
        return nowNanos;
    }

    long datagramsToReceiver() {
        return datagramsToReceiver;
    }

    TransferHandle sending() {
        return sending;
    }

    ReceiveHandle receiving() {
        return receiving;
    }

    EndpointCounters senderCounters() {
        return sender.counters();
    }

    EndpointCounters receiverCounters() {
        return receiver.counters();
    }

    long droppedToReceiver() {
        return toReceiver.dropped();
    }

    String describe() {
        return "now=" + nowNanos + " delivered=" + datagramsToReceiver + " sender=" + sender.counters()
                + " receiver=" + receiver.counters();
    }
}
