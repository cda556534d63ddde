package org.messenger.irc.server;

import java.util.Optional;

/**
 * The IRCv3 capabilities this server offers in {@code CAP LS}
 * (https://ircv3.net/specs/extensions/capability-negotiation).
 */
enum Capability {
    /** https://ircv3.net/specs/extensions/away-notify: AWAY changes of users sharing a channel. */
    AWAY_NOTIFY("away-notify"),
    /** https://ircv3.net/specs/extensions/batch: related lines (history playback) come inside BATCH +id / -id. */
    BATCH("batch"),
    /**
     * https://ircv3.net/specs/extensions/capability-negotiation#cap-notify: CAP NEW/DEL when the
     * offer changes. Ours never changes while the server runs, so nothing is ever sent; implied by LS 302.
     */
    CAP_NOTIFY("cap-notify"),
    /** https://ircv3.net/specs/extensions/chathistory: CHATHISTORY replays stored messages in a batch. */
    CHATHISTORY("draft/chathistory"),
    /** https://ircv3.net/specs/extensions/echo-message: the sender gets its own PRIVMSG/NOTICE back. */
    ECHO_MESSAGE("echo-message"),
    /** https://ircv3.net/specs/extensions/invite-notify: channel operators see the INVITEs of their channels. */
    INVITE_NOTIFY("invite-notify"),
    /** https://ircv3.net/specs/extensions/message-tags: client-only {@code +tags} are relayed. */
    MESSAGE_TAGS("message-tags"),
    /** https://ircv3.net/specs/extensions/multi-prefix: every prefix of a member ("@+") in NAMES and WHO, not only the highest. */
    MULTI_PREFIX("multi-prefix"),
    /** https://ircv3.net/specs/extensions/server-time: {@code @time=} on relayed events. */
    SERVER_TIME("server-time"),
    /** https://ircv3.net/specs/extensions/userhost-in-names: NAMES lists {@code nick!user@host}. */
    USERHOST_IN_NAMES("userhost-in-names");

    private final String wireName;

    Capability(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    static Optional<Capability> byName(String name) {
        for (Capability c : values()) {
            if (c.wireName.equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
