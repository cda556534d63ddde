package org.messenger.gui.chat;

import java.time.Instant;

/**
 * One line of a conversation, as the view shows it. {@code from} is null for notices without a
 * sender; {@code history} marks a line said before this session, loaded from the server.
 */
public record ChatLine(Instant time, Kind kind, String from, String text, boolean history) {
    /** A line of this session. */
    public ChatLine(Instant time, Kind kind, String from, String text) {
        this(time, kind, from, text, false);
    }

    public enum Kind {
        /** Someone else said something. */
        MESSAGE,
        /** We said something. */
        OWN_MESSAGE,
        /** A "/me" action, ours or someone's. */
        ACTION,
        /** Joins, leaves, nick changes, server notices. */
        NOTICE,
        /** Something went wrong, e.g. the recipient is not online. */
        ERROR,
    }
}
