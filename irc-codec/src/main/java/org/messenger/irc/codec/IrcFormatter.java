package org.messenger.irc.codec;

import java.util.List;
import java.util.Map;

/**
 * Turns an {@link IrcMessage} back into a line (without CR LF), the inverse of {@link IrcParser}.
 *
 * <p>Only the last parameter may contain spaces, start with ':' or be empty; it then gets the
 * ':' marker (RFC 2812 §2.3.1 "trailing"). A middle parameter that breaks these rules cannot be
 * framed and is refused with an {@link IllegalArgumentException}: that is a bug in the caller,
 * not bad input from a peer. Text containing CR, LF or NUL is refused for the same reason,
 * because it would let one message smuggle another onto the wire.
 */
public final class IrcFormatter {
    private IrcFormatter() {}

    public static String format(IrcMessage message) {
        return format(message, false);
    }

    /**
     * Like {@link #format(IrcMessage)}, but with {@code forceTrailing} the last parameter always
     * gets the ':' marker, as servers conventionally send the text of numerics, PRIVMSG, QUIT...
     * (some clients read a last parameter without ':' as a word rather than as text).
     */
    public static String format(IrcMessage message, boolean forceTrailing) {
        StringBuilder out = new StringBuilder(untaggedLength(message) + (message.tags().isEmpty() ? 0 : 128));
        appendTags(out, message.tags());
        if (message.source() != null) {
            requireNoSpaceOrControl(message.source(), "source");
            out.append(':').append(message.source()).append(' ');
        }
        out.append(message.command());
        List<String> params = message.params();
        for (int i = 0; i < params.size(); i++) {
            String param = params.get(i);
            requireNoLineBreak(param);
            out.append(' ');
            boolean last = i == params.size() - 1;
            if (last && (forceTrailing || needsTrailingMarker(param))) {
                out.append(':');
            } else if (needsTrailingMarker(param)) {
                throw new IllegalArgumentException("parameter " + i + " of " + message.command()
                        + " is empty, has a space or starts with ':', so it can only be the last one");
            }
            out.append(param);
        }
        return out.toString();
    }

    /**
     * The line's length without tags, at most two chars over: sizing the builder once spares
     * the grow-and-copy steps a 64-char default took on every chat line (microbench).
     */
    private static int untaggedLength(IrcMessage message) {
        int length = message.command().length();
        if (message.source() != null) {
            length += message.source().length() + 2;
        }
        List<String> params = message.params();
        for (int i = 0; i < params.size(); i++) {
            length += params.get(i).length() + 2; // space and a possible ':'
        }
        return length;
    }

    private static boolean needsTrailingMarker(String param) {
        return param.isEmpty() || param.charAt(0) == ':' || param.indexOf(' ') >= 0;
    }

    private static void appendTags(StringBuilder out, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        out.append('@');
        boolean first = true;
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (!IrcParser.isValidTagKey(tag.getKey())) {
                throw new IllegalArgumentException("invalid tag key '" + tag.getKey() + "'");
            }
            if (!first) {
                out.append(';');
            }
            first = false;
            out.append(tag.getKey());
            if (!tag.getValue().isEmpty()) {
                out.append('=');
                escapeTagValue(out, tag.getValue());
            }
        }
        out.append(' ');
    }

    /** message-tags "Escaping values", the inverse of {@link IrcParser#unescapeTagValue}. */
    static void escapeTagValue(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case ';' -> out.append("\\:");
                case ' ' -> out.append("\\s");
                case '\\' -> out.append("\\\\");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\0' -> throw new IllegalArgumentException("tag value contains NUL");
                default -> out.append(c);
            }
        }
    }

    private static void requireNoLineBreak(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                throw new IllegalArgumentException("IRC text cannot contain CR, LF or NUL");
            }
        }
    }

    private static void requireNoSpaceOrControl(String text, String what) {
        requireNoLineBreak(text);
        if (text.isEmpty() || text.indexOf(' ') >= 0) {
            throw new IllegalArgumentException(what + " must be a non-empty word: '" + text + "'");
        }
    }
}
