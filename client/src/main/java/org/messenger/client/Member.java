package org.messenger.client;

import java.util.Objects;

/**
 * Someone in a channel as this client knows them: the nick, the membership prefixes the server
 * gave them ({@code @} channel operator, {@code +} voiced; highest first, several with IRCv3
 * {@code multi-prefix}) and whether they are away.
 *
 * @param nick         the nick as the server spells it
 * @param prefixes     membership prefixes, highest first (e.g. {@code "@+"}), empty for none
 * @param awayMessage  null when present; the away text when away (empty when the server said "away"
 *                     without the text, as a WHO reply does)
 */
public record Member(String nick, String prefixes, String awayMessage) {
    public Member {
        Objects.requireNonNull(nick, "nick");
        prefixes = prefixes == null ? "" : prefixes;
    }

    public static Member of(String nick) {
        return new Member(nick, "", null);
    }

    public boolean isAway() {
        return awayMessage != null;
    }

    /** A channel operator ({@code @}, or a higher rank such as {@code ~} or {@code &} on servers that have them). */
    public boolean isOperator() {
        return prefixes.indexOf('@') >= 0 || prefixes.indexOf('~') >= 0 || prefixes.indexOf('&') >= 0;
    }

    public boolean isVoiced() {
        return prefixes.indexOf('+') >= 0;
    }

    /** The highest prefix (what clients show before the nick), or empty. */
    public String highestPrefix() {
        return prefixes.isEmpty() ? "" : prefixes.substring(0, 1);
    }

    /** The nick as user lists show it: {@code @alice}, {@code +bob}, {@code carol}. */
    public String displayName() {
        return highestPrefix() + nick;
    }

    Member withPrefixes(String newPrefixes) {
        return new Member(nick, newPrefixes, awayMessage);
    }

    Member withAway(String message) {
        return new Member(nick, prefixes, message);
    }

    Member withNick(String newNick) {
        return new Member(newNick, prefixes, awayMessage);
    }
}
