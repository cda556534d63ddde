package org.messenger.files.server;

import org.messenger.files.catalogue.OpenedFile;
import org.messenger.files.download.Download;
import org.messenger.files.download.DownloadState;
import org.messenger.irc.server.IrcClient;
import org.messenger.transport.ByteRanges;
import org.messenger.transport.TransferHandle;

/**
 * One download on the server: the {@link Download} value plus what it uses (the open file, the
 * transport's handle). Only {@link DownloadControl}'s thread reads or writes it.
 */
final class ServerDownload {
    final long id;
    final IrcClient client;
    final ClientFiles owner;
    /** The name as the GET asked for it, until the file is open. */
    final String requestedName;

    /** Null while the file is being looked up and opened (not listed yet, but counted against the client's limit). */
    Download state;
    /** The file, open once for this download; null before it is open and after it ended. */
    OpenedFile file;
    /** What the transport reads {@link #file} through; remembers the last byte sent. */
    SentLastByte sending;
    ByteRanges ranges;
    TransferHandle handle;
    /** When an offered download is withdrawn if the client has not started it (HANDSHAKE only). */
    long offerDeadlineNanos = Long.MAX_VALUE;
    /** PAUSE holds the server's sender; RESUME lets it go. */
    boolean pausedByCommand;
    /** The receiver withholds credit (the transport told us); only it can undo that. */
    boolean pausedByReceiver;
    /** Set once the port hold and the file were given back; ending twice does nothing. */
    boolean ended;

    ServerDownload(long id, IrcClient client, ClientFiles owner, String requestedName) {
        this.id = id;
        this.client = client;
        this.owner = owner;
        this.requestedName = requestedName;
    }

    /** The shared file's name for replies: as opened, or as asked for before that. */
    String fileName() {
        return state == null ? requestedName : state.fileName();
    }

    /**
     * The state word follows whoever holds the data: a PAUSE and the receiver's own pause are
     * independent, and the download transfers again only when neither holds it.
     */
    void settlePause() {
        boolean held = pausedByCommand || pausedByReceiver;
        if (held && state.state() == DownloadState.TRANSFERRING) {
            state = state.pause();
        } else if (!held && state.state() == DownloadState.PAUSED) {
            state = state.resume();
        }
    }
}
