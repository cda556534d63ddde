package org.messenger.files.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongConsumer;
import org.messenger.files.catalogue.FileCatalogue;
import org.messenger.files.catalogue.FileRefusedException;
import org.messenger.files.catalogue.OpenedFile;
import org.messenger.files.download.Download;
import org.messenger.files.download.DownloadState;
import org.messenger.files.download.DownloadTransitionException;
import org.messenger.files.ports.PortPool;
import org.messenger.files.ports.PortPoolSnapshot;
import org.messenger.files.ports.PortWaitListener;
import org.messenger.files.protocol.FileCommand;
import org.messenger.files.protocol.FileReply;
import org.messenger.irc.server.IrcClient;
import org.messenger.transport.ByteRanges;
import org.messenger.transport.TransferException;
import org.messenger.transport.TransferTicket;
import org.messenger.transport.packet.CloseCode;
import org.messenger.transport.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of the file server's state: every client's downloads, the {@link PortPool}, the
 * transport sockets of leased ports and the open files. Other threads only {@link #submit} commands
 * (the IRC handlers through the public methods here, the transport's socket threads through
 * {@link TransferEvents}, the catalogue's threads with a file they opened); one thread applies them
 * in {@link #poll}, which also runs the timers (port waits, offers that nobody started) with the
 * turn's {@code nowNanos}, the same shape as the transport's {@code TransferEndpoint.submit/poll}.
 *
 * <p>Opening and hashing a file is slow, so it runs on {@code catalogueWork}; the opened file is
 * handed to the loop with the result, and from then on only the loop closes it.
 */
final class DownloadControl {
    private static final Logger log = LoggerFactory.getLogger(DownloadControl.class);

    private final FileCatalogue catalogue;
    private final FileServiceConfig config;
    private final PortSocket.Opener opener;
    private final Executor catalogueWork;
    private final PortPool pool;
    private final long offerTimeoutNanos;

    private final ConcurrentLinkedQueue<LongConsumer> commands = new ConcurrentLinkedQueue<>();
    private volatile Runnable wakeup = () -> { };

    // ---- owned by the loop's thread ----
    private final Map<IrcClient, ClientFiles> clients = new HashMap<>();
    private final Map<Integer, PortSocket> sockets = new HashMap<>();
    /** Downloads told their port and ticket whose client has not started the transfer yet. */
    private final List<ServerDownload> offered = new ArrayList<>();
    private long nextDownloadId = 1;
    private long nextClientKey = 1;
    private long nowNanos;
    private boolean closed;

    /**
     * @param time          the clock the port pool's waits are measured on; the loop's driver reads
     *                      the same one for {@link #poll}
     * @param catalogueWork where files are opened and hashed (virtual threads; a direct executor in tests)
     */
    DownloadControl(FileCatalogue catalogue, FileServiceConfig config, PortSocket.Opener opener, TimeSource time,
            Executor catalogueWork) {
        this.catalogue = catalogue;
        this.config = config;
        this.opener = opener;
        this.catalogueWork = catalogueWork;
        this.offerTimeoutNanos = nanosSaturated(config.offerTimeout());
        this.pool = new PortPool(config.ports(), config.maxPortWait().toNanos(), time, this::closePortSocket);
    }

    /** Called after each {@link #submit}, from the submitting thread: the driver wakes up its loop there. */
    void setWakeup(Runnable wakeup) {
        this.wakeup = wakeup;
    }

    /** Runs {@code command} on the loop's thread at its next turn, with that turn's time. Any thread. */
    void submit(LongConsumer command) {
        commands.add(command);
        wakeup.run();
    }

    boolean hasCommands() {
        return !commands.isEmpty();
    }

    // ---- what other threads ask (each only enqueues) --------------------------------------------

    void clientRegistered(IrcClient client) {
        submit(now -> clients.put(client, new ClientFiles("client-" + nextClientKey++)));
    }

    void clientDisconnected(IrcClient client, String reason) {
        submit(now -> clientGone(client, reason));
    }

    /** GET, PAUSE, RESUME, CANCEL and DOWNLOADS; FILES needs no state and never comes here. */
    void command(IrcClient client, FileCommand command) {
        submit(now -> {
            switch (command) {
                case FileCommand.Get get -> get(client, get);
                case FileCommand.Pause pause -> pause(client, pause.id());
                case FileCommand.Resume resume -> resume(client, resume.id());
                case FileCommand.Cancel cancel -> cancel(client, cancel.id());
                case FileCommand.ListDownloads list -> listDownloads(client);
                case FileCommand.ListFiles list -> throw new IllegalArgumentException("FILES is answered without the control loop");
            }
        });
    }

    // ---- the loop ---------------------------------------------------------------------------------

    /**
     * Applies every queued command, then the timers that are due; returns when the next timer is due
     * (same scale as {@code nowNanos}), {@link Long#MAX_VALUE} when none is set. Only the loop's thread.
     */
    long poll(long nowNanos) {
        this.nowNanos = nowNanos;
        for (LongConsumer c; (c = commands.poll()) != null; ) {
            try {
                c.accept(nowNanos);
            } catch (RuntimeException e) {
                // One broken step must not stop every other download's.
                log.error("A file-service step failed; the service carries on", e);
            }
        }
        if (closed) {
            return Long.MAX_VALUE;
        }
        long next = pool.expire();
        return Math.min(next, expireOffers(nowNanos));
    }

    // ---- GET ------------------------------------------------------------------------------------

    private void get(IrcClient client, FileCommand.Get get) {
        ClientFiles files = clients.get(client);
        if (files == null || closed) {
            return; // gone meanwhile: nobody to answer
        }
        if (files.live() >= config.maxDownloadsPerClient()) {
            FileReplies.send(client, new FileReply.TooManyDownloads(get.name(), config.maxDownloadsPerClient()));
            return;
        }
        ServerDownload d = new ServerDownload(nextDownloadId++, client, files, get.name());
        files.remember(d, config.finishedKept());
        try {
            catalogueWork.execute(() -> openFile(d, get));
        } catch (RejectedExecutionException closing) {
            files.downloads.remove(d.id);
            d.ended = true;
        }
    }

    /** On a catalogue thread: opens and hashes the file, then hands it (or the refusal) to the loop. */
    private void openFile(ServerDownload d, FileCommand.Get get) {
        FileReply refusal;
        try {
            OpenedFile file = catalogue.open(get.name());
            submit(now -> opened(d, file, get));
            return;
        } catch (FileRefusedException e) {
            refusal = e.reason() == FileRefusedException.Reason.NOT_FOUND
                    ? new FileReply.NoSuchFile(get.name(), e.getMessage())
                    : new FileReply.FileRefused(get.name(), e.reason(), e.getMessage());
        } catch (IOException e) {
            log.warn("Cannot open {} for {}", get.name(), d.client.nick(), e);
            refusal = new FileReply.FilesUnavailable("Cannot read '" + get.name() + "' right now: " + e.getMessage());
        } catch (RuntimeException e) {
            // The download must still end, or it would count against the client's limit for ever.
            log.error("Opening {} for {} failed", get.name(), d.client.nick(), e);
            refusal = new FileReply.FilesUnavailable("The server could not open '" + get.name() + "'; tell the server's owner.");
        }
        FileReply reply = refusal;
        submit(now -> refused(d, reply));
    }

    private void refused(ServerDownload d, FileReply reply) {
        d.owner.downloads.remove(d.id);
        d.ended = true;
        if (!d.owner.gone) {
            FileReplies.send(d.client, reply);
        }
    }

    private void opened(ServerDownload d, OpenedFile file, FileCommand.Get get) {
        d.file = file;
        if (d.ended || closed) {
            closeFile(d); // the client left (or the service closed) while the file was opened
            return;
        }
        ByteRanges ranges;
        try {
            ranges = get.ranges().map(r -> r.resolve(file.sizeBytes())).orElse(ByteRanges.whole(file.sizeBytes()));
        } catch (IllegalArgumentException e) {
            String text = get.ranges().map(Object::toString).orElse("");
            refused(d, new FileReply.BadRanges(text, capitalise(e.getMessage()) + "."));
            closeFile(d);
            return;
        }
        d.ranges = ranges;
        if (ranges.isEmpty()) {
            d.state = Download.nothingToSend(d.id, d.client.nick(), file.name(), file.sizeBytes());
            FileReplies.send(d.client, new FileReply.DownloadDone(d.id, file.lastByte(), file.sizeBytes(), file.name()));
            end(d);
            return;
        }
        d.state = Download.requested(d.id, d.client.nick(), file.name(), file.sizeBytes(), ranges.totalBytes());
        pool.request(d.owner.key, d.id, new PortWaitListener() {
            @Override
            public void queued(int ahead) {
                portQueued(d, ahead);
            }

            @Override
            public void leased(int port) {
                portLeased(d, port);
            }

            @Override
            public void timedOut(long waitedNanos) {
                portWaitTimedOut(d, waitedNanos);
            }
        });
    }

    private void portQueued(ServerDownload d, int ahead) {
        if (d.state.state().isFinal()) {
            return;
        }
        if (d.state.state() == DownloadState.REQUESTED) {
            d.state = d.state.waitForPort();
        }
        FileReplies.send(d.client, new FileReply.GetQueued(d.id, ahead, d.fileName()));
    }

    private void portLeased(ServerDownload d, int port) {
        if (d.ended || d.state.state().isFinal()) {
            end(d);
            return;
        }
        d.state = d.state.portLeased(port);
        TransferTicket ticket = TransferTicket.random();
        try {
            PortSocket socket = sockets.get(port);
            if (socket == null) {
                socket = opener.open(port);
                sockets.put(port, socket);
            }
            d.sending = new SentLastByte(d.file.channel(), d.file.sizeBytes() - 1);
            InetSocketAddress peerIp = new InetSocketAddress(d.client.remoteAddress().getAddress(), 0);
            d.handle = socket.send(d.sending, d.ranges.copy(), ticket, peerIp, new TransferEvents(d, this));
        } catch (IOException e) {
            log.warn("Cannot start download {} of {} on UDP port {}", d.id, d.fileName(), port, e);
            d.state = d.state.fail("could not use UDP port " + port + ": " + e.getMessage());
            sendFailed(d, "Download " + d.id + " of " + d.fileName() + " failed: the server could not use UDP port "
                    + port + " (" + e.getMessage() + "). Try again; if it keeps failing, tell the server's owner.");
            end(d);
            return;
        }
        d.state = d.state.handshake();
        d.offerDeadlineNanos = saturatedAdd(nowNanos, offerTimeoutNanos);
        offered.add(d);
        FileReplies.send(d.client, new FileReply.GetReady(d.id, port, ticket, d.file.sizeBytes(), d.file.sha256(),
                d.ranges, d.fileName()));
    }

    private void portWaitTimedOut(ServerDownload d, long waitedNanos) {
        if (d.state.state().isFinal()) {
            return;
        }
        d.state = d.state.fail("no transfer port became free in time");
        FileReplies.send(d.client, new FileReply.NoFreePort(d.id, (waitedNanos + 999_999_999L) / 1_000_000_000L));
        end(d); // the pool already forgot the request; this gives back the file
    }

    /**
     * Withdraws offers whose client never started the UDP transfer (no valid HELLO) in time: the
     * transport's transfer is cancelled (its sent-packet ring goes with it), the file is closed, the
     * port hold ends, and the client hears 790 with the reason (issue 14). Returns the next deadline.
     */
    private long expireOffers(long nowNanos) {
        long next = Long.MAX_VALUE;
        List<ServerDownload> due = null;
        for (Iterator<ServerDownload> it = offered.iterator(); it.hasNext(); ) {
            ServerDownload d = it.next();
            if (d.ended || d.state.state() != DownloadState.HANDSHAKE) {
                it.remove();
            } else if (nowNanos >= d.offerDeadlineNanos) {
                it.remove();
                if (due == null) {
                    due = new ArrayList<>();
                }
                due.add(d);
            } else {
                next = Math.min(next, d.offerDeadlineNanos);
            }
        }
        if (due != null) {
            // Withdrawing frees ports, and a port's next client may be offered a file at once:
            // that changes the list, so it happens after the sweep.
            for (ServerDownload d : due) {
                withdraw(d);
            }
            for (ServerDownload d : offered) {
                next = Math.min(next, d.offerDeadlineNanos);
            }
        }
        return next;
    }

    private void withdraw(ServerDownload d) {
        Duration timeout = config.offerTimeout();
        String within = timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
        d.state = d.state.fail("no handshake in time");
        sendFailed(d, "Download " + d.id + " of " + d.fileName() + " failed: no handshake in time (the client did not start"
                + " the UDP transfer within " + within + "). GET it again to retry.");
        log.info("{} never started download {} of {}; withdrawn after {}", d.client.nick(), d.id, d.fileName(), within);
        d.handle.cancel();
        end(d);
    }

    // ---- transport events (from TransferEvents, through the queue) -----------------------------

    void transferStarted(ServerDownload d) {
        if (d.state.state() == DownloadState.HANDSHAKE) {
            d.state = d.state.transferring();
            d.offerDeadlineNanos = Long.MAX_VALUE;
            offered.remove(d);
            d.settlePause(); // a receiver may pause from its very first packet
        }
    }

    void transferProgressed(ServerDownload d, long doneBytes) {
        long done = Math.min(doneBytes, d.state.requestedBytes());
        if (!d.state.state().isFinal() && done > d.state.sentBytes()) {
            d.state = d.state.progress(done);
        }
    }

    void receiverPaused(ServerDownload d, boolean paused) {
        // The receiver pauses by withholding credit, with or without saying PAUSE too.
        if (!d.state.state().isFinal()) {
            d.pausedByReceiver = paused;
            d.settlePause();
        }
    }

    void transferCompleted(ServerDownload d) {
        if (d.state.state().isFinal()) {
            end(d);
            return;
        }
        if (d.state.state() == DownloadState.HANDSHAKE) {
            transferStarted(d);
        } else if (d.state.state() == DownloadState.PAUSED) {
            d.state = d.state.resume();
        }
        d.state = d.state.complete();
        // The byte the transport read for sending; the byte read at opening only when the
        // requested ranges did not include the last one (a resume that already had it).
        int sent = d.sending.lastByteSent();
        int lastByte = sent >= 0 ? sent : d.file.lastByte();
        FileReplies.send(d.client, new FileReply.DownloadDone(d.id, lastByte, d.file.sizeBytes(), d.fileName()));
        log.info("{} downloaded {} ({} bytes)", d.client.nick(), d.fileName(), d.ranges.totalBytes());
        end(d);
    }

    void transferFailed(ServerDownload d, TransferException error) {
        if (!d.state.state().isFinal()) {
            String why = describe(error);
            d.state = d.state.fail(why);
            sendFailed(d, "Download " + d.id + " of " + d.fileName() + " failed: " + why);
        }
        end(d);
    }

    private static String describe(TransferException error) {
        return switch (error.code()) {
            case CloseCode.IDLE_TIMEOUT -> "the client stopped answering on UDP";
            case CloseCode.CANCELLED -> "the client cancelled it";
            case CloseCode.SHUTDOWN -> error.byPeer() ? "the client shut its transfer socket" : "the server is shutting down";
            default -> error.getMessage();
        };
    }

    // ---- PAUSE, RESUME, CANCEL, DOWNLOADS ---------------------------------------------------------

    /**
     * PAUSE stops the server's sender for real (the transport's sender-side pause); a download the
     * receiver paused by itself can still be paused here, so that it stays held when the receiver
     * resumes.
     */
    private void pause(IrcClient client, long id) {
        ServerDownload d = find(client, id);
        if (d == null) {
            return;
        }
        try {
            if (d.pausedByCommand || d.state.state() != DownloadState.PAUSED) {
                d.state = d.state.pause(); // refuses what cannot be paused, with the reason
            }
        } catch (DownloadTransitionException e) {
            FileReplies.send(client, new FileReply.BadDownloadState(id, e.state(), e.getMessage()));
            return;
        }
        d.pausedByCommand = true;
        d.handle.pause();
        FileReplies.send(client, new FileReply.Paused(id, d.state.sentBytes(), d.state.requestedBytes()));
    }

    private void resume(IrcClient client, long id) {
        ServerDownload d = find(client, id);
        if (d == null) {
            return;
        }
        try {
            if (!d.pausedByCommand) {
                if (d.state.state() == DownloadState.PAUSED) {
                    throw new DownloadTransitionException(id, DownloadState.PAUSED, "Download " + id
                            + " was paused by the receiving program, not by PAUSE; it continues when that program resumes it.");
                }
                d.state.resume(); // not paused at all: this refuses with the reason
            }
        } catch (DownloadTransitionException e) {
            FileReplies.send(client, new FileReply.BadDownloadState(id, e.state(), e.getMessage()));
            return;
        }
        d.pausedByCommand = false;
        d.handle.resume();
        d.settlePause();
        FileReplies.send(client, new FileReply.Resumed(id));
    }

    private void cancel(IrcClient client, long id) {
        ServerDownload d = find(client, id);
        if (d == null) {
            return;
        }
        try {
            d.state = d.state.cancel();
        } catch (DownloadTransitionException e) {
            FileReplies.send(client, new FileReply.BadDownloadState(id, e.state(), e.getMessage()));
            return;
        }
        if (d.handle != null) {
            d.handle.cancel();
        }
        FileReplies.send(client, new FileReply.Cancelled(id));
        end(d);
    }

    private void listDownloads(IrcClient client) {
        ClientFiles files = clients.get(client);
        int count = 0;
        if (files != null) {
            for (ServerDownload d : files.downloads.values()) {
                Download s = d.state;
                if (s == null) {
                    continue; // still being looked up: it has no id the client knows
                }
                FileReplies.send(client, new FileReply.DownloadEntry(s.id(), s.state(), s.sentBytes(), s.requestedBytes(),
                        s.sizeBytes(), s.port(), s.fileName()));
                count++;
            }
        }
        FileReplies.send(client, new FileReply.EndOfDownloads(count));
    }

    /** The client's download {@code id} once its file is open; someone else's is answered like a missing one: ids do not leak. */
    private ServerDownload find(IrcClient client, long id) {
        ClientFiles files = clients.get(client);
        ServerDownload d = files == null ? null : files.downloads.get(id);
        if (d == null || d.state == null) {
            FileReplies.send(client, new FileReply.NoSuchDownload(Long.toString(id), "No download " + id + " of yours; DOWNLOADS lists them."));
            return null;
        }
        return d;
    }

    // ---- endings ----------------------------------------------------------------------------------

    /** The client left: its port goes back at once, not after each transfer's CLOSE. */
    private void clientGone(IrcClient client, String reason) {
        ClientFiles files = clients.remove(client);
        if (files == null) {
            return;
        }
        files.gone = true;
        boolean heldPort = pool.portOf(files.key).isPresent();
        pool.clientGone(files.key);
        for (ServerDownload d : List.copyOf(files.downloads.values())) {
            if (d.state != null && !d.state.state().isFinal()) {
                d.state = d.state.cancel();
                if (d.handle != null) {
                    d.handle.cancel();
                }
            }
            end(d);
        }
        if (heldPort) {
            log.info("{} left ({}); its transfer port is back in the pool", client.nick(), reason);
        }
    }

    /**
     * Gives back what {@code d} holds: its hold on the port (the port itself returns with the
     * client's last transfer), the open file, and the references to the transport's transfer, so
     * nothing of an ended download stays reachable from here. Ending twice does nothing.
     */
    private void end(ServerDownload d) {
        if (d.ended) {
            closeFile(d);
            return;
        }
        d.ended = true;
        offered.remove(d);
        if (d.state != null && d.state.state().isFinal() && !d.state.portReleased()) {
            d.state = d.state.releasePort();
        }
        pool.transferEnded(d.owner.key, d.id);
        closeFile(d);
        d.handle = null;
        d.sending = null;
    }

    private void closeFile(ServerDownload d) {
        OpenedFile file = d.file;
        if (file == null) {
            return;
        }
        d.file = null;
        try {
            if (d.sending != null) {
                d.sending.close(); // closes the file beneath it too
            }
            file.close();
        } catch (IOException e) {
            log.warn("Closing {} after download {} failed", file.name(), d.id, e);
        }
    }

    private static void sendFailed(ServerDownload d, String text) {
        FileReplies.send(d.client, new FileReply.DownloadFailed(d.id, d.fileName(), text));
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

    // ---- for the service, tests and shutdown (loop's thread only) --------------------------------

    PortPoolSnapshot ports() {
        return pool.snapshot();
    }

    Optional<Download> download(long id) {
        for (ClientFiles files : clients.values()) {
            ServerDownload d = files.downloads.get(id);
            if (d != null && d.state != null) {
                return Optional.of(d.state);
            }
        }
        return Optional.empty();
    }

    /** How many files the service holds open now. */
    int openFiles() {
        int open = 0;
        for (ClientFiles files : clients.values()) {
            for (ServerDownload d : files.downloads.values()) {
                if (d.file != null && d.file.channel().isOpen()) {
                    open++;
                }
            }
        }
        return open;
    }

    /** Ends every download and closes every port socket; later commands find nothing to do. */
    void close() {
        closed = true;
        for (IrcClient client : List.copyOf(clients.keySet())) {
            clientGone(client, "the server is shutting down");
        }
        for (Integer port : List.copyOf(sockets.keySet())) {
            closePortSocket(port);
        }
    }

    private static long nanosSaturated(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE; // centuries: never
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? (b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE) : sum;
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
