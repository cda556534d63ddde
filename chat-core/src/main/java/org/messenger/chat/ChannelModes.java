package org.messenger.chat;

/**
 * The flag and parameter modes of a channel at one moment.
 *
 * @param key the join key, or null when none
 * @param limit the member limit, or 0 when none
 */
public record ChannelModes(boolean inviteOnly, String key, int limit, boolean moderated, boolean noExternalMessages,
        boolean secret, boolean topicLocked, boolean registeredOnly) {

    /** New channels and the lobby: only members may send (+n), only operators change the topic (+t), as InspIRCd and Ergo default. */
    public static final ChannelModes DEFAULT = new ChannelModes(false, null, 0, false, true, false, true, false);
}
