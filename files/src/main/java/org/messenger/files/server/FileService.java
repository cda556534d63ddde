package org.messenger.files.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.messenger.files.catalogue.FileCatalogue;
import org.messenger.files.catalogue.FileRefusedException;
import org.messenger.files.catalogue.SharedFile;
import org.messenger.files.download.CompletionMessage;
import org.messenger.files.download.Download;
import org.messenger.files.download.DownloadState;
import org.messenger.files.download.DownloadTransitionException;
import org.messenger.files.ports.PortPool;
import org.messenger.files.ports.PortPoolSnapshot;
import org.messenger.files.ports.PortWaitListener;
import org.messenger.files.protocol.FileCommand;
import org.messenger.files.protocol.FileCommandException;
import org.messenger.files.protocol.FileReply;
import org.messenger.files.resume.RangeSet;
import org.messenger.irc.codec.IrcMessage;
import org.messenger.irc.server.IrcClient;
import org.messenger.irc.server.IrcExtension;
import org.messenger.transport.ByteRanges;
import org.messenger.transport.TransferException;
import org.messenger.transport.TransferListener;
import org.messenger.transport.TransferStats;
import org.messenger.transport.TransferTicket;
import org.messenger.transport.packet.CloseCode;
import org.messenger.transport.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's file service, plugged into the IRC server as an extension: FILES, GET, PAUSE,
 * RESUME (PROCEED), CANCEL and DOWNLOADS (docs/files.md), ports from a {@link PortPool}, bytes
 * through the transport on the leased port, the completion line when a download ends, and the
 * client's port back to the pool as soon as it disconnects.
 *
 * <p>Threads: IRC handlers only parse and hand over. Hashing and listing run on a pool of
 * virtual threads; everything that touches the port pool or opens and closes sockets runs on one
 * control thread, so those steps happen in a single order and never on the transport's I/O thread
 * (whose listener callbacks only record state and send replies).
 */
public final class FileService implements IrcExtension, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FileService.class);

    private static final class ClientFiles {
        final String key;
        final Map<Long, ServerDownload> downloads = new LinkedHashMap<>();

        ClientFiles(String key) {
            this.key = key;
        }
    }

    private final FileCatalogue catalogue;
    private final FileServiceConfig config;
    private final PortSocket.Opener opener;
    private final PortPool pool;
    private final ExecutorService catalogueWork = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("files-catalogue-", 0).factory());
    private final ExecutorService control = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("files-control").daemon().factory());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("files-timer").daemon().factory());
    private final Map<Integer, PortSocket> sockets = new ConcurrentHashMap<>();
    private final Map<IrcClient, ClientFiles> clients = new ConcurrentHashMap<>();
    private final AtomicLong nextDownloadId = new AtomicLong(1);
    private final AtomicLong nextClientKey = new AtomicLong(1);

    public FileService(FileCatalogue catalogue, FileServiceConfig config, PortSocket.Opener opener, TimeSource time) {
        this.catalogue = catalogue;
        this.config = config;
        this.opener = opener;
        this.pool = new PortPool(config.ports(), config.maxPortWait().toNanos(), time, this::closePortSocket);
        timer.scheduleWithFixedDelay(() -> onControl(pool::expire), 1, 1, TimeUnit.SECONDS);
    }

    // ---- IRC extension ------------------------------------------------------------------------

    @Override
    public void registerCommands(CommandRegistry commands) {
        commands.register("FILES", 0, false, this::onCommand);
        commands.register("DOWNLOADS", 0, false, this::onCommand);
        commands.register("GET", 1, false, this::onCommand);
        commands.register("PAUSE", 1, false, this::onCommand);
        commands.register("RESUME", 1, false, this::onCommand);
        commands.register("PROCEED", 1, false, this::onCommand);
        commands.register("CANCEL", 1, false, this::onCommand);
    }

    @Override
    public void clientRegistered(IrcClient client) {
        clients.put(client, new ClientFiles("client-" + nextClientKey.getAndIncrement()));
    }

    @Override
    public void clientDisconnected(IrcClient client, String reason) {
        ClientFiles files = clients.remove(client);
        if (files == null) {
            return;
        }
        List<ServerDownload> live;
        synchronized (files) {
            live = new ArrayList<>(files.downloads.values());
        }
        for (ServerDownload d : live) {
            synchronized (d) {
                if (!d.state.state().isFinal()) {
                    d.state = d.state.cancel();
                    if (d.handle != null) {
                        d.handle.cancel();
                    }
                }
            }
        }
        onControl(() -> {
            // At once, not after each transfer's CLOSE: the port is free for the next client now.
            pool.clientGone(files.key);
            live.forEach(this::endQuietly);
            log.info("{} left ({}); its transfer port is back in the pool", client.nick(), reason);
        });
    }

    private void onCommand(IrcClient client, IrcMessage message) {
        FileCommand command;
        try {
            command = FileCommand.parse(message.verb(), message.params());
        } catch (FileCommandException e) {
            FileReplies.send(client, e.reply());
            return;
        }
        switch (command) {
            case FileCommand.ListFiles list -> catalogueWork.execute(() -> listFiles(client));
            case FileCommand.Get get -> catalogueWork.execute(() -> startGet(client, get));
            case FileCommand.Pause pause -> pause(client, pause.id());
            case FileCommand.Resume resume -> resume(client, resume.id());
            case FileCommand.Cancel cancel -> cancel(client, cancel.id());
            case FileCommand.ListDownloads list -> listDownloads(client);
        }
    }

    // ---- FILES and DOWNLOADS -------------------------------------------------------------------

    private void listFiles(IrcClient client) {
        List<SharedFile> files;
        try {
            files = catalogue.list();
        } catch (IOException e) {
            log.warn("Cannot list the shared folder {}", catalogue.root(), e);
            FileReplies.send(client, new FileReply.FilesUnavailable("The shared folder cannot be read right now; tell the server's owner."));
            return;
        }
        long total = 0;
        for (SharedFile file : files) {
            FileReplies.send(client, new FileReply.FileEntry(file.name(), file.sizeBytes(), file.sha256()));
            total += file.sizeBytes();
        }
        FileReplies.send(client, new FileReply.EndOfFiles(files.size(), total));
    }

    private void listDownloads(IrcClient client) {
        List<Download> mine = new ArrayList<>();
        ClientFiles files = clients.get(client);
        if (files != null) {
            synchronized (files) {
                for (ServerDownload d : files.downloads.values()) {
                    synchronized (d) {
                        mine.add(d.state);
                    }
                }
            }
        }
        for (Download d : mine) {
            FileReplies.send(client, new FileReply.DownloadEntry(d.id(), d.state(), d.sentBytes(), d.requestedBytes(),
                    d.sizeBytes(), d.port(), d.fileName()));
        }
        FileReplies.send(client, new FileReply.EndOfDownloads(mine.size()));
    }

    // ---- GET ----------------------------------------------------------------------------------

    private void startGet(IrcClient client, FileCommand.Get get) {
        SharedFile file;
        try {
            file = catalogue.describe(get.name());
        } catch (FileRefusedException e) {
            FileReplies.send(client, e.reason() == FileRefusedException.Reason.NOT_FOUND
                    ? new FileReply.NoSuchFile(get.name(), e.getMessage())
                    : new FileReply.FileRefused(get.name(), e.reason(), e.getMessage()));
            return;
        } catch (IOException e) {
            log.warn("Cannot read {} for {}", get.name(), client.nick(), e);
            FileReplies.send(client, new FileReply.FilesUnavailable("Cannot read '" + get.name() + "' right now: " + e.getMessage()));
            return;
        }
        RangeSet ranges;
        try {
            ranges = get.ranges().map(r -> r.resolve(file.sizeBytes())).orElse(RangeSet.full(file.sizeBytes()));
        } catch (IllegalArgumentException e) {
            String text = get.ranges().map(Object::toString).orElse("");
            FileReplies.send(client, new FileReply.BadRanges(text, capitalise(e.getMessage()) + "."));
            return;
        }
        ClientFiles files = clients.get(client);
        if (files == null) {
            return; // it disconnected while we hashed: nobody to answer, nothing to hold
        }
        long id = nextDownloadId.getAndIncrement();
        if (ranges.isEmpty()) {
            remember(files, new ServerDownload(id, client, files.key, file, ranges,
                    Download.nothingToSend(id, client.nick(), file.name(), file.sizeBytes())));
            FileReplies.send(client, new FileReply.DownloadDone(id, lastByteOf(file), file.sizeBytes(), file.name()));
            return;
        }
        ServerDownload d = new ServerDownload(id, client, files.key, file, ranges,
                Download.requested(id, client.nick(), file.name(), file.sizeBytes(), ranges.totalBytes()));
        remember(files, d);
        onControl(() -> {
            if (clients.get(client) != files) {
                return; // gone meanwhile; its clientGone runs (or ran) on this thread too
            }
            requestPort(files, d);
        });
    }

    private void requestPort(ClientFiles files, ServerDownload d) {
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
                d.handle = socket.send(d.channel, toByteRanges(d.ranges), ticket, peerIp, new Events(d));
            } catch (IOException e) {
                log.warn("Cannot start download {} of {} on UDP port {}", d.id, d.file.name(), port, e);
                d.state = d.state.fail("could not use UDP port " + port + ": " + e.getMessage());
                sendFailed(d, "Download " + d.id + " of " + d.file.name() + " failed: the server could not use UDP port "
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

    // ---- PAUSE, RESUME, CANCEL ----------------------------------------------------------------

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
        Download now;
        synchronized (d) {
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
            now = d.state;
        }
        FileReplies.send(client, new FileReply.Paused(id, now.sentBytes(), now.requestedBytes()));
    }

    private void resume(IrcClient client, long id) {
        ServerDownload d = find(client, id);
        if (d == null) {
            return;
        }
        synchronized (d) {
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
        }
        FileReplies.send(client, new FileReply.Resumed(id));
    }

    private void cancel(IrcClient client, long id) {
        ServerDownload d = find(client, id);
        if (d == null) {
            return;
        }
        synchronized (d) {
            try {
                d.state = d.state.cancel();
            } catch (DownloadTransitionException e) {
                FileReplies.send(client, new FileReply.BadDownloadState(id, e.state(), e.getMessage()));
                return;
            }
            if (d.handle != null) {
                d.handle.cancel();
            }
        }
        FileReplies.send(client, new FileReply.Cancelled(id));
        onControl(() -> endQuietly(d));
    }

    private ServerDownload find(IrcClient client, long id) {
        ClientFiles files = clients.get(client);
        ServerDownload d = null;
        if (files != null) {
            synchronized (files) {
                d = files.downloads.get(id);
            }
        }
        if (d == null) {
            // Someone else's download is answered like a missing one: ids do not leak.
            FileReplies.send(client, new FileReply.NoSuchDownload(Long.toString(id), "No download " + id + " of yours; DOWNLOADS lists them."));
        }
        return d;
    }

    // ---- transport events ---------------------------------------------------------------------

    /** Transport callbacks for one download; they run on the port's I/O thread and must not block. */
    private final class Events implements TransferListener {
        private final ServerDownload d;

        Events(ServerDownload d) {
            this.d = d;
        }

        @Override
        public void onStarted(TransferStats stats) {
            synchronized (d) {
                if (d.state.state() == DownloadState.HANDSHAKE) {
                    d.state = d.state.transferring();
                    d.settlePause(); // a receiver may pause from its very first packet
                }
            }
        }

        @Override
        public void onProgress(TransferStats stats) {
            synchronized (d) {
                long done = Math.min(stats.doneBytes(), d.state.requestedBytes());
                if (!d.state.state().isFinal() && done > d.state.sentBytes()) {
                    d.state = d.state.progress(done);
                }
            }
        }

        @Override
        public void onPaused(boolean paused) {
            // The receiver pauses by withholding credit, with or without saying PAUSE too.
            synchronized (d) {
                if (!d.state.state().isFinal()) {
                    d.pausedByReceiver = paused;
                    d.settlePause();
                }
            }
        }

        @Override
        public void onComplete(TransferStats stats) {
            synchronized (d) {
                if (d.state.state().isFinal()) {
                    return;
                }
                if (d.state.state() == DownloadState.HANDSHAKE) {
                    d.state = d.state.transferring();
                } else if (d.state.state() == DownloadState.PAUSED) {
                    d.state = d.state.resume();
                }
                d.state = d.state.complete();
            }
            onControl(() -> {
                FileReplies.send(d.client, new FileReply.DownloadDone(d.id, lastByteOf(d.file), d.file.sizeBytes(), d.file.name()));
                log.info("{} downloaded {} ({} bytes)", d.client.nick(), d.file.name(), d.ranges.totalBytes());
                endQuietly(d);
            });
        }

        @Override
        public void onFailed(TransferException error, TransferStats stats) {
            String why;
            synchronized (d) {
                if (d.state.state().isFinal()) {
                    onControl(() -> endQuietly(d));
                    return;
                }
                why = describe(error);
                d.state = d.state.fail(why);
            }
            sendFailed(d, "Download " + d.id + " of " + d.file.name() + " failed: " + why);
            onControl(() -> endQuietly(d));
        }
    }

    private static String describe(TransferException error) {
        return switch (error.code()) {
            case CloseCode.IDLE_TIMEOUT -> "the client stopped answering on UDP";
            case CloseCode.CANCELLED -> "the client cancelled it";
            case CloseCode.SHUTDOWN -> error.byPeer() ? "the client shut its transfer socket" : "the server is shutting down";
            default -> error.getMessage();
        };
    }

    private void sendFailed(ServerDownload d, String text) {
        FileReplies.send(d.client, new FileReply.DownloadFailed(d.id, d.file.name(), text));
    }

    // ---- ending -------------------------------------------------------------------------------

    /** Gives back the file and the download's hold on the port; on the control thread only. */
    private void endQuietly(ServerDownload d) {
        java.nio.channels.FileChannel channel;
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
    private void onControl(Runnable work) {
        try {
            control.execute(work);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
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

    private void remember(ClientFiles files, ServerDownload d) {
        synchronized (files) {
            files.downloads.put(d.id, d);
            int finished = 0;
            for (ServerDownload other : files.downloads.values()) {
                if (other.ended) {
                    finished++;
                }
            }
            for (Iterator<ServerDownload> it = files.downloads.values().iterator(); it.hasNext() && finished > config.finishedKept(); ) {
                if (it.next().ended) {
                    it.remove();
                    finished--;
                }
            }
        }
    }

    private static int lastByteOf(SharedFile file) {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file.realPath())) {
            return CompletionMessage.lastByteOf(channel);
        } catch (IOException e) {
            log.warn("Cannot read the last byte of {}", file.name(), e);
            return -1;
        }
    }

    private static ByteRanges toByteRanges(RangeSet ranges) {
        ByteRanges out = new ByteRanges();
        ranges.ranges().forEach(r -> out.add(r.start(), r.end()));
        return out;
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    // ---- for the server and tests ----------------------------------------------------------------

    /** The port pool's state: which clients hold which port, who waits. */
    public PortPoolSnapshot ports() {
        return pool.snapshot();
    }

    /** Gives up port waits that took too long now (the service also does it every second). */
    public void expireWaits() {
        onControl(pool::expire);
    }

    /** The state of a download, for tests and logs. */
    public Optional<Download> download(long id) {
        for (ClientFiles files : clients.values()) {
            synchronized (files) {
                ServerDownload d = files.downloads.get(id);
                if (d != null) {
                    synchronized (d) {
                        return Optional.of(d.state);
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        catalogueWork.shutdownNow();
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
