package org.messenger.irc.server;

import java.util.Optional;

/**
 * The IRCv3 capabilities this server offers in {@code CAP LS}
 * (https://ircv3.net/specs/extensions/capability-negotiation).
 */
enum Capability {
    /** https://ircv3.net/specs/extensions/account-notify: ACCOUNT when someone sharing a channel logs in or out. */
    ACCOUNT_NOTIFY("account-notify", null),
    /** https://ircv3.net/specs/extensions/account-tag: {@code @account=} on messages from logged-in users. */
    ACCOUNT_TAG("account-tag", null),
    /**
     * https://ircv3.net/specs/extensions/account-registration: REGISTER, also before connection
     * registration completes; the account is the nick it owns, so no custom-account-name.
     */
    ACCOUNT_REGISTRATION("draft/account-registration", "before-connect"),
    /** https://ircv3.net/specs/extensions/away-notify: AWAY changes of users sharing a channel. */
    AWAY_NOTIFY("away-notify", null),
    /** https://ircv3.net/specs/extensions/batch: related lines (history playback) come inside BATCH +id / -id. */
    BATCH("batch", null),
    /**
     * https://ircv3.net/specs/extensions/capability-negotiation#cap-notify: CAP NEW/DEL when the
     * offer changes. Ours never changes while the server runs, so nothing is ever sent; implied by LS 302.
     */
    CAP_NOTIFY("cap-notify", null),
    /**
     * https://ircv3.net/specs/extensions/chghost: {@code CHGHOST user host} when someone sharing
     * a channel (or the client itself) gets a new user name or host (an operator's CHGHOST or
     * CHGIDENT); others see a QUIT and JOINs instead.
     */
    CHGHOST("chghost", null),
    /** https://ircv3.net/specs/extensions/chathistory: CHATHISTORY replays stored messages in a batch. */
    CHATHISTORY("draft/chathistory", null),
    /** https://ircv3.net/specs/extensions/echo-message: the sender gets its own PRIVMSG/NOTICE back. */
    ECHO_MESSAGE("echo-message", null),
    /** https://ircv3.net/specs/extensions/extended-join: JOIN carries the account and real name. */
    EXTENDED_JOIN("extended-join", null),
    /** https://ircv3.net/specs/extensions/invite-notify: channel operators see the INVITEs of their channels. */
    INVITE_NOTIFY("invite-notify", null),
    /**
     * https://ircv3.net/specs/extensions/labeled-response: the answer to a command sent with a
     * {@code label} tag carries it (ACK, one line, or a labeled-response batch). Needs batch.
     */
    LABELED_RESPONSE("labeled-response", null),
    /** https://ircv3.net/specs/extensions/message-tags: client-only {@code +tags} are relayed. */
    MESSAGE_TAGS("message-tags", null),
    /** https://ircv3.net/specs/extensions/multi-prefix: every prefix of a member ("@+") in NAMES and WHO, not only the highest. */
    MULTI_PREFIX("multi-prefix", null),
    /** https://ircv3.net/specs/extensions/sasl-3.2: AUTHENTICATE with these mechanisms. */
    SASL("sasl", "PLAIN,SCRAM-SHA-256"),
    /** https://ircv3.net/specs/extensions/setname: SETNAME changes the real name, and users sharing a channel are told. */
    SETNAME("setname", null),
    /** https://ircv3.net/specs/extensions/server-time: {@code @time=} on relayed events. */
    SERVER_TIME("server-time", null),
    /** https://ircv3.net/specs/extensions/userhost-in-names: NAMES lists {@code nick!user@host}. */
    USERHOST_IN_NAMES("userhost-in-names", null);

    private final String wireName;
    private final String value;

    Capability(String wireName, String value) {
        this.wireName = wireName;
        this.value = value;
    }

    String wireName() {
        return wireName;
    }

    /** What CAP LS 302 shows: {@code name=value} for capabilities with a value. */
    String withValue() {
        return value == null ? wireName : wireName + "=" + value;
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
