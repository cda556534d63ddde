package org.messenger.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import org.messenger.transport.ByteRanges;
import org.messenger.transport.ReceiveHandle;
import org.messenger.transport.TransferConfig;
import org.messenger.transport.TransferSocket;
import org.messenger.transport.TransferHandle;
import org.messenger.transport.TransferListener;
import org.messenger.transport.TransferStats;
import org.messenger.transport.TransferTicket;
import org.messenger.transport.netem.NetemSpec;
import org.messenger.transport.netem.ImpairedSender;

/**
 * The UDP side of the benchmark over the transport's public API: one sending
 * {@link TransferSocket} and one receiving socket per flow, each with its own I/O thread, in this
 * process; each socket's egress impaired by the scenario's spec. Clean loopback uses the transport's loopback configuration (64 KiB-class
 * datagrams); emulated links use its defaults (1452-byte datagrams, as on a real path). Several
 * flows leave through the one sending socket, so its impaired egress is their shared bottleneck.
 */
final class TransportUdpTransfer implements UdpTransfer {
    private static final long SAMPLE_NANOS = 100_000_000L;

    private final String congestionControl;

    /** @param congestionControl a name {@link TransferConfig} accepts, or null for its default */
    TransportUdpTransfer(String congestionControl) {
        this.congestionControl = congestionControl;
        configFor(NetemSpec.NONE, NetemSpec.NONE); // fails early on an unknown name
    }

    @Override
    public String describe() {
        TransferConfig loopback = configFor(NetemSpec.NONE, NetemSpec.NONE);
        TransferConfig wan = configFor(NetemSpec.parse("delay=1ms"), NetemSpec.NONE);
        return "messenger-udp: clean loopback " + loopback.congestionControl() + " with " + loopback.maxDatagramBytes()
                + " B datagrams, emulated links " + wan.congestionControl() + " with " + wan.maxDatagramBytes() + " B";
    }

    @Override
    public String unavailableReason() {
        return null;
    }

    TransferConfig configFor(NetemSpec toReceiver, NetemSpec toSender) {
        TransferConfig config = toReceiver.isNone() && toSender.isNone() ? TransferConfig.loopback() : TransferConfig.defaults();
        return congestionControl == null ? config : config.withCongestionControl(congestionControl);
    }

    @Override
    public Result transfer(Path source, Path destination, long size, NetemSpec toReceiver, NetemSpec toSender, Duration limit)
            throws Exception {
        return run(source, List.of(destination), size, toReceiver, toSender, limit).flows().getFirst();
    }

    @Override
    public FlowsResult transferConcurrently(Path source, List<Path> destinations, long size, NetemSpec toReceivers,
            NetemSpec toSender, Duration limit) throws Exception {
        return run(source, destinations, size, toReceivers, toSender, limit);
    }

    private FlowsResult run(Path source, List<Path> destinations, long size, NetemSpec toReceivers, NetemSpec toSender,
            Duration limit) throws Exception {
        int n = destinations.size();
        TransferConfig config = configFor(toReceivers, toSender);
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        List<TransferSocket> receivers = new ArrayList<>();
        List<FileChannel> files = new ArrayList<>();
        try (TransferSocket sender = TransferSocket.open(loopback, config, egress(toReceivers))) {
            for (int i = 0; i < n; i++) {
                // Each return path its own seed, so the flows do not lose ACKs in lockstep.
                NetemSpec back = toSender.isNone() ? toSender : toSender.withSeed(toSender.seed() + 1000L * i);
                receivers.add(TransferSocket.open(loopback, config, egress(back)));
            }

            List<TransferHandle> sending = new ArrayList<>();
            List<ReceiveHandle> receiving = new ArrayList<>();
            // Completion instants, taken on the receiving driver threads the moment each finishes.
            AtomicLongArray finishedAt = new AtomicLongArray(n);
            List<FlowSeries> series = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                int flow = i;
                TransferListener onDone = new TransferListener() {
                    @Override
                    public void onComplete(TransferStats stats) {
                        finishedAt.set(flow, System.nanoTime());
                    }
                };
                FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                files.add(in);
                FileChannel out = FileChannel.open(destinations.get(i), StandardOpenOption.WRITE);
                files.add(out);
                TransferTicket ticket = TransferTicket.random();
                FlowSeries flowSeries = new FlowSeries(start);
                series.add(flowSeries);
                sending.add(sender.send(in, ByteRanges.whole(size), ticket, null, flowSeries));
                receiving.add(receivers.get(i).receive(out, ByteRanges.whole(size), sender.localAddress(), ticket, onDone));
            }

            long[] completedAt = new long[n];
            List<long[]> timeline = new ArrayList<>();
            double[] shared = null;
            long deadline = start + limit.toNanos();
            CompletableFuture<?>[] completions = receiving.stream().map(ReceiveHandle::completion).toArray(CompletableFuture[]::new);
            CompletableFuture<Void> all = CompletableFuture.allOf(completions);
            while (true) {
                try {
                    all.get(SAMPLE_NANOS, TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // a sampling tick
                } catch (ExecutionException e) {
                    throw failure(e.getCause(), sender, sending, receivers, receiving, series);
                }
                long now = System.nanoTime();
                long[] sample = new long[n + 1];
                sample[0] = now - start;
                boolean anyDone = false;
                for (int i = 0; i < n; i++) {
                    ReceiveHandle r = receiving.get(i);
                    boolean done = r.completion().isDone() && !r.completion().isCompletedExceptionally();
                    if (done && completedAt[i] == 0) {
                        completedAt[i] = now;
                    }
                    anyDone |= done;
                    sample[i + 1] = done ? size : r.stats().doneBytes();
                }
                if (anyDone && shared == null && n > 1) {
                    // The last sample in which every flow was still running.
                    long[] last = timeline.isEmpty() ? sample : timeline.getLast();
                    shared = new double[n];
                    for (int i = 0; i < n; i++) {
                        shared[i] = last[0] == 0 ? 0 : last[i + 1] * 1e9 / last[0];
                    }
                }
                timeline.add(sample);
                if (all.isDone()) {
                    break;
                }
                if (now > deadline) {
                    for (int i = 0; i < n; i++) {
                        receiving.get(i).cancel();
                        sending.get(i).cancel();
                    }
                    long[] last = timeline.getLast();
                    long doneBytes = 0;
                    for (int i = 1; i <= n; i++) {
                        doneBytes += last[i];
                    }
                    throw new IncompleteTransferException(String.format(java.util.Locale.ROOT,
                            "UDP transfer did not finish within %d s; receivers at %s of %d bytes (%.1f Mbit/s so far)",
                            limit.toSeconds(), java.util.Arrays.toString(java.util.Arrays.copyOfRange(last, 1, n + 1)),
                            size, doneBytes * 8e3 / last[0]), null, series, counters(sender, sending, receivers, receiving));
                }
            }
            List<Result> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                TransferStats received = receiving.get(i).completion().get();
                TransferStats sent = sending.get(i).stats();
                try {
                    sent = sending.get(i).completion().get(2, TimeUnit.SECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // The receiver has everything; the sender's final snapshot only feeds the overhead figure.
                }
                long elapsed = (finishedAt.get(i) != 0 ? finishedAt.get(i) : completedAt[i]) - start;
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("sender", sent.toString());
                details.put("receiver", received.toString());
                details.put("senderEndpoint", sender.counters().toString());
                details.put("receiverEndpoint", receivers.get(i).counters().toString());
                details.put("netemToReceiver", netemStats(sender));
                details.put("netemToSender", netemStats(receivers.get(i)));
                results.add(new Result(size, elapsed, sent.retransmittedBytes(), sent.packetsSent(), details, series.get(i)));
            }
            checkDrivers(sender, receivers);
            return new FlowsResult(results, shared == null ? new double[0] : shared, timeline);
        } finally {
            for (TransferSocket receiver : receivers) {
                receiver.close();
            }
            for (FileChannel file : files) {
                file.close();
            }
        }
    }

    /** The netem spec for a socket's egress: null for none, which leaves the socket unwrapped. */
    private static NetemSpec egress(NetemSpec spec) {
        return spec.isNone() ? null : spec;
    }

    /** Read from this thread while the socket's thread may still count: fine for a report. */
    private static String netemStats(TransferSocket socket) {
        ImpairedSender impaired = socket.driver().impairment();
        return impaired == null ? null : impaired.stats().copy().toString();
    }

    private static void checkDrivers(TransferSocket sender, List<TransferSocket> receivers) {
        List<TransferSocket> all = new ArrayList<>(receivers);
        all.add(sender);
        for (TransferSocket socket : all) {
            if (!socket.driver().isRunning()) {
                throw new IllegalStateException("the UDP socket thread of " + socket.localAddress() + " stopped; see the log");
            }
        }
    }

    private static IncompleteTransferException failure(Throwable cause, TransferSocket sender, List<TransferHandle> sending,
            List<TransferSocket> receivers, List<ReceiveHandle> receiving, List<FlowSeries> series) {
        return new IncompleteTransferException("UDP transfer failed: " + cause.getMessage(), cause, series,
                counters(sender, sending, receivers, receiving));
    }

    /** Every counter of both ends and of the impairment layer, for a report on a transfer that did not finish. */
    private static Map<String, Object> counters(TransferSocket sender, List<TransferHandle> sending, List<TransferSocket> receivers,
            List<ReceiveHandle> receiving) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("senderEndpoint", sender.counters().toString());
        details.put("netemToReceiver", netemStats(sender));
        for (int i = 0; i < sending.size(); i++) {
            String flow = sending.size() == 1 ? "" : " " + i;
            details.put("sender" + flow, sending.get(i).stats().toString());
            details.put("receiver" + flow, receiving.get(i).stats().toString());
            details.put("receiverEndpoint" + flow, receivers.get(i).counters().toString());
            details.put("netemToSender" + flow, netemStats(receivers.get(i)));
        }
        return details;
    }
}
