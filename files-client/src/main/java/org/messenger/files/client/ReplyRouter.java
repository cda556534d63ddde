package org.messenger.files.client;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.messenger.client.ChatEvent;
import org.messenger.files.catalogue.Sha256;
import org.messenger.files.protocol.FileReply;
import org.messenger.irc.codec.IrcMessage;
import org.messenger.irc.codec.Numeric;
import org.messenger.transport.ReceiveHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the file client does with each file reply from the server (docs/files.md) and with the
 * chat connection closing: listings go to {@link Listings}, download replies to the download they
 * are about ({@link PendingDownloads} finds it), whose next step the {@link FileClient} runs.
 */
final class ReplyRouter {
    private static final Logger log = LoggerFactory.getLogger(ReplyRouter.class);

    private final FileClient client;
    private final PendingDownloads pending;
    private final Listings listings;

    ReplyRouter(FileClient client, PendingDownloads pending, Listings listings) {
        this.client = client;
        this.pending = pending;
        this.listings = listings;
    }

    void onServerMessage(IrcMessage message) {
        Numeric numeric = message.numeric();
        if (numeric == null) {
            return;
        }
        Optional<FileReply> parsed;
        try {
            parsed = FileReply.parse(numeric, message.params());
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring a malformed file reply {}: {}", message, e.getMessage());
            return;
        }
        parsed.ifPresent(reply -> onReply(reply, message.lastParam()));
    }

    private void onReply(FileReply reply, String text) {
        switch (reply) {
            case FileReply.FileEntry entry -> listings.onFile(entry);
            case FileReply.EndOfFiles end -> listings.onEndOfFiles();
            case FileReply.DownloadEntry entry -> listings.onDownload(entry);
            case FileReply.EndOfDownloads end -> listings.onEndOfDownloads();
            case FileReply.GetQueued queued -> {
                ClientDownload d = pending.claim(queued.id(), queued.name());
                if (d != null) {
                    d.listener.onNotice(queued.ahead() == 0
                            ? "Waiting for a free transfer port; you are next."
                            : "Waiting for a free transfer port, " + queued.ahead() + " ahead.");
                }
            }
            case FileReply.GetReady ready -> {
                ClientDownload d = pending.claim(ready.id(), ready.name());
                if (d != null) {
                    client.onDisk(() -> client.startReceiving(d, ready));
                }
            }
            case FileReply.DownloadDone done -> {
                ClientDownload d = pending.claim(done.id(), done.name());
                if (d != null) {
                    d.completionLine.complete(text);
                    boolean neverStarted;
                    synchronized (d) {
                        neverStarted = d.handle == null && d.sizeBytes < 0;
                    }
                    if (neverStarted && done.sizeBytes() == 0) {
                        // An empty file: the server had nothing to send.
                        client.onDisk(() -> {
                            try {
                                client.finishFromDisk(d, 0, EMPTY_SHA256, 0);
                            } catch (IOException e) {
                                client.fail(d, "Cannot write " + d.target + ": " + e.getMessage(), e);
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
            case FileReply.TooManyDownloads tooMany -> failFirstWaiting(tooMany.name(), text);
            case FileReply.NeedMoreParams need -> failFirstWaiting(null, need.message());
            case FileReply.FilesUnavailable unavailable -> {
                if (!listings.failOldestFiles(unavailable.message())) {
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

    private void failFirstWaiting(String name, String message) {
        ClientDownload d = pending.takeFirstWaiting(name);
        if (d != null) {
            client.fail(d, message, null);
        }
    }

    private void failById(long id, String message) {
        ClientDownload failed = pending.takeById(id);
        if (failed != null) {
            client.onDisk(() -> {
                PartFiles.persist(failed);
                PartFiles.closeChannel(failed);
                ReceiveHandle handle;
                synchronized (failed) {
                    handle = failed.handle;
                }
                if (handle != null) {
                    handle.cancel();
                }
                client.fail(failed, message, null);
            });
        }
    }

    private void notice(long id, String text) {
        ClientDownload d = pending.get(id);
        if (d != null) {
            d.listener.onNotice(text);
        }
    }

    void onChatEvent(ChatEvent event) {
        if (event instanceof ChatEvent.Disconnected gone) {
            List<ClientDownload> active = pending.takeAll();
            listings.failAllFiles("The chat connection closed: " + gone.reason());
            for (ClientDownload d : active) {
                client.onDisk(() -> {
                    PartFiles.persist(d);
                    PartFiles.closeChannel(d);
                    client.fail(d, "The chat connection to the server closed (" + gone.reason()
                            + "). What arrived is kept; get the file again to continue.", null);
                });
            }
        }
    }
}
