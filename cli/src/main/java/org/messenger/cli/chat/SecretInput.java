package org.messenger.cli.chat;

import java.time.Instant;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.utils.AttributedString;
import org.messenger.client.SlashCommand;

/**
 * Keeps passwords typed in the chat ({@code /register password}, {@code /oper name password})
 * off the screen and out of the line history: the password shows as {@code *} while it is
 * typed, and such lines are never added to the history that the up arrow recalls.
 */
final class SecretInput {
    private SecretInput() {}

    /** The typed line as it is drawn: the password part replaced by one {@code *} per character. */
    static String masked(String line) {
        int start = SlashCommand.secretStart(line);
        if (start < 0 || start >= line.length()) {
            return line;
        }
        return line.substring(0, start) + "*".repeat(line.length() - start);
    }

    /** Draws the line with {@link #masked}. */
    static final class Masking implements Highlighter {
        @Override
        public AttributedString highlight(LineReader reader, String buffer) {
            return new AttributedString(masked(buffer));
        }
    }

    /** A history that leaves out every line carrying a password. */
    static final class SecretFreeHistory extends DefaultHistory {
        /** Set while a password is read on its own line: nothing read then is kept. Reader thread only. */
        private boolean readingSecret;

        @Override
        public void add(Instant time, String line) {
            if (!readingSecret && SlashCommand.secretStart(line) < 0) {
                super.add(time, line);
            }
        }

        /** Reads a line that is a password: never added, whatever the line reader does with masked lines. */
        <T> T whileReadingSecret(java.util.function.Supplier<T> read) {
            readingSecret = true;
            try {
                return read.get();
            } finally {
                readingSecret = false;
            }
        }
    }
}
