package org.messenger.client;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nicks in the lobby, kept current from NAMES replies and JOIN/PART/QUIT/NICK.
 * Changed only on the network thread; {@link #snapshot()} may be read from any thread.
 */
final class UserList {
    private final ServerFeatures features;
    private final Map<String, String> byFoldedNick = new LinkedHashMap<>();
    private final List<String> incomingNames = new ArrayList<>();
    private volatile List<String> snapshot = List.of();

    UserList(ServerFeatures features) {
        this.features = features;
    }

    List<String> snapshot() {
        return snapshot;
    }

    /** One RPL_NAMREPLY line; the list is replaced when RPL_ENDOFNAMES arrives. */
    void namesPart(String spaceSeparatedNames) {
        for (String name : spaceSeparatedNames.split(" ")) {
            String nick = features.stripPrefixes(name);
            if (!nick.isEmpty()) {
                incomingNames.add(nick);
            }
        }
    }

    void namesEnd() {
        byFoldedNick.clear();
        for (String nick : incomingNames) {
            byFoldedNick.put(features.caseMapping().fold(nick), nick);
        }
        incomingNames.clear();
        publish();
    }

    void add(String nick) {
        byFoldedNick.put(features.caseMapping().fold(nick), nick);
        publish();
    }

    boolean remove(String nick) {
        boolean removed = byFoldedNick.remove(features.caseMapping().fold(nick)) != null;
        publish();
        return removed;
    }

    void rename(String oldNick, String newNick) {
        if (byFoldedNick.remove(features.caseMapping().fold(oldNick)) != null) {
            byFoldedNick.put(features.caseMapping().fold(newNick), newNick);
            publish();
        }
    }

    void clear() {
        byFoldedNick.clear();
        incomingNames.clear();
        publish();
    }

    private void publish() {
        List<String> sorted = new ArrayList<>(byFoldedNick.values());
        sorted.sort(Comparator.comparing((String n) -> n.toLowerCase(java.util.Locale.ROOT)).thenComparing(n -> n));
        snapshot = List.copyOf(sorted);
    }
}
