package org.messenger.chat;

import java.util.Locale;

/**
 * How nicks and channel names compare: two names are the same when their folded forms are equal.
 *
 * <p>The server advertises its choice in RPL_ISUPPORT {@code CASEMAPPING} so that clients fold the
 * same way (https://modern.ircdocs.horse/#casemapping-parameter).
 */
public enum CaseMapping {
    /** ASCII letters only: A-Z become a-z. */
    ASCII("ascii"),
    /**
     * RFC 1459 §2.2: "the characters {}| are considered to be the lower case equivalents of the
     * characters []\ respectively"; modern servers add ~ as the lower case of ^.
     */
    RFC1459("rfc1459");

    private final String isupportName;

    CaseMapping(String isupportName) {
        this.isupportName = isupportName;
    }

    /** The token value for RPL_ISUPPORT {@code CASEMAPPING=}. */
    public String isupportName() {
        return isupportName;
    }

    public String fold(String name) {
        if (this == ASCII) {
            return name.toLowerCase(Locale.ROOT).equals(name) ? name : asciiLower(name);
        }
        char[] out = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            char lower = switch (c) {
                case '[' -> '{';
                case ']' -> '}';
                case '\\' -> '|';
                case '^' -> '~';
                default -> (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
            };
            if (lower != c) {
                if (out == null) {
                    out = name.toCharArray();
                }
                out[i] = lower;
            }
        }
        return out == null ? name : new String(out);
    }

    private static String asciiLower(String name) {
        char[] out = name.toCharArray();
        for (int i = 0; i < out.length; i++) {
            if (out[i] >= 'A' && out[i] <= 'Z') {
                out[i] = (char) (out[i] + 32);
            }
        }
        return new String(out);
    }
}
