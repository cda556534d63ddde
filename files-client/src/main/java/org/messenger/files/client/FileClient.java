package org.messenger.files.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.messenger.client.ChatClient;
import org.messenger.client.ChatListener;
import org.messenger.files.catalogue.Sha256;
import org.messenger.files.protocol.FileCommand;
import org.messenger.files.protocol.FileReply;
import org.messenger.files.protocol.RangeRequest;
import org.messenger.irc.codec.IrcMessage;
import org.messenger.transport.ReceiveHandle;
import org.messenger.transport.TransferConfig;
import org.messenger.transport.TransferSocket;
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
 *
 * <p>This class runs each download's steps; the concepts around them live beside it:
 * {@link DownloadTargets} (where a download writes, and refusing a second one of the same file),
 * {@link ResumeStart} (what to ask for, given what an earlier attempt left), {@link ReplyRouter}
 * (what each server reply means for which download) and {@link PartFiles} (what is kept on disk).
 */
public final class FileClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FileClient.class);
    /** The server may have to hash a large file before it answers a GET or FILES. */
    private static final Duration FIRST_REPLY_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration COMPLETION_LINE_GRACE = Duration.ofSeconds(5);

    private final ChatClient chat;
    private final TransferConfig transferConfig;
    private final NetemSpec netem;
    private final ExecutorService disk = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("files-client-disk").daemon().factory());
    private final Listings listings;
    private final PendingDownloads pending = new PendingDownloads();
    private final DownloadTargets targets = new DownloadTargets();
    private final java.util.function.Consumer<IrcMessage> rawListener;
    private final ChatListener chatListener;

    // Guarded by this.
    private TransferSocket socket;
    private boolean closed;

    /**
     * The transfer settings for a client's downloads from {@code serverHost}: 64 KB datagrams from
     * a server on this machine (a 127.x address, localhost or ::1), Ethernet-sized ones otherwise,
     * and OpenSSL's AEAD at every
     * datagram size where it can run. A client's JVM is cold when a download starts, and the
     * JDK's AES-GCM is fast only once the JIT has compiled it: a one-shot {@code get} of 1 GiB from
     * a local server took 2.2–2.6 s with OpenSSL's and 3.6–3.8 s with the JDK's at 64 KB, which the
     * warm server, a JMH loop, and the default for large datagrams prefer (docs/performance.md).
     * {@code -Dmessenger.transport.aead} still decides when given.
     */
    public static TransferConfig downloadConfig(String serverHost) {
        boolean loopback = serverHost.startsWith("127.") || serverHost.equals("localhost") || serverHost.equals("::1");
        return (loopback ? TransferConfig.loopback() : TransferConfig.defaults())
                .withAeadLibrary(org.messenger.transport.crypto.AeadLibrary.OPENSSL);
    }

    /**
     * @param transferConfig the transfer settings, normally {@link #downloadConfig(String)}
     * @param netem impairment of this client's UDP egress ({@code --netem}), or null
     */
    public FileClient(ChatClient chat, TransferConfig transferConfig, NetemSpec netem) {
        this.chat = chat;
        this.transferConfig = transferConfig;
        this.netem = netem;
        this.listings = new Listings(chat);
        ReplyRouter replies = new ReplyRouter(this, pending, listings);
        this.rawListener = replies::onServerMessage;
        this.chatListener = replies::onChatEvent;
        chat.addRawListener(rawListener);
        chat.addListener(chatListener);
    }

    // ---- listing ------------------------------------------------------------------------------

    /** The shared files (FILES). */
    public CompletableFuture<List<FileReply.FileEntry>> list() {
        return listings.requestFiles().orTimeout(FIRST_REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** My downloads as the server sees them (DOWNLOADS). */
    public CompletableFuture<List<FileReply.DownloadEntry>> downloads() {
        return listings.requestDownloads().orTimeout(30, TimeUnit.SECONDS);
    }

    // ---- downloading --------------------------------------------------------------------------

    /**
     * Downloads {@code name} into {@code outDir} (as its last path segment), continuing from an
     * earlier attempt when {@code NAME.part} and its record are there. A finished file of that
     * name is not replaced: this one is saved as {@code NAME (1)} (or the next free number).
     *
     * @throws AlreadyDownloadingException when this client is downloading that name into that folder already
     */
    public ClientDownload download(String name, Path outDir, DownloadListener listener) {
        String localName = name.substring(name.lastIndexOf('/') + 1);
        Path wanted = outDir.resolve(localName).toAbsolutePath().normalize();
        ClientDownload d = targets.start(wanted, target -> new ClientDownload(this, name, target, listener));
        onDisk(() -> {
            if (!d.target.equals(wanted)) {
                listener.onNotice(localName + " is already in " + wanted.getParent() + "; saving this download as "
                        + d.target.getFileName() + ".");
            }
            begin(d);
        });
        return d;
    }

    private void begin(ClientDownload d) {
        try {
            switch (ResumeStart.plan(d)) {
                case ResumeStart.Get get -> sendGet(d, get.ranges());
                case ResumeStart.Complete complete -> finishFromDisk(d, complete.sizeBytes(), complete.sha256(), 0);
            }
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
            pending.awaitFirstReply(d);
            List<String> params = new FileCommand.Get(d.name, ranges).toParams();
            chat.send(new IrcMessage(Map.of(), null, params.get(0), params.subList(1, params.size())));
        }
        CompletableFuture.delayedExecutor(FIRST_REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS).execute(() -> {
            if (pending.stopWaiting(d)) {
                fail(d, "The server did not answer GET " + d.name + " within " + FIRST_REPLY_TIMEOUT.toMinutes() + " minutes.", null);
            }
        });
    }

    /** Runs on the disk thread: the server gave us a port and a ticket. */
    void startReceiving(ClientDownload d, FileReply.GetReady ready) {
        try {
            synchronized (d) {
                if (d.cancelled || d.result.isDone()) {
                    return;
                }
            }
            if (ResumeStart.recordContradicts(d, ready.sizeBytes(), ready.sha256())) {
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
                d.handle = udp.receive(channel, ready.ranges().copy(), server, ready.ticket(), new ReceiveEvents(d, this));
            }
            // A record from the first moment: a crash now still finds NAME.part explained.
            PartFiles.persist(d);
        } catch (IOException | RuntimeException e) {
            cancelOnServer(d);
            fail(d, "Cannot receive " + d.name + ": " + e.getMessage(), e);
        }
    }

    private void restartFromScratch(ClientDownload d, long staleId) throws IOException {
        d.listener.onNotice("The file on the server changed since the earlier attempt; downloading it again from the start.");
        chat.send(IrcMessage.of("CANCEL", Long.toString(staleId)));
        pending.forgetId(staleId);
        ResumeStart.forget(d);
        sendGet(d, Optional.empty());
    }

    /** Disk thread: every requested byte arrived. */
    void finishReceived(ClientDownload d, long transferred) {
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
            PartFiles.persist(d);
            PartFiles.closeChannel(d);
            finishFromDisk(d, size, expected, transferred);
        } catch (IOException e) {
            fail(d, "Cannot finish " + d.target + ": " + e.getMessage(), e);
        }
    }

    /** Disk thread: {@code NAME.part} should hold the whole file; check it and move it into place. */
    void finishFromDisk(ClientDownload d, long size, Sha256 expected, long transferred) throws IOException {
        Sha256 actual = PartFiles.trimAndHash(d, size);
        if (!actual.equals(expected)) {
            d.sidecar.delete();
            fail(d, "Checksum mismatch for " + d.name + ": expected SHA-256 " + expected + ", got " + actual
                    + ". " + d.sidecar.partFile().getFileName() + " was kept for inspection; get it again to download it afresh.", null);
            return;
        }
        PartFiles.moveIntoPlace(d);
        // The server's completion line may still be on its way: stay known by id until it came.
        d.completionLine.completeOnTimeout(null, COMPLETION_LINE_GRACE.toMillis(), TimeUnit.MILLISECONDS)
                .thenAccept(line -> {
                    pending.forget(d);
                    d.result.complete(new DownloadResult(d.target, size, actual, transferred, Optional.ofNullable(line)));
                });
    }

    /**
     * Transport thread: has the disk thread hash what is now on disk from the first byte without a
     * gap ({@link PrefixHasher}), unless a step is still waiting there.
     */
    void hashAhead(ClientDownload d) {
        synchronized (d) {
            if (d.hashQueued) {
                return;
            }
            d.hashQueued = true;
        }
        onDisk(() -> PartFiles.hashAhead(d));
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
        onDisk(() -> PartFiles.persist(d));
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

    // ---- helpers ------------------------------------------------------------------------------

    /** Runs disk work in order on the disk thread; after {@link #close} there is none left to do. */
    void onDisk(Runnable work) {
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

    void fail(ClientDownload d, String message, Throwable cause) {
        pending.forget(d);
        d.result.completeExceptionally(new FileClientException(message, cause));
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
            active = pending.known();
        }
        // On the disk thread, in this order: stop the transfers, save what is on disk, close the
        // part files. A save queued by a transfer's own failure then finds its file closed and
        // does nothing, so the record a caller reads after close() is the last one written.
        CompletableFuture<Void> saved = CompletableFuture.runAsync(() -> {
            for (ClientDownload d : active) {
                ReceiveHandle handle;
                synchronized (d) {
                    d.cancelled = true;
                    handle = d.handle;
                }
                if (handle != null) {
                    handle.cancel();
                }
            }
            for (ClientDownload d : active) {
                PartFiles.persist(d);
                PartFiles.closeChannel(d);
            }
        }, disk);
        try {
            saved.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("Could not save every resume record before closing: {}", e.toString());
        }
        for (ClientDownload d : active) {
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
