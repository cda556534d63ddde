package org.messenger.cli.chat;

import java.util.List;
import java.util.Locale;

/**
 * One line typed in the chat, understood. Plain text goes to the lobby; a leading {@code /}
 * names a command; {@code //text} sends text that starts with a slash.
 */
public sealed interface ChatInput {
    /** The commands, for /help and tab completion. */
    List<String> COMMANDS = List.of("/msg", "/me", "/users", "/nick", "/register", "/quit", "/help",
            "/files", "/get", "/pause", "/resume", "/cancel", "/downloads");

    record Nothing() implements ChatInput {}

    record SayToLobby(String text) implements ChatInput {}

    record SayPrivately(String nick, String text) implements ChatInput {}

    record Action(String text) implements ChatInput {}

    record ListUsers() implements ChatInput {}

    record ChangeNick(String nick) implements ChatInput {}

    record Quit(String reason) implements ChatInput {}

    /** Register an account named after the current nick, with this password. */
    record RegisterAccount(String password) implements ChatInput {
        @Override
        public String toString() {
            return "RegisterAccount[]";
        }
    }

    record Help() implements ChatInput {}

    /** A line that cannot be run; {@code problem} says why and what to type instead. */
    record Invalid(String problem) implements ChatInput {}

    static ChatInput parse(String line) {
        String trimmed = line == null ? "" : line.strip();
        if (trimmed.isEmpty()) {
            return new Nothing();
        }
        if (!trimmed.startsWith("/")) {
            return new SayToLobby(trimmed);
        }
        if (trimmed.startsWith("//")) {
            return new SayToLobby(trimmed.substring(1));
        }
        int space = trimmed.indexOf(' ');
        String command = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
        String rest = space < 0 ? "" : trimmed.substring(space + 1).strip();
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
            case "/register" -> rest.isEmpty()
                    ? new Invalid("Usage: /register <password> (registers your current nick as an account; then start with --account)")
                    : new RegisterAccount(rest);
            case "/quit", "/exit", "/bye" -> new Quit(rest);
            case "/help", "/?" -> new Help();
            default -> new Invalid("Unknown command " + command + ". Type /help for the list.");
        };
    }

    static List<String> helpLines() {
        return List.of(
                "Type text and press Enter to talk to everyone in the lobby.",
                "  /msg <nick> <text>   private message to one user",
                "  /me <action>         action in the lobby, e.g. /me waves",
                "  /users               who is online",
                "  /nick <new nick>     change your nick",
                "  /register <password> make your nick an account (log in next time with --account)",
                "  /quit [reason]       leave (Ctrl-D and Ctrl-C too)",
                "  /files               files the server shares",
                "  /get <name>          download one into the current folder (continues an earlier attempt)",
                "  /pause <id>, /resume <id>, /cancel <id>, /downloads   control your downloads",
                "  /help                this list",
                "  //text               send text that starts with '/'",
                "Tab completes commands and nicks.");
    }
}
