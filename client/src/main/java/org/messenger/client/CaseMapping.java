package org.messenger.client;

/**
 * IRC nick and channel comparison, as announced by the server's CASEMAPPING token (RPL_ISUPPORT).
 * {@code rfc1459} also folds {@code []\~} onto {@code {}|^} (RFC 2812 §2.2); {@code ascii} folds A-Z only.
 */
enum CaseMapping {
    ASCII, RFC1459;

    static CaseMapping named(String name) {
        return "ascii".equalsIgnoreCase(name) ? ASCII : RFC1459;
    }

    String fold(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char folded = foldChar(c);
            if (folded != c && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(folded);
            }
        }
        return out == null ? text : out.toString();
    }

    boolean same(String a, String b) {
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
