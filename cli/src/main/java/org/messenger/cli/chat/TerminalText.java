package org.messenger.cli.chat;

/**
 * Makes text from the network safe to print: IRC formatting codes (bold, colours, reset...)
 * are removed and every other control character, ESC included, becomes a visible '?', so a peer
 * cannot move the cursor or recolour the terminal.
 */
final class TerminalText {
    private TerminalText() {}

    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\u0002', '\u000F', '\u0011', '\u0016', '\u001D', '\u001E', '\u001F' -> { }
                case '\u0003' -> {
                    // mIRC colour: ^C[fg[,bg]] with one or two digits each.
                    i = skipDigits(text, i + 1, 2) - 1;
                    if (i + 2 < text.length() && text.charAt(i + 1) == ',' && Character.isDigit(text.charAt(i + 2))) {
                        i = skipDigits(text, i + 2, 2) - 1;
                    }
                }
                case '\t' -> out.append(' ');
                default -> out.append(Character.isISOControl(c) ? '?' : c);
            }
        }
        return out.toString();
    }

    private static int skipDigits(String text, int from, int max) {
        int i = from;
        while (i < text.length() && i - from < max && Character.isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
