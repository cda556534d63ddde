package org.messenger.client;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Something that happened on the chat connection, as seen by this client.
 *
 * <p>Events are immutable values delivered to {@link ChatListener}s on the client's event thread
 * (see {@link ChatClient}). {@code time} is the server's timestamp when it sent the IRCv3
 * {@code server-time} tag, else the moment the line arrived.
 */
public sealed interface ChatEvent {
    Instant time();

    /** The server welcomed us (RPL_WELCOME): {@code nick} is ours; {@code capabilities} are the IRCv3 ones enabled. */
    record Connected(Instant time, String nick, String serverName, Set<String> capabilities)
            implements ChatEvent {
        public Connected {
            capabilities = Set.copyOf(capabilities);
        }
    }

    /** The server's message of the day (RPL_MOTD lines, RFC 2812 §3.4.1), sent once after the welcome. */
    record MessageOfTheDay(Instant time, List<String> lines) implements ChatEvent {
        public MessageOfTheDay {
            lines = List.copyOf(lines);
        }
    }

    /** A message sent to a channel we are in, normally the lobby. {@code action} marks a /me. */
    record LobbyMessage(Instant time, String from, String channel, String text, boolean action) implements ChatEvent {}

    /** A message sent to our nick alone. {@code action} marks a /me. */
    record PrivateMessage(Instant time, String from, String text, boolean action) implements ChatEvent {}

    /** A NOTICE, from a user or from the server ({@code from} is then the server name, or null). */
    record Notice(Instant time, String from, String target, String text) implements ChatEvent {}

    /** Someone joined a channel; {@code you} is true when it is our own join. */
    record UserJoined(Instant time, String nick, String channel, boolean you) implements ChatEvent {}

    /** Someone left: a PART of {@code channel}, or a QUIT of the whole server ({@code channel} null). */
    record UserLeft(Instant time, String nick, String channel, Departure how, String reason) implements ChatEvent {}

    enum Departure { PART, QUIT }

    /** A nick change; {@code you} is true when it is ours. */
    record NickChanged(Instant time, String oldNick, String newNick, boolean you) implements ChatEvent {}

    /**
     * The complete user list of a channel, after the server sent it (NAMES). Sorted,
     * case-insensitively; {@code members} are the same people in the same order, with their
     * prefixes ({@code @} operator, {@code +} voiced) and away state.
     */
    record UsersListed(Instant time, String channel, List<String> users, List<Member> members) implements ChatEvent {
        public UsersListed {
            users = List.copyOf(users);
            members = List.copyOf(members);
        }

        /** A list of nicks without prefixes or away state. */
        public UsersListed(Instant time, String channel, List<String> users) {
            this(time, channel, users, users.stream().map(Member::of).toList());
        }
    }

    /**
     * Someone's prefixes or away state in {@code channel} changed, or someone came or went: {@code
     * members} is the whole list as it is now, sorted as in {@link UsersListed}. Follows the event
     * that says what happened (a join, a MODE, an AWAY).
     */
    record MembersChanged(Instant time, String channel, List<Member> members) implements ChatEvent {
        public MembersChanged {
            members = List.copyOf(members);
        }
    }

    /**
     * A MODE change ({@code modes}: the mode string and its arguments, e.g. {@code [+o, bob]}) made
     * by {@code by} on a channel or a nick ({@code target}).
     */
    record ModeChanged(Instant time, String by, String target, List<String> modes) implements ChatEvent {
        public ModeChanged {
            modes = List.copyOf(modes);
        }
    }

    /**
     * {@code nick} went away with {@code message} (empty when the server did not say why), or came
     * back ({@code message} null). From IRCv3 away-notify, or the server's 301 answer to a message
     * or WHOIS ({@code reply} true: said each time, not a change).
     */
    record AwayChanged(Instant time, String nick, String message, boolean reply) implements ChatEvent {
        public boolean away() {
            return message != null;
        }
    }

    /**
     * Earlier lines of a conversation (a channel, or the nick of a private partner), oldest first,
     * loaded with IRCv3 CHATHISTORY when it opened. Comes before any live message of that
     * conversation that arrived while it loaded; lines already shown (same msgid) are left out.
     */
    record HistoryLoaded(Instant time, String conversation, List<HistoryLine> lines) implements ChatEvent {
        public HistoryLoaded {
            lines = List.copyOf(lines);
        }
    }

    /** One line of history: when it was said (the server's time), by whom, and its msgid (null when the server gave none). */
    record HistoryLine(Instant time, String from, String text, boolean action, boolean notice, String msgid) {}

    /** An error reply of the server that no pending request claimed, e.g. a 401 after a plain send. */
    record ServerError(Instant time, String code, String text) implements ChatEvent {}

    /** The connection is closed. {@code requested} is true when this client asked to leave. The last event. */
    record Disconnected(Instant time, String reason, boolean requested) implements ChatEvent {}
}
