package org.messenger.chat;

/**
 * An immutable picture of a user at the moment of an event: IRC builds its {@code nick!user@host}
 * source from it. Later nick changes do not alter an event already sent.
 *
 * @param account the account the user was logged in to, or null
 * @param realname the user's real name ("gecos"), or null when not known (history read back)
 */
public record UserRef(String nick, String username, String host, String account, String realname) {
    public UserRef(String nick, String username, String host) {
        this(nick, username, host, null, null);
    }
}
