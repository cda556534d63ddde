package org.messenger.chat;

/**
 * An immutable picture of a user at the moment of an event: IRC builds its {@code nick!user@host}
 * source from it. Later nick changes do not alter an event already sent.
 */
public record UserRef(String nick, String username, String host) {}
