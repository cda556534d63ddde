package org.messenger.cli.chat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.messenger.client.ChatEvent;
import org.messenger.client.Member;

/** Turns chat events into the lines the terminal shows, each with a local HH:mm timestamp. */
public final class EventFormatter {
    private final DateTimeFormatter clock;
    private final DateTimeFormatter dayAndClock;
    private final ZoneId zone;

    public EventFormatter(ZoneId zone) {
        this.zone = zone;
        this.clock = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
        this.dayAndClock = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
    }

    /** The line for an event, or empty when the event is not shown. */
    public Optional<String> format(ChatEvent event) {
        if (event instanceof ChatEvent.MessageOfTheDay motd) {
            // One stamped line per MOTD line, so that each shows like any other.
            return Optional.of(String.join("\n", motd.lines().stream()
                    .map(text -> stamp(motd.time(), "-motd- " + clean(text))).toList()));
        }
        if (event instanceof ChatEvent.HistoryLoaded history) {
            return Optional.of(history(history));
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
            case ChatEvent.UsersListed u -> membersLine(u.channel(), u.members());
            case ChatEvent.MembersChanged m -> null; // the JOIN, MODE or AWAY line said what changed
            case ChatEvent.ModeChanged m -> "--- " + (m.by() == null ? "the server" : m.by()) + " sets mode "
                    + clean(String.join(" ", m.modes())) + " on " + m.target();
            case ChatEvent.AwayChanged a -> awayLine(a);
            case ChatEvent.HistoryLoaded h -> null; // handled above
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

    /** {@code 3 users in #lobby: @alice, +bob, carol (away: lunch)}. */
    static String membersLine(String channel, List<Member> members) {
        return usersLine(channel, members.stream().map(m -> m.displayName() + (m.isAway()
                ? m.awayMessage().isEmpty() ? " (away)" : " (away: " + clean(m.awayMessage()) + ")"
                : "")).toList());
    }

    private static String awayLine(ChatEvent.AwayChanged a) {
        if (!a.away()) {
            return "--- " + a.nick() + " is back";
        }
        String why = a.message().isEmpty() ? "" : ": " + clean(a.message());
        return (a.reply() ? "" : "--- ") + a.nick() + " is away" + why;
    }

    /**
     * Earlier lines, between two markers, each with the time it was said (with the date when it
     * was not today), as {@code chat} shows live ones: {@code <bob> hi}, {@code *bob* hi} from a
     * private partner, {@code -> *bob* hi} for what we wrote to them.
     */
    private String history(ChatEvent.HistoryLoaded history) {
        String conversation = history.conversation();
        boolean channel = !conversation.isEmpty() && (conversation.charAt(0) == '#' || conversation.charAt(0) == '&');
        java.time.LocalDate today = history.time().atZone(zone).toLocalDate();
        StringBuilder out = new StringBuilder();
        out.append(stamp(history.time(), "--- Earlier in " + (channel ? conversation : "your conversation with " + conversation)
                + " (" + history.lines().size() + (history.lines().size() == 1 ? " line" : " lines") + "):"));
        for (ChatEvent.HistoryLine line : history.lines()) {
            String from = line.from() == null ? "server" : line.from();
            String text = clean(line.text());
            String body;
            if (line.notice()) {
                body = "-" + from + "- " + text;
            } else if (channel) {
                body = line.action() ? "* " + from + " " + text : "<" + from + "> " + text;
            } else if (from.equalsIgnoreCase(conversation)) {
                body = line.action() ? "*" + from + "* * " + from + " " + text : "*" + from + "* " + text;
            } else {
                body = line.action() ? "-> *" + conversation + "* * " + from + " " + text : "-> *" + conversation + "* " + text;
            }
            boolean sameDay = line.time().atZone(zone).toLocalDate().equals(today);
            out.append('\n').append(sameDay ? clock.format(line.time()) : dayAndClock.format(line.time())).append(' ').append(body);
        }
        out.append('\n').append(stamp(history.time(), "--- End of earlier lines"));
        return out.toString();
    }

    private static String clean(String text) {
        return TerminalText.clean(text);
    }
}
