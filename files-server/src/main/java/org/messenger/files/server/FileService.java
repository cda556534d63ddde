package org.messenger.files.server;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.messenger.files.catalogue.FileCatalogue;
import org.messenger.files.catalogue.SharedFile;
import org.messenger.files.download.Download;
import org.messenger.files.ports.PortPoolSnapshot;
import org.messenger.files.protocol.FileCommand;
import org.messenger.files.protocol.FileCommandException;
import org.messenger.files.protocol.FileReply;
import org.messenger.irc.codec.IrcMessage;
import org.messenger.irc.server.IrcClient;
import org.messenger.irc.server.IrcExtension;
import org.messenger.transport.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's file service, plugged into the IRC server as an extension: FILES, GET, PAUSE,
 * RESUME (PROCEED), CANCEL and DOWNLOADS (docs/files.md).
 *
 * <p>Threads: IRC handlers (Netty I/O) only parse and hand over. FILES is answered on a virtual
 * thread (the catalogue keeps no state but its checksum cache). Everything else goes as a command
 * to the {@link DownloadControl} loop, which runs on the {@code files-control} thread started
 * here and owns every download, the port pool, the port sockets and the open files; files are
 * opened and hashed on virtual threads and handed to the loop.
 */
public final class FileService implements IrcExtension, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FileService.class);
    /** The loop wakes at least this often even with no timer due, so a lost wake-up costs at most this. */
    private static final long MAX_PARK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final FileCatalogue catalogue;
    private final TimeSource time;
    private final ExecutorService catalogueWork = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("files-catalogue-", 0).factory());
    private final DownloadControl control;
    private final Thread loop;
    private volatile boolean running = true;

    public FileService(FileCatalogue catalogue, FileServiceConfig config, PortSocket.Opener opener, TimeSource time) {
        this.catalogue = catalogue;
        this.time = time;
        this.control = new DownloadControl(catalogue, config, opener, time, catalogueWork);
        this.loop = Thread.ofPlatform().name("files-control").daemon().unstarted(this::runLoop);
        control.setWakeup(() -> LockSupport.unpark(loop));
        loop.start();
    }

    private void runLoop() {
        while (running) {
            long now = time.nanoTime();
            long next = control.poll(now);
            if (!control.hasCommands()) {
                // A command submitted after this check unparks us: park returns at once then.
                long wait = next == Long.MAX_VALUE ? MAX_PARK_NANOS : Math.min(Math.max(next - now, 0), MAX_PARK_NANOS);
                if (wait > 0) {
                    LockSupport.parkNanos(this, wait);
                }
            }
        }
        control.close();
        control.poll(time.nanoTime()); // whatever was queued finds every download ended
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
        control.clientRegistered(client);
    }

    @Override
    public void clientDisconnected(IrcClient client, String reason) {
        control.clientDisconnected(client, reason);
    }

    private void onCommand(IrcClient client, IrcMessage message) {
        FileCommand command;
        try {
            command = FileCommand.parse(message.verb(), message.params());
        } catch (FileCommandException e) {
            FileReplies.send(client, e.reply());
            return;
        }
        if (command instanceof FileCommand.ListFiles) {
            catalogueWork.execute(() -> listFiles(client));
        } else {
            control.command(client, command);
        }
    }

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

    // ---- for the server and tests: questions answered by the loop ------------------------------

    /** The port pool's state: which clients hold which port, who waits. */
    public PortPoolSnapshot ports() {
        return ask(DownloadControl::ports);
    }

    /** Runs the loop's timers now (port waits and offers that ran out); the loop also does it when they are due. */
    public void expireWaits() {
        control.submit(now -> { });
    }

    /** The state of a download, for tests and logs. */
    public Optional<Download> download(long id) {
        return ask(c -> c.download(id));
    }

    /** How many shared files the service holds open now (one per download between GET and its end). */
    public int openFiles() {
        return ask(DownloadControl::openFiles);
    }

    private <T> T ask(Function<DownloadControl, T> question) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        control.submit(now -> answer.complete(question.apply(control)));
        try {
            return answer.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the file service", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the file service's control loop did not answer", e);
        }
    }

    @Override
    public void close() {
        catalogueWork.shutdownNow();
        running = false;
        LockSupport.unpark(loop);
        try {
            loop.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
