package org.messenger.chat;

/**
 * Which nicknames and channel names are acceptable, with the limits the IRC adapter advertises
 * (NICKLEN, CHANNELLEN, TOPICLEN, AWAYLEN).
 */
public record NameRules(int nickLength, int channelLength, int topicLength, int awayLength) {

    public static final NameRules DEFAULT = new NameRules(30, 50, 390, 200);
    /** Longest kick reason kept (ISUPPORT KICKLEN); longer ones are cut, as InspIRCd does. */
    public static final int KICK_LENGTH = 255;
    /** Longest channel key (ISUPPORT KEYLEN, InspIRCd's 32). */
    public static final int KEY_LENGTH = 32;

    public NameRules {
        if (nickLength < 1 || channelLength < 2 || topicLength < 1 || awayLength < 1) {
            throw new IllegalArgumentException("name limits must be positive: " + nickLength + "/" + channelLength);
        }
    }

    /**
     * RFC 2812 §2.3.1: {@code nickname = ( letter / special ) *( letter / digit / special / "-" )}
     * with {@code special = "[", "]", "\", "`", "_", "^", "{", "|", "}"}; the length limit is ours
     * (NICKLEN) instead of the RFC's 9, as every modern server does.
     */
    public boolean isValidNick(String nick) {
        if (nick == null || nick.isEmpty() || nick.length() > nickLength) {
            return false;
        }
        char first = nick.charAt(0);
        if (!isLetter(first) && !isSpecial(first)) {
            return false;
        }
        for (int i = 1; i < nick.length(); i++) {
            char c = nick.charAt(i);
            if (!isLetter(c) && !isSpecial(c) && !(c >= '0' && c <= '9') && c != '-') {
                return false;
            }
        }
        return true;
    }

    /**
     * RFC 2812 §2.3.1 {@code channel}, with '#' as our only channel type (CHANTYPES=#):
     * any octet except NUL, BELL, CR, LF, space, comma and colon.
     */
    public boolean isValidChannel(String name) {
        if (name == null || name.length() < 2 || name.length() > channelLength || name.charAt(0) != '#') {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\0' || c == '\u0007' || c == '\r' || c == '\n' || c == ' ' || c == ',' || c == ':') {
                return false;
            }
        }
        return true;
    }

    /** A channel key (+k): 1 to {@link #KEY_LENGTH} characters, none of them space, comma or a control character, not starting with ':'. */
    public boolean isValidKey(String key) {
        if (key == null || key.isEmpty() || key.length() > KEY_LENGTH || key.charAt(0) == ':') {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c <= ' ' || c == ',' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    public boolean isChannelName(String target) {
        return target != null && !target.isEmpty() && target.charAt(0) == '#';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isSpecial(char c) {
        return (c >= '[' && c <= '`') || (c >= '{' && c <= '}');
    }
}
