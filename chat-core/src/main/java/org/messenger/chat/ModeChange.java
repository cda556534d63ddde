package org.messenger.chat;

/**
 * One channel mode set or unset, with its argument (a mask, key, limit or nick; null when the
 * mode takes none). As applied by the hub, the argument is the normalised one (the ban mask
 * completed to {@code nick!user@host}, the member's nick as it is spelled).
 */
public record ModeChange(boolean adding, ChannelMode mode, String argument) {
    public static ModeChange set(ChannelMode mode, String argument) {
        return new ModeChange(true, mode, argument);
    }

    public static ModeChange unset(ChannelMode mode, String argument) {
        return new ModeChange(false, mode, argument);
    }
}
