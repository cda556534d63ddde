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
}
