package org.messenger.bench;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.messenger.transport.ByteRanges;
import org.messenger.transport.ReceiveHandle;
import org.messenger.transport.TransferConfig;
import org.messenger.transport.TransferEndpoint;
import org.messenger.transport.TransferHandle;
import org.messenger.transport.TransferListener;
import org.messenger.transport.TransferStats;
import org.messenger.transport.TransferTicket;
import org.messenger.transport.netem.NetemSpec;
import org.messenger.transport.time.TimeSource;

/**
 * The UDP side of the benchmark over the transport's public API: a sending and a receiving
 * {@link TransferEndpoint}, each on its own socket and thread, in this process. Clean loopback
 * uses the transport's loopback configuration (64 KiB-class datagrams); emulated links use its
 * defaults (1452-byte datagrams, as on a real path).
 */
final class TransportUdpTransfer implements UdpTransfer {
    @Override
    public String describe() {
        TransferConfig loopback = TransferConfig.loopback();
        TransferConfig wan = TransferConfig.defaults();
        return "messenger-udp " + loopback.congestionControl() + ", " + loopback.maxDatagramBytes()
                + " B datagrams on clean loopback, " + wan.maxDatagramBytes() + " B on emulated links";
    }

    @Override
    public String unavailableReason() {
        return null;
    }

    static TransferConfig configFor(NetemSpec toReceiver, NetemSpec toSender) {
        return toReceiver.isNone() && toSender.isNone() ? TransferConfig.loopback() : TransferConfig.defaults();
    }

    @Override
    public Result transfer(Path source, Path destination, long size, NetemSpec toReceiver, NetemSpec toSender, Duration limit)
            throws Exception {
        TransferConfig config = configFor(toReceiver, toSender);
        TimeSource time = TimeSource.system();
        TransferEndpoint sendingEndpoint = new TransferEndpoint(config, time);
        TransferEndpoint receivingEndpoint = new TransferEndpoint(config, time);
        try (LoopbackDriver sender = new LoopbackDriver("sender", sendingEndpoint, toReceiver, time);
                LoopbackDriver receiver = new LoopbackDriver("receiver", receivingEndpoint, toSender, time);
                FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(destination, StandardOpenOption.WRITE)) {
            sendingEndpoint.setWakeup(sender::wakeup);
            receivingEndpoint.setWakeup(receiver::wakeup);
            sender.start();
            receiver.start();
            TransferTicket ticket = TransferTicket.random();
            long start = System.nanoTime();
            TransferHandle sending = sendingEndpoint.send(in, ByteRanges.whole(size), ticket, null, TransferListener.NONE);
            ReceiveHandle receiving = receivingEndpoint.receive(out, ByteRanges.whole(size), sender.address(), ticket, TransferListener.NONE);
            try {
                receiving.completion().get(limit.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                receiving.cancel();
                sending.cancel();
                throw new TimeoutException("UDP transfer did not finish within " + limit.toSeconds() + " s; receiver at "
                        + receiving.stats().doneBytes() + " of " + size + " bytes");
            } catch (ExecutionException e) {
                throw new IllegalStateException("UDP transfer failed: " + e.getCause().getMessage()
                        + " [sender: " + sending.stats() + "; endpoint " + sendingEndpoint.counters()
                        + "; netem " + sender.netemStats() + "] [receiver: " + receiving.stats() + "; endpoint "
                        + receivingEndpoint.counters() + "; netem " + receiver.netemStats() + "]", e.getCause());
            }
            long elapsed = System.nanoTime() - start;
            TransferStats sent = sending.stats();
            try {
                sent = sending.completion().get(2, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // The receiver has everything; the sender's final snapshot is only for the overhead figure.
            }
            for (LoopbackDriver driver : new LoopbackDriver[] {sender, receiver}) {
                if (driver.failure() != null) {
                    throw new IllegalStateException("UDP driver failed: " + driver.failure(), driver.failure());
                }
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("sender", sent.toString());
            details.put("senderEndpoint", sendingEndpoint.counters().toString());
            details.put("receiver", receiving.stats().toString());
            details.put("receiverEndpoint", receivingEndpoint.counters().toString());
            details.put("netemToReceiver", sender.netemStats() == null ? null : sender.netemStats().toString());
            details.put("netemToSender", receiver.netemStats() == null ? null : receiver.netemStats().toString());
            return new Result(size, elapsed, sent.retransmittedBytes(), sent.packetsSent(), details);
        }
    }
}
