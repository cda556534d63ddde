package org.messenger.irc.codec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One IRC protocol message, as in RFC 2812 §2.3.1 with the IRCv3 message-tags extension.
 *
 * <p>{@code tags} keep their order of arrival; a tag without a value maps to the empty string.
 * {@code source} (the RFC's "prefix") is null when the message has none. {@code command} is kept
 * as sent: a word such as {@code PRIVMSG} or a three-digit numeric. Parameters are already
 * unframed: the trailing parameter carries no leading colon.
 */
public record IrcMessage(Map<String, String> tags, String source, String command, List<String> params) {

    public IrcMessage {
        Objects.requireNonNull(command, "command");
        tags = tags == null || tags.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        params = params == null ? List.of() : List.copyOf(params);
    }

    public static IrcMessage of(String command, String... params) {
        return new IrcMessage(Map.of(), null, command, List.of(params));
    }

    public static IrcMessage from(String source, String command, String... params) {
        return new IrcMessage(Map.of(), source, command, List.of(params));
    }

    public IrcMessage withSource(String newSource) {
        return new IrcMessage(tags, newSource, command, params);
    }

    public IrcMessage withTags(Map<String, String> newTags) {
        return new IrcMessage(newTags, source, command, params);
    }

    /** The i-th parameter, or null when there are fewer. */
    public String param(int index) {
        return index < params.size() ? params.get(index) : null;
    }

    /** The last parameter (the message text of PRIVMSG, NOTICE, QUIT, ...), or null when none. */
    public String lastParam() {
        return params.isEmpty() ? null : params.get(params.size() - 1);
    }

    /** The command in upper case, for dispatch: commands are case-insensitive (RFC 2812 §2.3). */
    public String verb() {
        return command.toUpperCase(java.util.Locale.ROOT);
    }

    /** The numeric this message is, or null for a command word or a numeric {@link Numeric} does not list. */
    public Numeric numeric() {
        return Numeric.fromCode(command);
    }

    /** The nick part of a {@code nick!user@host} source, or the whole source when it is a server name. */
    public String sourceNick() {
        if (source == null) {
            return null;
        }
        int bang = source.indexOf('!');
        if (bang >= 0) {
            return source.substring(0, bang);
        }
        int at = source.indexOf('@');
        return at >= 0 ? source.substring(0, at) : source;
    }

    @Override
    public String toString() {
        return IrcFormatter.format(this);
    }
}
