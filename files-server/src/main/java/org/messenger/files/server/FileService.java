package org.messenger.files.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.messenger.files.catalogue.FileCatalogue;
import org.messenger.files.catalogue.FileRefusedException;
import org.messenger.files.catalogue.SharedFile;
import org.messenger.files.download.Download;
import org.messenger.files.download.DownloadState;
import org.messenger.files.download.DownloadTransitionException;
import org.messenger.files.ports.PortPoolSnapshot;
import org.messenger.files.protocol.FileCommand;
import org.messenger.files.protocol.FileCommandException;
import org.messenger.files.protocol.FileReply;
import org.messenger.files.resume.RangeSet;
import org.messenger.irc.codec.IrcMessage;
import org.messenger.irc.server.IrcClient;
import org.messenger.irc.server.IrcExtension;
import org.messenger.transport.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's file service, plugged into the IRC server as an extension: FILES, GET, PAUSE,
 * RESUME (PROCEED), CANCEL and DOWNLOADS (docs/files.md). This class is the IRC side: it checks
 * requests, keeps each client's downloads and answers; {@link DownloadRunner} leases ports and runs
 * the transfers, {@link TransferEvents} turns transport events into states and replies.
 *
 * <p>Threads: IRC handlers only parse and hand over. Hashing and listing run on a pool of
 * virtual threads; everything that touches the port pool or opens and closes sockets runs on the
 * runner's control thread, so those steps happen in a single order and never on the transport's
 * I/O thread (whose listener callbacks only record state and send replies).
 */
public final class FileService implements IrcExtension, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FileService.class);

    private final FileCatalogue catalogue;
    private final FileServiceConfig config;
    private final DownloadRunner runner;
    private final ExecutorService catalogueWork = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("files-catalogue-", 0).factory());
    private final Map<IrcClient, ClientFiles> clients = new ConcurrentHashMap<>();
    private final AtomicLong nextDownloadId = new AtomicLong(1);
    private final AtomicLong nextClientKey = new AtomicLong(1);

    public FileService(FileCatalogue catalogue, FileServiceConfig config, PortSocket.Opener opener, TimeSource time) {
        this.catalogue = catalogue;
        this.config = config;
        this.runner = new DownloadRunner(catalogue, config, opener, time);
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
        runner.clientGone(files, live, client.nick(), reason);
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
            files.remember(new ServerDownload(id, client, files.key, file, ranges,
                    Download.nothingToSend(id, client.nick(), file.name(), file.sizeBytes())), config.finishedKept());
            FileReplies.send(client, new FileReply.DownloadDone(id, TransferEvents.lastByteOf(file), file.sizeBytes(), file.name()));
            return;
        }
        ServerDownload d = new ServerDownload(id, client, files.key, file, ranges,
                Download.requested(id, client.nick(), file.name(), file.sizeBytes(), ranges.totalBytes()));
        files.remember(d, config.finishedKept());
        runner.start(files, d, () -> clients.get(client) == files);
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
        runner.end(d);
    }

    private ServerDownload find(IrcClient client, long id) {
        ClientFiles files = clients.get(client);
        ServerDownload d = files == null ? null : files.find(id);
        if (d == null) {
            // Someone else's download is answered like a missing one: ids do not leak.
            FileReplies.send(client, new FileReply.NoSuchDownload(Long.toString(id), "No download " + id + " of yours; DOWNLOADS lists them."));
        }
        return d;
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    // ---- for the server and tests ----------------------------------------------------------------

    /** The port pool's state: which clients hold which port, who waits. */
    public PortPoolSnapshot ports() {
        return runner.ports();
    }

    /** Gives up port waits that took too long now (the service also does it every second). */
    public void expireWaits() {
        runner.expireWaits();
    }

    /** The state of a download, for tests and logs. */
    public Optional<Download> download(long id) {
        for (ClientFiles files : clients.values()) {
            ServerDownload d = files.find(id);
            if (d != null) {
                synchronized (d) {
                    return Optional.of(d.state);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        catalogueWork.shutdownNow();
        runner.close();
    }
}
