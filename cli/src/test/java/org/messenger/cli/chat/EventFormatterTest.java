package org.messenger.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.messenger.client.ChatEvent;
import org.messenger.client.ChatEvent.Departure;
import org.messenger.client.Member;

class EventFormatterTest {
    private static final Instant T = Instant.parse("2026-11-25T21:07:59Z");
    private final EventFormatter formatter = new EventFormatter(ZoneOffset.ofHours(1));

    private String line(ChatEvent event) {
        return formatter.format(event).orElseThrow();
    }

    @Test
    void stampsWithLocalHoursAndMinutes() {
        assertThat(line(new ChatEvent.LobbyMessage(T, "bob", "#lobby", "hi", false))).isEqualTo("22:07 <bob> hi");
    }

    @Test
    void showsActionsWithAStar() {
        assertThat(line(new ChatEvent.LobbyMessage(T, "bob", "#lobby", "waves", true))).isEqualTo("22:07 * bob waves");
    }

    @Test
    void marksPrivateMessages() {
        assertThat(line(new ChatEvent.PrivateMessage(T, "bob", "psst", false))).isEqualTo("22:07 *bob* psst");
    }

    @Test
    void announcesJoinsLeavesAndNickChanges() {
        assertThat(line(new ChatEvent.UserJoined(T, "bob", "#lobby", false))).isEqualTo("22:07 --> bob joined #lobby");
        assertThat(line(new ChatEvent.UserJoined(T, "alice", "#lobby", true))).isEqualTo("22:07 You joined #lobby");
        assertThat(line(new ChatEvent.UserLeft(T, "bob", null, Departure.QUIT, "Quit: bye")))
                .isEqualTo("22:07 <-- bob left (Quit: bye)");
        assertThat(line(new ChatEvent.UserLeft(T, "bob", "#lobby", Departure.PART, "")))
                .isEqualTo("22:07 <-- bob left #lobby");
        assertThat(line(new ChatEvent.NickChanged(T, "bob", "robert", false)))
                .isEqualTo("22:07 --- bob is now known as robert");
    }

    @Test
    void listsUsers() {
        assertThat(line(new ChatEvent.UsersListed(T, "#lobby", List.of("alice", "bob"))))
                .isEqualTo("22:07 2 users in #lobby: alice, bob");
    }

    @Test
    void showsServerErrorsWithAnExclamationMark() {
        assertThat(line(new ChatEvent.ServerError(T, "401", "nick zed is not online")))
                .isEqualTo("22:07 ! nick zed is not online");
    }

    @Test
    void saysNothingWhenWeLeftOnPurpose() {
        assertThat(formatter.format(new ChatEvent.Disconnected(T, "you left", true))).isEmpty();
        assertThat(line(new ChatEvent.Disconnected(T, "the server closed the connection", false)))
                .isEqualTo("22:07 Disconnected: the server closed the connection");
    }

    @Test
    void printsEachLineOfTheMessageOfTheDay() {
        assertThat(line(new ChatEvent.MessageOfTheDay(T, List.of("Welcome!", "Be nice."))))
                .isEqualTo("22:07 -motd- Welcome!\n22:07 -motd- Be nice.");
    }

    @Test
    void greetsOnConnect() {
        assertThat(line(new ChatEvent.Connected(T, "alice", "irc.test", Set.of())))
                .isEqualTo("22:07 Connected to irc.test as alice. Type /help for commands.");
    }

    @Test
    void neutralisesTerminalEscapesInIncomingText() {
        assertThat(line(new ChatEvent.LobbyMessage(T, "eve", "#lobby", "\u001b[2Jgotcha \u0002bold\u0002 \u000304,12red", false)))
                .isEqualTo("22:07 <eve> ?[2Jgotcha bold red");
    }

    @Test
    void listsMembersWithTheirPrefixAndAwayState() {
        assertThat(line(new ChatEvent.UsersListed(T, "#dev", List.of("alice", "bob", "carol", "dave"), List.of(
                new Member("alice", "@+", null), new Member("bob", "+", "lunch"), new Member("carol", "", ""),
                Member.of("dave")))))
                .isEqualTo("22:07 4 users in #dev: @alice, +bob (away: lunch), carol (away), dave");
    }

    @Test
    void showsModeChangesAndAway() {
        assertThat(line(new ChatEvent.ModeChanged(T, "alice", "#dev", List.of("+o", "bob"))))
                .isEqualTo("22:07 --- alice sets mode +o bob on #dev");
        assertThat(line(new ChatEvent.AwayChanged(T, "bob", "lunch", false))).isEqualTo("22:07 --- bob is away: lunch");
        assertThat(line(new ChatEvent.AwayChanged(T, "bob", "lunch", true))).isEqualTo("22:07 bob is away: lunch");
        assertThat(line(new ChatEvent.AwayChanged(T, "bob", null, false))).isEqualTo("22:07 --- bob is back");
        assertThat(formatter.format(new ChatEvent.MembersChanged(T, "#dev", List.of()))).isEmpty();
    }

    @Test
    void showsHistoryBetweenMarkersWithTheDateOfOlderLines() {
        Instant yesterday = Instant.parse("2026-11-24T08:00:00Z");
        Instant today = Instant.parse("2026-11-25T20:00:00Z");
        assertThat(line(new ChatEvent.HistoryLoaded(T, "#lobby", List.of(
                new ChatEvent.HistoryLine(yesterday, "bob", "morning", false, false, "m1"),
                new ChatEvent.HistoryLine(today, "carol", "waves", true, false, "m2")))))
                .isEqualTo("""
                        22:07 --- Earlier in #lobby (2 lines):
                        2026-11-24 09:00 <bob> morning
                        21:00 * carol waves
                        22:07 --- End of earlier lines""");
    }

    @Test
    void showsPrivateHistoryAsTheConversationWasSeen() {
        assertThat(line(new ChatEvent.HistoryLoaded(T, "bob", List.of(
                new ChatEvent.HistoryLine(T, "bob", "psst", false, false, "p1"),
                new ChatEvent.HistoryLine(T, "alice", "yes?", false, false, "p2")))))
                .isEqualTo("""
                        22:07 --- Earlier in your conversation with bob (2 lines):
                        22:07 *bob* psst
                        22:07 -> *bob* yes?
                        22:07 --- End of earlier lines""");
    }
}
