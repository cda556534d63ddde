package org.messenger.cli;

import java.util.regex.Pattern;

/** Text made safe to paste as one word into a POSIX shell, for commands we suggest to users. */
final class ShellWords {
    /** Characters no POSIX shell treats specially anywhere in a word. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private ShellWords() {}

    /** {@code word} as it is when it is plain, else in single quotes (a quote inside becomes {@code '\''}). */
    static String quote(String word) {
        if (!word.isEmpty() && PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
