package org.messenger.files.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Which download a reply is about. A GET's first reply is matched by file name to the oldest GET
 * still waiting for that name (the server answers GETs in the order it has hashed the files, not
 * in the order they were asked); from then on the download is known by the server's id.
 */
final class PendingDownloads {
    private final Deque<ClientDownload> awaitingFirstReply = new ArrayDeque<>();
    private final Map<Long, ClientDownload> byId = new HashMap<>();

    synchronized void awaitFirstReply(ClientDownload d) {
        awaitingFirstReply.add(d);
    }

    /** True when {@code d} was still waiting for its first reply (and now no longer is). */
    synchronized boolean stopWaiting(ClientDownload d) {
        return awaitingFirstReply.remove(d);
    }

    /** Known by id, else the oldest GET still waiting for this name, which from now on goes by {@code id}. */
    synchronized ClientDownload claim(long id, String name) {
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

    /** Removes and returns the oldest GET waiting for {@code name} (any name when null), or null. */
    synchronized ClientDownload takeFirstWaiting(String name) {
        for (Iterator<ClientDownload> it = awaitingFirstReply.iterator(); it.hasNext(); ) {
            ClientDownload waiting = it.next();
            if (name == null || waiting.name.equals(name)) {
                it.remove();
                return waiting;
            }
        }
        return null;
    }

    synchronized ClientDownload takeById(long id) {
        return byId.remove(id);
    }

    synchronized ClientDownload get(long id) {
        return byId.get(id);
    }

    synchronized void forgetId(long id) {
        byId.remove(id);
    }

    synchronized void forget(ClientDownload d) {
        byId.values().remove(d);
        awaitingFirstReply.remove(d);
    }

    /** The downloads the server has answered, still known. */
    synchronized List<ClientDownload> known() {
        return new ArrayList<>(byId.values());
    }

    /** Every download, answered or waiting, removed. */
    synchronized List<ClientDownload> takeAll() {
        List<ClientDownload> all = new ArrayList<>(byId.values());
        all.addAll(awaitingFirstReply);
        byId.clear();
        awaitingFirstReply.clear();
        return all;
    }
}
