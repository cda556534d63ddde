package org.messenger.chat;

/**
 * The channel modes the hub enforces, by meaning rather than by letter (the IRC adapter maps
 * them to {@code b i k l m n s t o v}; https://modern.ircdocs.horse/#channel-modes).
 */
public enum ChannelMode {
    /** A list of {@code nick!user@host} masks that may not join, nor speak unless voiced. Argument: the mask. */
    BAN(true, true),
    /** Only invited users may join. */
    INVITE_ONLY(false, false),
    /**
     * Joining needs this key. Argument: the key, set or unset: RFC 2812 and every server take
     * {@code -k key}, so the argument is used up (its value does not matter when unsetting).
     */
    KEY(true, true),
    /** At most this many members. Argument: the number (when set). */
    LIMIT(true, false),
    /** Only operators and voiced members may speak. */
    MODERATED(false, false),
    /** Only members may send to the channel. */
    NO_EXTERNAL_MESSAGES(false, false),
    /** Hidden from LIST, NAMES, WHO and WHOIS of non-members. */
    SECRET(false, false),
    /** Only users logged in to an account may join (InspIRCd's and Ergo's +R); an invite lets anyone in once. */
    REGISTERED_ONLY(false, false),
    /** Only operators may change the topic. */
    TOPIC_LOCK(false, false),
    /** Channel operator status of a member. Argument: the member's nick. */
    OPERATOR(true, true),
    /** Voice (may speak under {@link #MODERATED}) of a member. Argument: the member's nick. */
    VOICE(true, true);

    private final boolean argumentWhenSet;
    private final boolean argumentWhenUnset;

    ChannelMode(boolean argumentWhenSet, boolean argumentWhenUnset) {
        this.argumentWhenSet = argumentWhenSet;
        this.argumentWhenUnset = argumentWhenUnset;
    }

    /** True when setting ({@code adding}) or unsetting this mode takes an argument. */
    public boolean takesArgument(boolean adding) {
        return adding ? argumentWhenSet : argumentWhenUnset;
    }
}
