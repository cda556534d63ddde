package org.messenger.irc.codec;

/**
 * How IRC compares nicks and channel names: two names are the same when their folded forms are
 * equal. The server announces its choice in RPL_ISUPPORT {@code CASEMAPPING} and clients fold the
 * same way (https://modern.ircdocs.horse/#casemapping-parameter). The one case mapping of the
 * project: the server's hub and the client library both fold with it.
 */
public enum CaseMapping {
    /** ASCII letters only: A-Z become a-z. */
    ASCII("ascii"),
    /**
     * A-Z become a-z, and "the characters [, ], \ and ~ are considered the uppercase equivalents of
     * {, }, | and ^ respectively" (modern.ircdocs.horse, casemapping {@code rfc1459}; RFC 1459 §2.2
     * named the first three, later servers added ~/^).
     */
    RFC1459("rfc1459");

    private final String isupportName;

    CaseMapping(String isupportName) {
        this.isupportName = isupportName;
    }

    /** The mapping a server announced in {@code CASEMAPPING=}; {@code rfc1459} for anything unknown, as clients do. */
    public static CaseMapping named(String name) {
        return ASCII.isupportName.equalsIgnoreCase(name) ? ASCII : RFC1459;
    }

    /** The token value for RPL_ISUPPORT {@code CASEMAPPING=}. */
    public String isupportName() {
        return isupportName;
    }

    /** {@code text} with every uppercase character replaced by its lowercase equivalent; the same string when nothing changes. */
    public String fold(String text) {
        char[] out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char folded = foldChar(c);
            if (folded != c) {
                if (out == null) {
                    out = text.toCharArray();
                }
                out[i] = folded;
            }
        }
        return out == null ? text : new String(out);
    }

    /** True when both are non-null and name the same nick or channel under this mapping. */
    public boolean same(String a, String b) {
        return a != null && b != null && fold(a).equals(fold(b));
    }

    private char foldChar(char c) {
        if (c >= 'A' && c <= 'Z') {
            return (char) (c + ('a' - 'A'));
        }
        if (this == RFC1459) {
            return switch (c) {
                case '[' -> '{';
                case ']' -> '}';
                case '\\' -> '|';
                case '~' -> '^';
                default -> c;
            };
        }
        return c;
    }
}
