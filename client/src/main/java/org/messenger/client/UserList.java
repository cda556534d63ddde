package org.messenger.client;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The members of the lobby with their prefixes and away state, kept current from NAMES replies,
 * JOIN/PART/KICK/QUIT/NICK, MODE +o/+v/-o/-v, AWAY (IRCv3 away-notify) and WHO replies.
 * Changed only on the network thread; {@link #snapshot()} and {@link #members()} may be read from any thread.
 */
final class UserList {
    private static final Comparator<String> BY_NICK =
            Comparator.comparing((String n) -> n.toLowerCase(Locale.ROOT)).thenComparing(n -> n);

    private final ServerFeatures features;
    private final Map<String, Member> byFoldedNick = new LinkedHashMap<>();
    private final List<Member> incomingNames = new ArrayList<>();
    private volatile List<String> snapshot = List.of();
    private volatile List<Member> members = List.of();

    UserList(ServerFeatures features) {
        this.features = features;
    }

    /** The nicks, sorted case-insensitively. */
    List<String> snapshot() {
        return snapshot;
    }

    /** The members, in the order of {@link #snapshot()}. */
    List<Member> members() {
        return members;
    }

    /** One RPL_NAMREPLY line; the list is replaced when RPL_ENDOFNAMES arrives. */
    void namesPart(String spaceSeparatedNames) {
        for (String name : spaceSeparatedNames.split(" ")) {
            String prefixes = features.prefixesOf(name);
            String nick = name.substring(prefixes.length());
            int bang = nick.indexOf('!');
            if (bang >= 0) { // userhost-in-names: nick!user@host
                nick = nick.substring(0, bang);
            }
            if (!nick.isEmpty()) {
                incomingNames.add(new Member(nick, prefixes, null));
            }
        }
    }

    /** NAMES does not say who is away: what we knew of those still here is kept. */
    void namesEnd() {
        Map<String, Member> before = new HashMap<>(byFoldedNick);
        byFoldedNick.clear();
        for (Member named : incomingNames) {
            String folded = fold(named.nick());
            Member known = before.get(folded);
            byFoldedNick.put(folded, known == null ? named : named.withAway(known.awayMessage()));
        }
        incomingNames.clear();
        publish();
    }

    void add(String nick) {
        byFoldedNick.put(fold(nick), Member.of(nick));
        publish();
    }

    boolean remove(String nick) {
        boolean removed = byFoldedNick.remove(fold(nick)) != null;
        publish();
        return removed;
    }

    void rename(String oldNick, String newNick) {
        Member member = byFoldedNick.remove(fold(oldNick));
        if (member != null) {
            byFoldedNick.put(fold(newNick), member.withNick(newNick));
            publish();
        }
    }

    /** A MODE +o/-o/+v/-v on the lobby; false when the nick is not a member. */
    boolean setPrefix(String nick, char prefix, boolean adding) {
        Member member = byFoldedNick.get(fold(nick));
        if (member == null) {
            return false;
        }
        byFoldedNick.put(fold(nick), member.withPrefixes(features.applyPrefix(member.prefixes(), prefix, adding)));
        publish();
        return true;
    }

    /** Away ({@code message} non-null, maybe empty when unknown) or back (null); false when the nick is not a member. */
    boolean setAway(String nick, String message) {
        Member member = byFoldedNick.get(fold(nick));
        if (member == null) {
            return false;
        }
        byFoldedNick.put(fold(nick), member.withAway(message));
        publish();
        return true;
    }

    /** What we know of {@code nick}'s away message, or null when present or unknown. */
    String awayMessage(String nick) {
        Member member = byFoldedNick.get(fold(nick));
        return member == null ? null : member.awayMessage();
    }

    void clear() {
        byFoldedNick.clear();
        incomingNames.clear();
        publish();
    }

    private String fold(String nick) {
        return features.caseMapping().fold(nick);
    }

    private void publish() {
        List<Member> sorted = new ArrayList<>(byFoldedNick.values());
        sorted.sort(Comparator.comparing(Member::nick, BY_NICK));
        members = List.copyOf(sorted);
        snapshot = sorted.stream().map(Member::nick).toList();
    }
}
