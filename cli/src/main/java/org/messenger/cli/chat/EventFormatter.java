package org.messenger.cli.chat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.messenger.client.ChatEvent;

/** Turns chat events into the lines the terminal shows, each with a local HH:mm timestamp. */
public final class EventFormatter {
    private final DateTimeFormatter clock;

    public EventFormatter(ZoneId zone) {
        this.clock = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
    }

    /** The line for an event, or empty when the event is not shown. */
    public Optional<String> format(ChatEvent event) {
        if (event instanceof ChatEvent.MessageOfTheDay motd) {
            // One stamped line per MOTD line, so that each shows like any other.
            return Optional.of(String.join("\n", motd.lines().stream()
                    .map(text -> stamp(motd.time(), "-motd- " + clean(text))).toList()));
        }
        String line = switch (event) {
            case ChatEvent.Connected c -> "Connected to " + c.serverName() + " as " + c.nick() + ". Type /help for commands.";
            case ChatEvent.LobbyMessage m -> m.action()
                    ? "* " + m.from() + " " + clean(m.text())
                    : "<" + m.from() + "> " + clean(m.text());
            case ChatEvent.PrivateMessage m -> m.action()
                    ? "*" + m.from() + "* * " + m.from() + " " + clean(m.text())
                    : "*" + m.from() + "* " + clean(m.text());
            case ChatEvent.Notice n -> "-" + (n.from() == null ? "server" : n.from()) + "- " + clean(n.text());
            case ChatEvent.UserJoined j -> j.you()
                    ? "You joined " + j.channel()
                    : "--> " + j.nick() + " joined " + j.channel();
            case ChatEvent.UserLeft l -> "<-- " + l.nick() + " left"
                    + (l.how() == ChatEvent.Departure.PART ? " " + l.channel() : "")
                    + (l.reason() == null || l.reason().isBlank() ? "" : " (" + clean(l.reason()) + ")");
            case ChatEvent.NickChanged n -> n.you()
                    ? "You are now known as " + n.newNick()
                    : "--- " + n.oldNick() + " is now known as " + n.newNick();
            case ChatEvent.UsersListed u -> usersLine(u.channel(), u.users());
            case ChatEvent.ServerError e -> "! " + clean(e.text());
            case ChatEvent.MessageOfTheDay motd -> null; // handled above
            case ChatEvent.Disconnected d -> d.requested() ? null : "Disconnected: " + clean(d.reason());
        };
        return Optional.ofNullable(line).map(text -> stamp(event.time(), text));
    }

    /** A line of our own making (own messages, command answers), stamped with {@code time}. */
    public String stamp(Instant time, String text) {
        return clock.format(time) + " " + text;
    }

    static String usersLine(String channel, List<String> users) {
        return users.size() + (users.size() == 1 ? " user" : " users") + " in " + channel + ": " + String.join(", ", users);
    }

    private static String clean(String text) {
        return TerminalText.clean(text);
    }
}
