package org.messenger.irc.codec;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one IRC line (without its CR LF) into an {@link IrcMessage}.
 *
 * <p>Grammar: RFC 2812 §2.3.1, relaxed as modern servers and clients are (several spaces between
 * parameters are accepted, more than 15 parameters are kept), plus IRCv3 message tags
 * (https://ircv3.net/specs/extensions/message-tags). Every malformed input ends in an
 * {@link IrcParseException} with a reason that can be shown to the peer; nothing else is thrown.
 */
public final class IrcParser {
    private static final String[] COMMON_COMMANDS = {"PRIVMSG", "NOTICE", "TAGMSG", "PING", "PONG", "JOIN", "PART"};

    private IrcParser() {}

    public static IrcMessage parse(String line) {
        if (line == null) {
            throw new IrcParseException("no line");
        }
        int length = line.length();
        int pos = 0;
        for (int i = 0; i < length; i++) {
            char c = line.charAt(i);
            if (c == '\0' || c == '\r' || c == '\n') {
                throw new IrcParseException("line contains a NUL, CR or LF character");
            }
        }

        Map<String, String> tags = Map.of();
        if (pos < length && line.charAt(pos) == '@') {
            int end = line.indexOf(' ', pos);
            if (end < 0) {
                throw new IrcParseException("message has tags but no command");
            }
            tags = parseTags(line, pos + 1, end);
            pos = skipSpaces(line, end);
        }

        String source = null;
        if (pos < length && line.charAt(pos) == ':') {
            int end = line.indexOf(' ', pos);
            if (end < 0) {
                throw new IrcParseException("message has a source but no command");
            }
            source = line.substring(pos + 1, end);
            if (source.isEmpty()) {
                throw new IrcParseException("empty source after ':'");
            }
            pos = skipSpaces(line, end);
        }

        int commandEnd = line.indexOf(' ', pos);
        if (commandEnd < 0) {
            commandEnd = length;
        }
        String command = command(line, pos, commandEnd);
        if (command.isEmpty()) {
            throw new IrcParseException("empty message");
        }
        if (!isValidCommand(command)) {
            throw new IrcParseException("'" + abbreviate(command) + "' is not a command word or a three-digit numeric");
        }
        pos = skipSpaces(line, commandEnd);

        String[] params = new String[4];
        int count = 0;
        while (pos < length) {
            if (count == params.length) {
                params = Arrays.copyOf(params, count * 2);
            }
            if (line.charAt(pos) == ':') {
                params[count++] = line.substring(pos + 1);
                break;
            }
            int end = line.indexOf(' ', pos);
            if (end < 0) {
                end = length;
            }
            params[count++] = line.substring(pos, end);
            pos = skipSpaces(line, end);
        }
        return new IrcMessage(tags, source, command, immutableList(params, count));
    }

    /**
     * The first {@code count} elements as an immutable list that {@link IrcMessage} keeps as it is
     * ({@code List.copyOf} returns such a list unchanged): the fixed-arity {@code List.of} take the
     * values without another copy, which covers nearly every message.
     */
    private static List<String> immutableList(String[] values, int count) {
        return switch (count) {
            case 0 -> List.of();
            case 1 -> List.of(values[0]);
            case 2 -> List.of(values[0], values[1]);
            case 3 -> List.of(values[0], values[1], values[2]);
            case 4 -> List.of(values[0], values[1], values[2], values[3]);
            default -> List.of(Arrays.copyOf(values, count));
        };
    }

    /**
     * The command word; the few that make up nearly all traffic come back as shared constants
     * instead of a new String per line (matched case-sensitively, so the command stays as sent).
     */
    private static String command(String line, int start, int end) {
        int length = end - start;
        for (String common : COMMON_COMMANDS) {
            if (common.length() == length && line.regionMatches(start, common, 0, length)) {
                return common;
            }
        }
        return line.substring(start, end);
    }

    /** Letters only, or exactly three digits (RFC 2812 §2.3.1 "command"). */
    static boolean isValidCommand(String command) {
        if (command.length() == 3 && isDigit(command.charAt(0)) && isDigit(command.charAt(1)) && isDigit(command.charAt(2))) {
            return true;
        }
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int skipSpaces(String line, int pos) {
        while (pos < line.length() && line.charAt(pos) == ' ') {
            pos++;
        }
        return pos;
    }

    /** The tag section {@code line[from, to)}, without its '@' and the space after it. */
    private static Map<String, String> parseTags(String line, int from, int to) {
        if (from == to) {
            throw new IrcParseException("empty tag section after '@'");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        int itemStart = from;
        while (itemStart <= to) {
            int itemEnd = line.indexOf(';', itemStart, to);
            if (itemEnd < 0) {
                itemEnd = to;
            }
            if (itemEnd > itemStart) { // an empty item is tolerated: "@a=b;" is sent by some clients
                int eq = line.indexOf('=', itemStart, itemEnd);
                int keyEnd = eq < 0 ? itemEnd : eq;
                String key = line.substring(itemStart, keyEnd);
                if (!isValidTagKey(key)) {
                    throw new IrcParseException("invalid tag key '" + abbreviate(key) + "'");
                }
                String value = keyEnd == itemEnd ? "" : unescapeTagValue(line.substring(keyEnd + 1, itemEnd));
                // message-tags: "if a tag appears more than once, the last value wins".
                tags.remove(key);
                tags.put(key, value);
            }
            itemStart = itemEnd + 1;
        }
        return tags;
    }

    /** key = [ '+' ] [ vendor '/' ] 1*( ALPHA / DIGIT / '-' ); vendor is a host name. */
    static boolean isValidTagKey(String key) {
        int start = key.startsWith("+") ? 1 : 0;
        if (start >= key.length()) {
            return false;
        }
        int slash = key.lastIndexOf('/');
        int nameStart = slash >= start ? slash + 1 : start;
        if (nameStart >= key.length()) {
            return false;
        }
        for (int i = start; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || (i < nameStart && (c == '.' || c == '/'));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** message-tags "Escaping values": \: ; \s space, \\ backslash, \r CR, \n LF; others lose the backslash. */
    static String unescapeTagValue(String escaped) {
        if (escaped.indexOf('\\') < 0) {
            return escaped;
        }
        StringBuilder out = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i + 1 == escaped.length()) {
                break; // a trailing lone backslash is dropped
            }
            char next = escaped.charAt(++i);
            switch (next) {
                case ':' -> out.append(';');
                case 's' -> out.append(' ');
                case 'r' -> out.append('\r');
                case 'n' -> out.append('\n');
                default -> out.append(next);
            }
        }
        return out.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 32 ? s : s.substring(0, 32) + "...";
    }
}
