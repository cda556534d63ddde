package org.messenger.client;

import java.util.List;
import java.util.Locale;
import org.messenger.irc.codec.IrcMessage;

/**
 * One line typed in a chat client, understood: the one parser of {@code /commands} that the
 * terminal chat and the desktop client share. Plain text is said in the current conversation; a
 * leading {@code /} names a command; {@code //text} says text that starts with a slash.
 *
 * <p>Channel commands take the channel first when it is given and otherwise act on the current
 * channel, as irssi does: {@code /kick bob}, {@code /kick #dev bob spamming}, {@code /mode +m},
 * {@code /topic}, {@code /ban bob} (a nick becomes {@code bob!*@*}).
 */
public sealed interface SlashCommand {
    /** The commands, for help and tab completion. */
    List<String> COMMANDS = List.of("/msg", "/me", "/users", "/nick", "/register", "/quit", "/help",
            "/kick", "/ban", "/mode", "/topic", "/invite", "/away", "/oper");

    record Nothing() implements SlashCommand {}

    /** Text for the current conversation. */
    record Say(String text) implements SlashCommand {}

    record SayPrivately(String nick, String text) implements SlashCommand {}

    record Action(String text) implements SlashCommand {}

    record ListUsers() implements SlashCommand {}

    record ChangeNick(String nick) implements SlashCommand {}

    record Quit(String reason) implements SlashCommand {}

    /** Register an account named after the current nick, with this password (IRCv3 draft/account-registration). */
    record RegisterAccount(String password) implements SlashCommand {
        @Override
        public String toString() {
            return "RegisterAccount[]";
        }
    }

    /** {@code /register} alone: the client asks for the password without showing it, then registers. */
    record RegisterAccountAskingPassword() implements SlashCommand {}

    record Help() implements SlashCommand {}

    /** A line that cannot be run; {@code problem} says why and what to type instead. */
    record Invalid(String problem) implements SlashCommand {}

    /** A command that is one IRC line to the server; its answer (or error numeric) comes back as events. */
    sealed interface ServerRequest extends SlashCommand {
        IrcMessage toIrc();
    }

    record Kick(String channel, String nick, String reason) implements ServerRequest {
        @Override
        public IrcMessage toIrc() {
            return reason.isEmpty() ? IrcMessage.of("KICK", channel, nick) : IrcMessage.of("KICK", channel, nick, reason);
        }
    }

    record Ban(String channel, String mask) implements ServerRequest {
        @Override
        public IrcMessage toIrc() {
            return IrcMessage.of("MODE", channel, "+b", mask);
        }
    }

    /** {@code /mode [target] +modes [arguments...]}. */
    record Mode(String target, List<String> modes) implements ServerRequest {
        public Mode {
            modes = List.copyOf(modes);
        }

        @Override
        public IrcMessage toIrc() {
            String[] params = new String[modes.size() + 1];
            params[0] = target;
            for (int i = 0; i < modes.size(); i++) {
                params[i + 1] = modes.get(i);
            }
            return IrcMessage.of("MODE", params);
        }
    }

    /** {@code /topic [channel]} asks; {@code /topic [channel] text} sets. */
    record Topic(String channel, String text) implements ServerRequest {
        @Override
        public IrcMessage toIrc() {
            return text == null ? IrcMessage.of("TOPIC", channel) : IrcMessage.of("TOPIC", channel, text);
        }
    }

    record Invite(String nick, String channel) implements ServerRequest {
        @Override
        public IrcMessage toIrc() {
            return IrcMessage.of("INVITE", nick, channel);
        }
    }

    /** {@code /away text} marks you away; {@code /away} alone brings you back. */
    record Away(String message) implements ServerRequest {
        @Override
        public IrcMessage toIrc() {
            return message.isEmpty() ? IrcMessage.of("AWAY") : IrcMessage.of("AWAY", message);
        }
    }

    record Oper(String name, String password) implements ServerRequest {
        @Override
        public IrcMessage toIrc() {
            return IrcMessage.of("OPER", name, password);
        }

        @Override
        public String toString() {
            return "Oper[name=" + name + ", password=(hidden)]";
        }
    }

    /**
     * Understands {@code line} typed in a conversation whose channel is {@code currentChannel}
     * (null in a private conversation: channel commands then need the channel named).
     */
    static SlashCommand parse(String line, String currentChannel) {
        String trimmed = line == null ? "" : line.strip();
        if (trimmed.isEmpty()) {
            return new Nothing();
        }
        if (!trimmed.startsWith("/")) {
            return new Say(trimmed);
        }
        if (trimmed.startsWith("//")) {
            return new Say(trimmed.substring(1));
        }
        int space = trimmed.indexOf(' ');
        String command = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
        String rest = space < 0 ? "" : trimmed.substring(space + 1).strip();
        List<String> words = rest.isEmpty() ? List.of() : List.of(rest.split("\\s+"));
        return switch (command) {
            case "/msg", "/query", "/m" -> {
                int gap = rest.indexOf(' ');
                if (rest.isEmpty() || gap < 0 || rest.substring(gap + 1).isBlank()) {
                    yield new Invalid("Usage: /msg <nick> <text>");
                }
                yield new SayPrivately(rest.substring(0, gap), rest.substring(gap + 1).strip());
            }
            case "/me" -> rest.isEmpty() ? new Invalid("Usage: /me <action>, e.g. /me waves") : new Action(rest);
            case "/users", "/names", "/who" -> new ListUsers();
            case "/nick" -> rest.isEmpty() || rest.contains(" ")
                    ? new Invalid("Usage: /nick <new nick>")
                    : new ChangeNick(rest);
            case "/register" -> rest.isEmpty() ? new RegisterAccountAskingPassword() : new RegisterAccount(rest);
            case "/quit", "/exit", "/bye" -> new Quit(rest);
            case "/help", "/?" -> new Help();
            case "/kick", "/k" -> kick(words, rest, currentChannel);
            case "/ban" -> ban(words, currentChannel);
            case "/mode" -> mode(words, currentChannel);
            case "/topic", "/t" -> topic(words, rest, currentChannel);
            case "/invite", "/inv" -> invite(words, currentChannel);
            case "/away" -> new Away(rest);
            case "/oper" -> words.size() == 2 ? new Oper(words.get(0), words.get(1)) : new Invalid("Usage: /oper <name> <password>");
            default -> new Invalid("Unknown command " + command + ". Type /help for the list.");
        };
    }

    private static boolean isChannel(String word) {
        return word.startsWith("#");
    }

    /** The channel named first, or the current one; null when neither. */
    private static String channelOf(List<String> words, String currentChannel) {
        return !words.isEmpty() && isChannel(words.get(0)) ? words.get(0) : currentChannel;
    }

    private static int argumentsStart(List<String> words) {
        return !words.isEmpty() && isChannel(words.get(0)) ? 1 : 0;
    }

    private static SlashCommand kick(List<String> words, String rest, String currentChannel) {
        String channel = channelOf(words, currentChannel);
        int at = argumentsStart(words);
        if (channel == null || words.size() <= at) {
            return new Invalid("Usage: /kick [#channel] <nick> [reason]");
        }
        String[] parts = rest.split("\\s+", at + 2);
        return new Kick(channel, words.get(at), parts.length > at + 1 ? parts[at + 1].strip() : "");
    }

    private static SlashCommand ban(List<String> words, String currentChannel) {
        String channel = channelOf(words, currentChannel);
        int at = argumentsStart(words);
        if (channel == null || words.size() != at + 1) {
            return new Invalid("Usage: /ban [#channel] <nick or nick!user@host mask>");
        }
        String who = words.get(at);
        return new Ban(channel, who.indexOf('!') >= 0 || who.indexOf('@') >= 0 ? who : who + "!*@*");
    }

    private static SlashCommand mode(List<String> words, String currentChannel) {
        if (words.isEmpty()) {
            return currentChannel == null ? new Invalid("Usage: /mode [#channel|nick] <+modes> [arguments]")
                    : new Mode(currentChannel, List.of());
        }
        String first = words.get(0);
        boolean modesFirst = first.startsWith("+") || first.startsWith("-");
        if (modesFirst && currentChannel == null) {
            return new Invalid("Usage: /mode <#channel> <+modes> [arguments] (name the channel in a private conversation)");
        }
        return modesFirst ? new Mode(currentChannel, words) : new Mode(first, words.subList(1, words.size()));
    }

    private static SlashCommand topic(List<String> words, String rest, String currentChannel) {
        String channel = channelOf(words, currentChannel);
        if (channel == null) {
            return new Invalid("Usage: /topic [#channel] [new topic]");
        }
        String[] parts = rest.split("\\s+", 2);
        String text = argumentsStart(words) == 1 ? (parts.length > 1 ? parts[1].strip() : "") : rest;
        return new Topic(channel, text.isEmpty() ? null : text);
    }

    private static SlashCommand invite(List<String> words, String currentChannel) {
        if (words.isEmpty() || words.size() > 2) {
            return new Invalid("Usage: /invite <nick> [#channel]");
        }
        String channel = words.size() == 2 ? words.get(1) : currentChannel;
        return channel == null ? new Invalid("Usage: /invite <nick> <#channel>") : new Invite(words.get(0), channel);
    }

    /**
     * Where the password starts in a typed line that carries one ({@code /register password},
     * {@code /oper name password}), or -1: a terminal masks it from there and keeps the line out
     * of its history.
     */
    static int secretStart(String line) {
        if (line == null) {
            return -1;
        }
        int at = 0;
        while (at < line.length() && Character.isWhitespace(line.charAt(at))) {
            at++;
        }
        String rest = line.substring(at);
        String lower = rest.toLowerCase(Locale.ROOT);
        if (lower.startsWith("/register") && (rest.length() == 9 || Character.isWhitespace(rest.charAt(9)))) {
            return Math.min(line.length(), at + 10);
        }
        if (lower.startsWith("/oper") && (rest.length() == 5 || Character.isWhitespace(rest.charAt(5)))) {
            // The name is shown; the password after it is not.
            int i = 6;
            while (i < rest.length() && Character.isWhitespace(rest.charAt(i))) {
                i++;
            }
            while (i < rest.length() && !Character.isWhitespace(rest.charAt(i))) {
                i++;
            }
            return Math.min(line.length(), at + i + 1);
        }
        return -1;
    }

    /** What /help shows: every command with its form. */
    static List<String> helpLines() {
        return List.of(
                "  /msg <nick> <text>   private message to one user",
                "  /me <action>         action in the conversation, e.g. /me waves",
                "  /users               who is online",
                "  /nick <new nick>     change your nick",
                "  /register            make your nick an account: asks for a password (log in next time with --account)",
                "  /quit [reason]       leave",
                "  /kick [#chan] <nick> [reason], /ban [#chan] <nick|mask>   as a channel operator",
                "  /mode [#chan|nick] <+modes> [args], /topic [#chan] [text], /invite <nick> [#chan]",
                "  /away [message]      mark yourself away (no message: back)",
                "  /oper <name> <password>   become a server operator",
                "  /help                this list",
                "  //text               send text that starts with '/'");
    }
}
