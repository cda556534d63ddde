package org.messenger.files.server;

import java.nio.channels.FileChannel;
import org.messenger.files.catalogue.SharedFile;
import org.messenger.files.download.Download;
import org.messenger.files.download.DownloadState;
import org.messenger.files.resume.RangeSet;
import org.messenger.irc.server.IrcClient;
import org.messenger.transport.TransferHandle;

/**
 * One download on the server: the {@link Download} value plus what it uses (the open file, the
 * transport's handle). Guarded by its own monitor; replies are sent outside it.
 */
final class ServerDownload {
    final long id;
    final IrcClient client;
    final String clientKey;
    final SharedFile file;
    final RangeSet ranges;

    Download state;
    FileChannel channel;
    TransferHandle handle;
    /** PAUSE holds the server's sender; RESUME lets it go. */
    boolean pausedByCommand;
    /** The receiver withholds credit (the transport told us); only it can undo that. */
    boolean pausedByReceiver;
    /** Set once the port hold and the file were given back; ending twice does nothing. */
    boolean ended;

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

    ServerDownload(long id, IrcClient client, String clientKey, SharedFile file, RangeSet ranges, Download state) {
        this.id = id;
        this.client = client;
        this.clientKey = clientKey;
        this.file = file;
        this.ranges = ranges;
        this.state = state;
    }
}
