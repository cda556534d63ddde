package org.messenger.chat;

/**
 * Ban masks, {@code nick!user@host} with wildcards (https://modern.ircdocs.horse/#ban-channel-mode).
 * A partial mask is completed the way InspIRCd and Ergo do: {@code nick} becomes
 * {@code nick!*@*}, {@code user@host} becomes {@code *!user@host}, {@code nick!user} becomes
 * {@code nick!user@*}. The hub matches them with {@link Wildcard}, both sides folded by its casemapping.
 */
public final class BanMask {
    /** Longer masks are refused: no real mask comes near it, and it bounds the work of matching. */
    public static final int MAX_LENGTH = 200;

    private BanMask() {}

    /** The completed mask, or null when {@code mask} cannot be one (empty, too long, spaces or commas). */
    public static String normalize(String mask) {
        if (mask == null || mask.isEmpty() || mask.length() > MAX_LENGTH || mask.indexOf(' ') >= 0 || mask.indexOf(',') >= 0
                || mask.charAt(0) == ':') {
            return null;
        }
        int bang = mask.indexOf('!');
        int at = mask.indexOf('@', Math.max(bang, 0));
        String nick;
        String user;
        String host;
        if (bang >= 0) {
            nick = mask.substring(0, bang);
            user = at >= 0 ? mask.substring(bang + 1, at) : mask.substring(bang + 1);
            host = at >= 0 ? mask.substring(at + 1) : "*";
        } else if (at >= 0) {
            nick = "*";
            user = mask.substring(0, at);
            host = mask.substring(at + 1);
        } else {
            nick = mask;
            user = "*";
            host = "*";
        }
        return orStar(nick) + "!" + orStar(user) + "@" + orStar(host);
    }

    private static String orStar(String part) {
        return part.isEmpty() ? "*" : part;
    }
}
