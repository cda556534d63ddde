package org.messenger.files.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import org.messenger.files.catalogue.SharedFile;
import org.messenger.files.download.CompletionMessage;
import org.messenger.files.download.DownloadState;
import org.messenger.files.protocol.FileReply;
import org.messenger.transport.TransferException;
import org.messenger.transport.TransferListener;
import org.messenger.transport.TransferStats;
import org.messenger.transport.packet.CloseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transport callbacks for one download: they run on the port's I/O thread, so they only record
 * the state, send replies and hand the ending to the runner's control thread; they never block.
 */
final class TransferEvents implements TransferListener {
    private static final Logger log = LoggerFactory.getLogger(TransferEvents.class);

    private final ServerDownload d;
    private final DownloadRunner runner;

    TransferEvents(ServerDownload d, DownloadRunner runner) {
        this.d = d;
        this.runner = runner;
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
        runner.onControl(() -> {
            FileReplies.send(d.client, new FileReply.DownloadDone(d.id, lastByteOf(d.file), d.file.sizeBytes(), d.file.name()));
            log.info("{} downloaded {} ({} bytes)", d.client.nick(), d.file.name(), d.ranges.totalBytes());
            runner.endQuietly(d);
        });
    }

    @Override
    public void onFailed(TransferException error, TransferStats stats) {
        String why;
        synchronized (d) {
            if (d.state.state().isFinal()) {
                runner.onControl(() -> runner.endQuietly(d));
                return;
            }
            why = describe(error);
            d.state = d.state.fail(why);
        }
        sendFailed(d, "Download " + d.id + " of " + d.file.name() + " failed: " + why);
        runner.onControl(() -> runner.endQuietly(d));
    }

    private static String describe(TransferException error) {
        return switch (error.code()) {
            case CloseCode.IDLE_TIMEOUT -> "the client stopped answering on UDP";
            case CloseCode.CANCELLED -> "the client cancelled it";
            case CloseCode.SHUTDOWN -> error.byPeer() ? "the client shut its transfer socket" : "the server is shutting down";
            default -> error.getMessage();
        };
    }

    static void sendFailed(ServerDownload d, String text) {
        FileReplies.send(d.client, new FileReply.DownloadFailed(d.id, d.file.name(), text));
    }

    /** The file's real last byte for the completion line, -1 when it is empty or unreadable. */
    static int lastByteOf(SharedFile file) {
        try (FileChannel channel = FileChannel.open(file.realPath())) {
            return CompletionMessage.lastByteOf(channel);
        } catch (IOException e) {
            log.warn("Cannot read the last byte of {}", file.name(), e);
            return -1;
        }
    }
}
