package org.messenger.files.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.messenger.client.ChatClient;
import org.messenger.client.ChatEvent;
import org.messenger.client.ChatListener;
import org.messenger.files.catalogue.FileHasher;
import org.messenger.files.catalogue.Sha256;
import org.messenger.files.protocol.FileCommand;
import org.messenger.files.protocol.FileReply;
import org.messenger.files.protocol.RangeRequest;
import org.messenger.files.resume.RangeSet;
import org.messenger.files.resume.ResumePlan;
import org.messenger.files.resume.ResumePlanner;
import org.messenger.files.resume.ResumeRecord;
import org.messenger.files.resume.SidecarRead;
import org.messenger.irc.codec.IrcMessage;
import org.messenger.transport.ByteRanges;
import org.messenger.transport.ReceiveHandle;
import org.messenger.transport.TransferConfig;
import org.messenger.transport.TransferException;
import org.messenger.transport.TransferListener;
import org.messenger.transport.TransferSocket;
import org.messenger.transport.TransferStats;
import org.messenger.transport.netem.NetemSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File sharing from the client's side, on top of a connected {@link ChatClient}: list the shared
 * files, download one into {@code NAME.part} beside a resume record, continue from what is on
 * disk, pause, resume, cancel, check the SHA-256 and rename the file into place.
 *
 * <p>The file commands and their replies travel on the chat connection (docs/files.md); the bytes
 * come over one UDP {@link TransferSocket} this client opens on first use. Replies are matched by
 * download id, and a GET's first reply by file name, because the server answers GETs in the order
 * it has hashed the files, not in the order they were asked.
 */
public final class FileClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FileClient.class);
    /** The server may have to hash a large file before it answers a GET or FILES. */
    private static final Duration FIRST_REPLY_TIMEOUT = Duration.ofMinutes(5);
    private static final long SAVE_INTERVAL_NANOS = 1_000_000_000L;
    private static final Duration COMPLETION_LINE_GRACE = Duration.ofSeconds(5);

    private final ChatClient chat;
    private final TransferConfig transferConfig;
    private final NetemSpec netem;
    private final ExecutorService disk = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("files-client-disk").daemon().factory());
    private final java.util.function.Consumer<IrcMessage> rawListener = this::onServerMessage;
    private final ChatListener chatListener = this::onChatEvent;

    // Guarded by this.
    private final Deque<ClientDownload> awaitingFirstReply = new ArrayDeque<>();
    private final Map<Long, ClientDownload> byId = new HashMap<>();
    private final Deque<CompletableFuture<List<FileReply.FileEntry>>> pendingLists = new ArrayDeque<>();
    private final List<FileReply.FileEntry> listing = new ArrayList<>();
    private final Deque<CompletableFuture<List<FileReply.DownloadEntry>>> pendingDownloadLists = new ArrayDeque<>();
    private final List<FileReply.DownloadEntry> downloadListing = new ArrayList<>();
    private TransferSocket socket;
    private boolean closed;

    /**
     * @param netem impairment of this client's UDP egress ({@code --netem}), or null
     */
    public FileClient(ChatClient chat, TransferConfig transferConfig, NetemSpec netem) {
        this.chat = chat;
        this.transferConfig = transferConfig;
        this.netem = netem;
        chat.addRawListener(rawListener);
        chat.addListener(chatListener);
    }

    // ---- listing ------------------------------------------------------------------------------

    /** The shared files (FILES). */
    public CompletableFuture<List<FileReply.FileEntry>> list() {
        CompletableFuture<List<FileReply.FileEntry>> answer = new CompletableFuture<>();
        synchronized (this) {
            pendingLists.add(answer);
            chat.send(IrcMessage.of("FILES"));
        }
        return answer.orTimeout(FIRST_REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** My downloads as the server sees them (DOWNLOADS). */
    public CompletableFuture<List<FileReply.DownloadEntry>> downloads() {
        CompletableFuture<List<FileReply.DownloadEntry>> answer = new CompletableFuture<>();
        synchronized (this) {
            pendingDownloadLists.add(answer);
            chat.send(IrcMessage.of("DOWNLOADS"));
        }
        return answer.orTimeout(30, TimeUnit.SECONDS);
    }

    // ---- downloading --------------------------------------------------------------------------

    /**
     * Downloads {@code name} into {@code outDir} (as its last path segment), continuing from an
     * earlier attempt when {@code NAME.part} and its record are there.
     */
    public ClientDownload download(String name, Path outDir, DownloadListener listener) {
        String localName = name.substring(name.lastIndexOf('/') + 1);
        ClientDownload d = new ClientDownload(this, name, outDir.resolve(localName), listener);
        onDisk(() -> begin(d));
        return d;
    }

    private void begin(ClientDownload d) {
        try {
            Files.createDirectories(d.target.getParent());
            SidecarRead read = d.sidecar.read();
            long partLength = partLength(d);
            String partName = d.sidecar.partFile().getFileName().toString();
            if (read instanceof SidecarRead.Found found) {
                ResumeRecord record = found.record();
                ResumePlan plan = ResumePlanner.plan(read, partLength, record.fileSizeBytes(), record.sha256(), partName);
                plan.notice().ifPresent(d.listener::onNotice);
                if (!plan.startOver()) {
                    synchronized (d) {
                        d.recordedSize = record.fileSizeBytes();
                        d.recordedSha256 = record.sha256();
                        d.have = plan.have();
                    }
                    if (plan.toRequest().isEmpty()) {
                        finishFromDisk(d, record.fileSizeBytes(), record.sha256(), 0);
                    } else {
                        sendGet(d, Optional.of(RangeRequest.of(plan.toRequest())));
                    }
                    return;
                }
                discardPartial(d);
            } else {
                // The size and digest do not matter here: without a sound record nothing is kept.
                ResumePlan fresh = ResumePlanner.plan(read, partLength, 0, new Sha256("0".repeat(64)), partName);
                if (fresh.startOver()) {
                    fresh.notice().ifPresent(d.listener::onNotice);
                    discardPartial(d);
                }
            }
            sendGet(d, Optional.empty());
        } catch (IOException | RuntimeException e) {
            fail(d, "Cannot prepare " + d.target + ": " + e.getMessage(), e);
        }
    }

    private void sendGet(ClientDownload d, Optional<RangeRequest> ranges) {
        synchronized (this) {
            if (closed) {
                fail(d, "The file client is closed.", null);
                return;
            }
            awaitingFirstReply.add(d);
            List<String> params = new FileCommand.Get(d.name, ranges).toParams();
            chat.send(new IrcMessage(Map.of(), null, params.get(0), params.subList(1, params.size())));
        }
        CompletableFuture.delayedExecutor(FIRST_REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS).execute(() -> {
            boolean stillWaiting;
            synchronized (this) {
                stillWaiting = awaitingFirstReply.remove(d);
            }
            if (stillWaiting) {
                fail(d, "The server did not answer GET " + d.name + " within " + FIRST_REPLY_TIMEOUT.toMinutes() + " minutes.", null);
            }
        });
    }

    /** Runs on the disk thread: the server gave us a port and a ticket. */
    private void startReceiving(ClientDownload d, FileReply.GetReady ready) {
        try {
            boolean restart;
            synchronized (d) {
                if (d.cancelled || d.result.isDone()) {
                    return;
                }
                restart = d.recordedSha256 != null
                        && (d.recordedSize != ready.sizeBytes() || !d.recordedSha256.equals(ready.sha256()));
            }
            if (restart) {
                restartFromScratch(d, ready.id());
                return;
            }
            TransferSocket udp = socket();
            FileChannel channel = FileChannel.open(d.sidecar.partFile(), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            InetSocketAddress server = new InetSocketAddress(chat.config().server().host(), ready.port());
            synchronized (d) {
                d.sizeBytes = ready.sizeBytes();
                d.expectedSha256 = ready.sha256();
                d.requested = ready.ranges();
                d.channel = channel;
                d.handle = udp.receive(channel, toByteRanges(ready.ranges()), server, ready.ticket(), new Events(d));
            }
            // A record from the first moment: a crash now still finds NAME.part explained.
            persist(d);
        } catch (IOException | RuntimeException e) {
            cancelOnServer(d);
            fail(d, "Cannot receive " + d.name + ": " + e.getMessage(), e);
        }
    }

    private void restartFromScratch(ClientDownload d, long staleId) throws IOException {
        d.listener.onNotice("The file on the server changed since the earlier attempt; downloading it again from the start.");
        chat.send(IrcMessage.of("CANCEL", Long.toString(staleId)));
        synchronized (this) {
            byId.remove(staleId);
        }
        synchronized (d) {
            d.id = 0;
            d.recordedSha256 = null;
            d.recordedSize = -1;
            d.have = RangeSet.empty();
        }
        discardPartial(d);
        sendGet(d, Optional.empty());
    }

    /** Transport events, on the UDP socket's thread: record, and hand disk work to the disk thread. */
    private final class Events implements TransferListener {
        private final ClientDownload d;

        Events(ClientDownload d) {
            this.d = d;
        }

        @Override
        public void onProgress(TransferStats stats) {
            long done;
            long total;
            long resumed;
            boolean save;
            synchronized (d) {
                resumed = d.have.totalBytes();
                done = resumed + stats.doneBytes();
                total = d.sizeBytes;
                long now = System.nanoTime();
                save = now - d.lastSaveNanos >= SAVE_INTERVAL_NANOS;
                if (save) {
                    d.lastSaveNanos = now;
                }
            }
            d.listener.onProgress(done, total, resumed);
            if (save) {
                onDisk(() -> persist(d));
            }
        }

        @Override
        public void onComplete(TransferStats stats) {
            onDisk(() -> finishReceived(d, stats.doneBytes()));
        }

        @Override
        public void onFailed(TransferException error, TransferStats stats) {
            onDisk(() -> {
                persist(d);
                closeChannel(d);
                boolean cancelled;
                synchronized (d) {
                    cancelled = d.cancelled;
                }
                fail(d, cancelled ? "Download of " + d.name + " cancelled; " + d.sidecar.partFile().getFileName()
                        + " is kept, so getting it again continues where it stopped."
                        : "Download of " + d.name + " stopped: " + error.getMessage()
                        + ". What arrived is kept; get it again to continue.", null);
            });
        }
    }

    /** Disk thread: every requested byte arrived. */
    private void finishReceived(ClientDownload d, long transferred) {
        long size;
        Sha256 expected;
        synchronized (d) {
            size = d.sizeBytes;
            expected = d.expectedSha256;
        }
        try {
            FileChannel channel;
            synchronized (d) {
                channel = d.channel;
            }
            if (channel != null) {
                channel.force(true);
            }
            persist(d);
            closeChannel(d);
            finishFromDisk(d, size, expected, transferred);
        } catch (IOException e) {
            fail(d, "Cannot finish " + d.target + ": " + e.getMessage(), e);
        }
    }

    /** Disk thread: {@code NAME.part} should hold the whole file; check it and move it into place. */
    private void finishFromDisk(ClientDownload d, long size, Sha256 expected, long transferred) throws IOException {
        Path part = d.sidecar.partFile();
        if (!Files.exists(part) && size == 0) {
            Files.createFile(part);
        }
        // Positional writes never shrink the file, and a stale longer part may sit there.
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
            if (channel.size() > size) {
                channel.truncate(size);
            }
        }
        Sha256 actual = FileHasher.streaming().sha256(part);
        if (!actual.equals(expected)) {
            d.sidecar.delete();
            fail(d, "Checksum mismatch for " + d.name + ": expected SHA-256 " + expected + ", got " + actual
                    + ". " + part.getFileName() + " was kept for inspection; get it again to download it afresh.", null);
            return;
        }
        try {
            Files.move(part, d.target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, d.target, StandardCopyOption.REPLACE_EXISTING);
        }
        d.sidecar.delete();
        // The server's completion line may still be on its way: stay known by id until it came.
        d.completionLine.completeOnTimeout(null, COMPLETION_LINE_GRACE.toMillis(), TimeUnit.MILLISECONDS)
                .thenAccept(line -> {
                    synchronized (this) {
                        byId.values().remove(d);
                    }
                    d.result.complete(new DownloadResult(d.target, size, actual, transferred, Optional.ofNullable(line)));
                });
    }

    /** Disk thread: forces the data, then records what is on disk. */
    private void persist(ClientDownload d) {
        FileChannel channel;
        ReceiveHandle handle;
        RangeSet have;
        long size;
        Sha256 sha;
        synchronized (d) {
            channel = d.channel;
            handle = d.handle;
            have = d.have;
            size = d.sizeBytes;
            sha = d.expectedSha256;
        }
        if (channel == null || handle == null || sha == null || !channel.isOpen()) {
            return;
        }
        try {
            // The record may only claim bytes that are on disk: force first (docs/files.md).
            RangeSet received = fromByteRanges(handle.receivedRanges());
            channel.force(false);
            d.sidecar.save(new ResumeRecord(size, sha, have.union(received)));
        } catch (IOException | RuntimeException e) {
            log.warn("Could not save the resume record of {}: {}", d.name, e.toString());
        }
    }

    // ---- pause, resume, cancel ------------------------------------------------------------------

    void pause(ClientDownload d) {
        ReceiveHandle handle;
        long id;
        synchronized (d) {
            handle = d.handle;
            id = d.id;
        }
        if (handle != null) {
            handle.pause();
        }
        if (id != 0) {
            chat.send(IrcMessage.of("PAUSE", Long.toString(id)));
        }
        onDisk(() -> persist(d));
    }

    void resume(ClientDownload d) {
        ReceiveHandle handle;
        long id;
        synchronized (d) {
            handle = d.handle;
            id = d.id;
        }
        if (id != 0) {
            chat.send(IrcMessage.of("RESUME", Long.toString(id)));
        }
        if (handle != null) {
            handle.resume();
        }
    }

    void cancel(ClientDownload d) {
        ReceiveHandle handle;
        synchronized (d) {
            d.cancelled = true;
            handle = d.handle;
        }
        cancelOnServer(d);
        if (handle != null) {
            handle.cancel();
        } else {
            fail(d, "Download of " + d.name + " cancelled.", null);
        }
    }

    private void cancelOnServer(ClientDownload d) {
        long id;
        synchronized (d) {
            id = d.id;
        }
        if (id != 0 && chat.isConnected()) {
            chat.send(IrcMessage.of("CANCEL", Long.toString(id)));
        }
    }

    // ---- replies from the server ----------------------------------------------------------------

    private void onServerMessage(IrcMessage message) {
        String verb = message.verb();
        if (verb.length() != 3 || !Character.isDigit(verb.charAt(0))) {
            return;
        }
        Optional<FileReply> parsed;
        try {
            parsed = FileReply.parse(Integer.parseInt(verb), message.params());
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring a malformed file reply {}: {}", message, e.getMessage());
            return;
        }
        parsed.ifPresent(reply -> onReply(reply, message.lastParam()));
    }

    private void onReply(FileReply reply, String text) {
        switch (reply) {
            case FileReply.FileEntry entry -> {
                synchronized (this) {
                    listing.add(entry);
                }
            }
            case FileReply.EndOfFiles end -> completeListing();
            case FileReply.DownloadEntry entry -> {
                synchronized (this) {
                    downloadListing.add(entry);
                }
            }
            case FileReply.EndOfDownloads end -> completeDownloadListing();
            case FileReply.GetQueued queued -> {
                ClientDownload d = claim(queued.id(), queued.name());
                if (d != null) {
                    d.listener.onNotice(queued.ahead() == 0
                            ? "Waiting for a free transfer port; you are next."
                            : "Waiting for a free transfer port, " + queued.ahead() + " ahead.");
                }
            }
            case FileReply.GetReady ready -> {
                ClientDownload d = claim(ready.id(), ready.name());
                if (d != null) {
                    onDisk(() -> startReceiving(d, ready));
                }
            }
            case FileReply.DownloadDone done -> {
                ClientDownload d = claim(done.id(), done.name());
                if (d != null) {
                    d.completionLine.complete(text);
                    boolean neverStarted;
                    synchronized (d) {
                        neverStarted = d.handle == null && d.sizeBytes < 0;
                    }
                    if (neverStarted && done.sizeBytes() == 0) {
                        // An empty file: the server had nothing to send.
                        onDisk(() -> {
                            try {
                                finishFromDisk(d, 0, EMPTY_SHA256, 0);
                            } catch (IOException e) {
                                fail(d, "Cannot write " + d.target + ": " + e.getMessage(), e);
                            }
                        });
                    }
                }
            }
            case FileReply.DownloadFailed failed -> failById(failed.id(), failed.message());
            case FileReply.NoFreePort noPort -> failById(noPort.id(), text);
            case FileReply.NoSuchFile missing -> failFirstWaiting(missing.name(), missing.message());
            case FileReply.FileRefused refused -> failFirstWaiting(refused.name(), refused.message());
            case FileReply.BadRanges bad -> failFirstWaiting(null, bad.message());
            case FileReply.NeedMoreParams need -> failFirstWaiting(null, need.message());
            case FileReply.FilesUnavailable unavailable -> {
                CompletableFuture<List<FileReply.FileEntry>> list;
                synchronized (this) {
                    list = pendingLists.poll();
                }
                if (list != null) {
                    list.completeExceptionally(new FileClientException(unavailable.message()));
                } else {
                    failFirstWaiting(null, unavailable.message());
                }
            }
            case FileReply.Paused paused -> notice(paused.id(), "Paused.");
            case FileReply.Resumed resumed -> notice(resumed.id(), "Continuing.");
            case FileReply.Cancelled cancelled -> notice(cancelled.id(), "Cancelled on the server.");
            case FileReply.BadDownloadState bad -> notice(bad.id(), bad.message());
            case FileReply.NoSuchDownload none -> log.info("Server: {}", none.message());
        }
    }

    private static final Sha256 EMPTY_SHA256 = new Sha256("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    /** The download a reply is about: known by id, else the oldest GET still waiting for this name. */
    private synchronized ClientDownload claim(long id, String name) {
        ClientDownload d = byId.get(id);
        if (d != null) {
            return d;
        }
        for (Iterator<ClientDownload> it = awaitingFirstReply.iterator(); it.hasNext(); ) {
            ClientDownload waiting = it.next();
            if (waiting.name.equals(name)) {
                it.remove();
                synchronized (waiting) {
                    waiting.id = id;
                }
                byId.put(id, waiting);
                return waiting;
            }
        }
        return null;
    }

    private void failFirstWaiting(String name, String message) {
        ClientDownload d = null;
        synchronized (this) {
            for (Iterator<ClientDownload> it = awaitingFirstReply.iterator(); it.hasNext(); ) {
                ClientDownload waiting = it.next();
                if (name == null || waiting.name.equals(name)) {
                    it.remove();
                    d = waiting;
                    break;
                }
            }
        }
        if (d != null) {
            fail(d, message, null);
        }
    }

    private void failById(long id, String message) {
        ClientDownload d;
        synchronized (this) {
            d = byId.remove(id);
        }
        if (d != null) {
            ClientDownload failed = d;
            onDisk(() -> {
                persist(failed);
                closeChannel(failed);
                ReceiveHandle handle;
                synchronized (failed) {
                    handle = failed.handle;
                }
                if (handle != null) {
                    handle.cancel();
                }
                fail(failed, message, null);
            });
        }
    }

    private void notice(long id, String text) {
        ClientDownload d;
        synchronized (this) {
            d = byId.get(id);
        }
        if (d != null) {
            d.listener.onNotice(text);
        }
    }

    private void completeListing() {
        CompletableFuture<List<FileReply.FileEntry>> answer;
        List<FileReply.FileEntry> files;
        synchronized (this) {
            answer = pendingLists.poll();
            files = List.copyOf(listing);
            listing.clear();
        }
        if (answer != null) {
            answer.complete(files);
        }
    }

    private void completeDownloadListing() {
        CompletableFuture<List<FileReply.DownloadEntry>> answer;
        List<FileReply.DownloadEntry> entries;
        synchronized (this) {
            answer = pendingDownloadLists.poll();
            entries = List.copyOf(downloadListing);
            downloadListing.clear();
        }
        if (answer != null) {
            answer.complete(entries);
        }
    }

    private void onChatEvent(ChatEvent event) {
        if (event instanceof ChatEvent.Disconnected gone) {
            List<ClientDownload> active;
            synchronized (this) {
                active = new ArrayList<>(byId.values());
                active.addAll(awaitingFirstReply);
                byId.clear();
                awaitingFirstReply.clear();
                pendingLists.forEach(f -> f.completeExceptionally(new FileClientException("The chat connection closed: " + gone.reason())));
                pendingLists.clear();
            }
            for (ClientDownload d : active) {
                onDisk(() -> {
                    persist(d);
                    closeChannel(d);
                    fail(d, "The chat connection to the server closed (" + gone.reason()
                            + "). What arrived is kept; get the file again to continue.", null);
                });
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** Runs disk work in order on the disk thread; after {@link #close} there is none left to do. */
    private void onDisk(Runnable work) {
        try {
            disk.execute(work);
        } catch (java.util.concurrent.RejectedExecutionException closedAlready) {
            log.debug("File client closed; skipping disk work");
        }
    }

    private synchronized TransferSocket socket() throws IOException {
        if (socket == null) {
            InetAddress server = InetAddress.getByName(chat.config().server().host());
            InetSocketAddress bind = server.isLoopbackAddress()
                    ? new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)
                    : new InetSocketAddress(0);
            socket = TransferSocket.open(bind, transferConfig, netem);
        }
        return socket;
    }

    private void fail(ClientDownload d, String message, Throwable cause) {
        synchronized (this) {
            byId.values().remove(d);
            awaitingFirstReply.remove(d);
        }
        d.result.completeExceptionally(new FileClientException(message, cause));
    }

    private void closeChannel(ClientDownload d) {
        FileChannel channel;
        synchronized (d) {
            channel = d.channel;
            d.channel = null;
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.warn("Closing {} failed: {}", d.sidecar.partFile(), e.toString());
            }
        }
    }

    private static void discardPartial(ClientDownload d) throws IOException {
        d.sidecar.delete();
        Files.deleteIfExists(d.sidecar.partFile());
    }

    private static long partLength(ClientDownload d) throws IOException {
        try {
            return Files.size(d.sidecar.partFile());
        } catch (NoSuchFileException e) {
            return -1;
        }
    }

    private static ByteRanges toByteRanges(RangeSet ranges) {
        ByteRanges out = new ByteRanges();
        ranges.ranges().forEach(r -> out.add(r.start(), r.end()));
        return out;
    }

    private static RangeSet fromByteRanges(ByteRanges ranges) {
        RangeSet out = RangeSet.empty();
        for (int i = 0; i < ranges.rangeCount(); i++) {
            out = out.with(ranges.start(i), ranges.end(i));
        }
        return out;
    }

    /**
     * Saves every running download's resume record, stops them (the server hears CANCEL when the
     * chat connection is still up) and closes the UDP socket. What arrived stays on disk.
     */
    @Override
    public void close() {
        List<ClientDownload> active;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            active = new ArrayList<>(byId.values());
        }
        CompletableFuture<Void> saved = CompletableFuture.runAsync(() -> active.forEach(this::persist), disk);
        try {
            saved.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("Could not save every resume record before closing: {}", e.toString());
        }
        for (ClientDownload d : active) {
            ReceiveHandle handle;
            synchronized (d) {
                d.cancelled = true;
                handle = d.handle;
            }
            if (handle != null) {
                handle.cancel();
            }
            closeChannel(d);
            fail(d, "Stopped before the end; " + d.sidecar.partFile().getFileName()
                    + " is kept, so getting the file again continues where it stopped.", null);
        }
        chat.removeRawListener(rawListener);
        chat.removeListener(chatListener);
        TransferSocket udp;
        synchronized (this) {
            udp = socket;
            socket = null;
        }
        if (udp != null) {
            try {
                udp.close();
            } catch (IOException e) {
                log.warn("Closing the transfer socket failed: {}", e.toString());
            }
        }
        disk.shutdown();
    }
}
