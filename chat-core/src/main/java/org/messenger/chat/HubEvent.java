package org.messenger.chat;

import java.time.Instant;

/** What the hub tells a {@link Session}. Every event is an immutable value stamped with the hub's clock. */
public sealed interface HubEvent {
    Instant time();

    /** A message to a channel the session's user is in, or to the user itself. */
    record MessageReceived(ChatMessage message) implements HubEvent {
        @Override
        public Instant time() {
            return message.time();
        }
    }

    /** {@code who} joined {@code channel}; also sent to {@code who} itself. */
    record Joined(Instant time, UserRef who, String channel) implements HubEvent {}

    /** {@code who} left {@code channel}; also sent to {@code who} itself. */
    record Parted(Instant time, UserRef who, String channel, String reason) implements HubEvent {}

    /**
     * Other users' JOINs and PARTs in {@code channel}, told together at the end of a
     * {@link PresenceWindow}: the session's user is told {@code events} from index {@code from}
     * on (the ones before it happened before this user joined). The list is shared by every
     * member told the same batch, never changes, and holds only {@link Joined}, {@link Parted} and
     * the {@link Quit} of users who were in this channel alone.
     */
    record PresenceBatch(String channel, java.util.List<HubEvent> events, int from) implements HubEvent {
        public PresenceBatch {
            if (from < 0 || from >= events.size()) {
                throw new IllegalArgumentException("a batch of " + events.size() + " events has nothing from index " + from);
            }
        }

        /** When the first event this user is told happened. */
        @Override
        public Instant time() {
            return events.get(from).time();
        }
    }

    /** {@code who} disconnected; sent once to every user that shared a channel with it. */
    record Quit(Instant time, UserRef who, String reason) implements HubEvent {}

    /** {@code before} is now called {@code newNick}; sent to the user and everyone sharing a channel. */
    record NickChanged(Instant time, UserRef before, String newNick) implements HubEvent {}

    /**
     * {@code who} logged in to {@code account} (null: logged out); sent to the user and everyone
     * sharing a channel (IRCv3 account-notify).
     */
    record AccountChanged(Instant time, UserRef who, String account) implements HubEvent {}

    /** {@code who} set the topic of {@code channel} (empty topic: cleared). */
    record TopicChanged(Instant time, UserRef who, String channel, String topic) implements HubEvent {}

    /** {@code who} changed modes of {@code channel}; {@code changes} as applied, in order. Sent to every member. */
    record ChannelModesChanged(Instant time, UserRef who, String channel, java.util.List<ModeChange> changes) implements HubEvent {
        public ChannelModesChanged {
            changes = java.util.List.copyOf(changes);
        }
    }

    /** {@code who} removed {@code victim} from {@code channel}; sent to every member, the victim included. */
    record Kicked(Instant time, UserRef who, String channel, String victim, String reason) implements HubEvent {}

    /**
     * {@code who} invited {@code invitee} to {@code channel}. Sent to the invitee, and to the
     * channel's operators (IRCv3 invite-notify: an adapter shows it to them only if they asked).
     */
    record Invited(Instant time, UserRef who, String channel, String invitee) implements HubEvent {}

    /** A server operator ({@code who}) disconnects the user this is sent to; the session closes its connection. */
    record Killed(Instant time, UserRef who, String reason) implements HubEvent {}

    /** A server operator's broadcast to users who asked for them (IRC WALLOPS, user mode +w). */
    record Wallops(Instant time, UserRef who, String text) implements HubEvent {}

    /**
     * {@code who} went away with {@code message}, or came back (null); sent to everyone sharing a
     * channel with it (IRCv3 away-notify: an adapter passes it on only to those who asked).
     */
    record AwayChanged(Instant time, UserRef who, String message) implements HubEvent {}

    /** {@code who} changed its real name to {@code realname}; sent to the user and everyone sharing a channel (IRCv3 setname). */
    record RealnameChanged(Instant time, UserRef who, String realname) implements HubEvent {}

    /**
     * The user {@code before} now has the user name and host of {@code after}; sent to the user
     * and to everyone sharing a channel with it, each with the channels they share and the user's
     * status in each ({@code shared}), so that an adapter can show the change as a QUIT and JOINs
     * to clients that do not understand it (IRCv3 chghost's fallback).
     */
    /** {@code awayMessage}: the user's away message, or null when present (clients that see a quit and a join need it again). */
    record HostChanged(Instant time, UserRef before, UserRef after, java.util.List<ChannelMembership> shared, String awayMessage)
            implements HubEvent {
        public HostChanged {
            shared = java.util.List.copyOf(shared);
        }
    }
}
