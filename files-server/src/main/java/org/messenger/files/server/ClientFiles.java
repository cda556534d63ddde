package org.messenger.files.server;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One registered client's part of the file service: the key its port lease goes by and its
 * downloads by id, oldest first. Only {@link DownloadControl}'s thread reads or writes it.
 */
final class ClientFiles {
    final String key;
    final Map<Long, ServerDownload> downloads = new LinkedHashMap<>();
    /** Set when the client disconnected: work still in flight for it is dropped. */
    boolean gone;

    ClientFiles(String key) {
        this.key = key;
    }

    /** Adds {@code d}, forgetting the oldest finished downloads beyond {@code finishedKept}. */
    void remember(ServerDownload d, int finishedKept) {
        downloads.put(d.id, d);
        int finished = 0;
        for (ServerDownload other : downloads.values()) {
            if (other.ended) {
                finished++;
            }
        }
        for (Iterator<ServerDownload> it = downloads.values().iterator(); it.hasNext() && finished > finishedKept; ) {
            if (it.next().ended) {
                it.remove();
                finished--;
            }
        }
    }

    /** Downloads that have not ended: looked up, waiting for a port, offered, running or paused. */
    int live() {
        int live = 0;
        for (ServerDownload d : downloads.values()) {
            if (!d.ended) {
                live++;
            }
        }
        return live;
    }
}
