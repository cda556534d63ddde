package org.messenger.files.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.messenger.files.catalogue.FileCatalogue;
import org.messenger.files.download.DownloadState;
import org.messenger.files.ports.PortPool;
import org.messenger.files.ports.PortPoolSnapshot;
import org.messenger.files.ports.PortWaitListener;
import org.messenger.files.protocol.FileReply;
import org.messenger.files.resume.RangeSet;
import org.messenger.transport.ByteRanges;
import org.messenger.transport.TransferTicket;
import org.messenger.transport.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs accepted downloads on UDP: leases each client a port from the {@link PortPool} (queueing
 * when none is free), opens one transport socket per leased port, offers the file with a fresh
 * ticket, and gives the file, the port hold and, with the client's last transfer, the socket back
 * when a download ends.
 *
 * <p>Everything that touches the pool or opens and closes sockets runs on one control thread, so
 * those steps happen in a single order and never on the transport's I/O thread.
 */
final class DownloadRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DownloadRunner.class);

    private final FileCatalogue catalogue;
    private final PortSocket.Opener opener;
    private final PortPool pool;
    private final Map<Integer, PortSocket> sockets = new ConcurrentHashMap<>();
    private final ExecutorService control = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("files-control").daemon().factory());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("files-timer").daemon().factory());

    DownloadRunner(FileCatalogue catalogue, FileServiceConfig config, PortSocket.Opener opener, TimeSource time) {
        this.catalogue = catalogue;
        this.opener = opener;
        this.pool = new PortPool(config.ports(), config.maxPortWait().toNanos(), time, this::closePortSocket);
        timer.scheduleWithFixedDelay(() -> onControl(pool::expire), 1, 1, TimeUnit.SECONDS);
    }

    /** Asks for a port for {@code d}, unless {@code files}' client left meanwhile ({@code stillThere}). */
    void start(ClientFiles files, ServerDownload d, java.util.function.BooleanSupplier stillThere) {
        onControl(() -> {
            if (!stillThere.getAsBoolean()) {
                return; // gone meanwhile; its clientGone runs (or ran) on this thread too
            }
            pool.request(files.key, d.id, new PortWaitListener() {
                @Override
                public void queued(int ahead) {
                    onQueued(d, ahead);
                }

                @Override
                public void leased(int port) {
                    onLeased(d, port);
                }

                @Override
                public void timedOut(long waitedNanos) {
                    onPortWaitTimedOut(d, waitedNanos);
                }
            });
        });
    }

    private void onQueued(ServerDownload d, int ahead) {
        synchronized (d) {
            if (d.state.state().isFinal()) {
                return;
            }
            if (d.state.state() == DownloadState.REQUESTED) {
                d.state = d.state.waitForPort();
            }
        }
        FileReplies.send(d.client, new FileReply.GetQueued(d.id, ahead, d.file.name()));
    }

    /** Runs on the control thread (pool callbacks are made there). */
    private void onLeased(ServerDownload d, int port) {
        TransferTicket ticket = TransferTicket.random();
        synchronized (d) {
            if (d.state.state().isFinal()) {
                onControl(() -> endQuietly(d));
                return;
            }
            d.state = d.state.portLeased(port);
            try {
                PortSocket socket = sockets.get(port);
                if (socket == null) {
                    socket = opener.open(port);
                    sockets.put(port, socket);
                }
                d.channel = catalogue.open(d.file);
                InetSocketAddress peerIp = new InetSocketAddress(d.client.remoteAddress().getAddress(), 0);
                d.handle = socket.send(d.channel, toByteRanges(d.ranges), ticket, peerIp, new TransferEvents(d, this));
            } catch (IOException e) {
                log.warn("Cannot start download {} of {} on UDP port {}", d.id, d.file.name(), port, e);
                d.state = d.state.fail("could not use UDP port " + port + ": " + e.getMessage());
                TransferEvents.sendFailed(d, "Download " + d.id + " of " + d.file.name() + " failed: the server could not use UDP port "
                        + port + " (" + e.getMessage() + "). Try again; if it keeps failing, tell the server's owner.");
                onControl(() -> endQuietly(d));
                return;
            }
            d.state = d.state.handshake();
        }
        FileReplies.send(d.client, new FileReply.GetReady(d.id, port, ticket, d.file.sizeBytes(), d.file.sha256(), d.ranges,
                d.file.name()));
    }

    private void onPortWaitTimedOut(ServerDownload d, long waitedNanos) {
        synchronized (d) {
            if (d.state.state().isFinal()) {
                return;
            }
            d.state = d.state.fail("no transfer port became free in time");
            d.state = d.state.releasePort();
            d.ended = true;
        }
        FileReplies.send(d.client, new FileReply.NoFreePort(d.id, (waitedNanos + 999_999_999L) / 1_000_000_000L));
    }

    /** The client left: its port goes back at once, not after each transfer's CLOSE. */
    void clientGone(ClientFiles files, List<ServerDownload> live, String nick, String reason) {
        onControl(() -> {
            pool.clientGone(files.key);
            live.forEach(this::endQuietly);
            log.info("{} left ({}); its transfer port is back in the pool", nick, reason);
        });
    }

    /** Ends {@code d}'s hold on file and port on the control thread. */
    void end(ServerDownload d) {
        onControl(() -> endQuietly(d));
    }

    /** Gives back the file and the download's hold on the port; on the control thread only. */
    void endQuietly(ServerDownload d) {
        FileChannel channel;
        synchronized (d) {
            if (d.ended) {
                return;
            }
            d.ended = true;
            if (d.state.state().isFinal() && !d.state.portReleased()) {
                d.state = d.state.releasePort();
            }
            channel = d.channel;
            d.channel = null;
        }
        pool.transferEnded(d.clientKey, d.id);
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.warn("Closing {} after download {} failed", d.file.name(), d.id, e);
            }
        }
    }

    /** Runs pool and socket work on the control thread; once the service closes there is none left to do. */
    void onControl(Runnable work) {
        try {
            control.execute(work);
        } catch (RejectedExecutionException closing) {
            log.debug("File service closing; skipping control work");
        }
    }

    private void closePortSocket(int port) {
        PortSocket socket = sockets.remove(port);
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            log.warn("Closing the transfer socket on UDP port {} failed", port, e);
        }
    }

    private static ByteRanges toByteRanges(RangeSet ranges) {
        ByteRanges out = new ByteRanges();
        ranges.ranges().forEach(r -> out.add(r.start(), r.end()));
        return out;
    }

    PortPoolSnapshot ports() {
        return pool.snapshot();
    }

    void expireWaits() {
        onControl(pool::expire);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        control.shutdown();
        try {
            if (!control.awaitTermination(5, TimeUnit.SECONDS)) {
                control.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Integer port : List.copyOf(sockets.keySet())) {
            closePortSocket(port);
        }
    }
}
