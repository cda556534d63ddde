package org.messenger.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bystanders are told of JOINs and PARTs once per window, in order, and never after anything that follows them. */
class PresenceWindowTest {
    /** The windows' ends the hub asked for, run when the test says so. */
    private final List<Runnable> scheduled = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    private final PresenceWindow window = new PresenceWindow(Duration.ofMillis(100), 4, (task, nanos) -> {
        scheduled.add(task);
        delays.add(nanos);
    });
    private final ChatHub hub = new LocalChatHub(ChatConfig.defaults()
            .withClock(Clock.fixed(Instant.parse("2026-12-05T12:00:00Z"), ZoneOffset.UTC)), HistoryStore.NONE, window);

    private record Client(ChatUser user, RecordingSession session) {}

    private Client register(String nick) throws ChatException {
        RecordingSession session = new RecordingSession();
        return new Client(hub.register(nick, "u", "Real " + nick, "127.0.0.1", session), session);
    }

    /** A client already in {@code channels}, its windows over and what it was told forgotten. */
    private Client settled(String nick, String... channels) throws ChatException {
        Client client = register(nick);
        for (String channel : channels) {
            hub.join(client.user(), channel);
        }
        endWindow();
        client.session().events.clear();
        return client;
    }

    private void endWindow() {
        List<Runnable> due = new ArrayList<>(scheduled);
        scheduled.clear();
        delays.clear();
        due.forEach(Runnable::run);
    }

    /** What a client was told, one entry per line it would see; a batch is marked with '|' between its lines. */
    private static List<String> seen(Client client) {
        List<String> lines = new ArrayList<>();
        for (HubEvent event : client.session().events) {
            if (event instanceof HubEvent.PresenceBatch batch) {
                List<String> inBatch = new ArrayList<>();
                for (HubEvent e : batch.events().subList(batch.from(), batch.events().size())) {
                    inBatch.add(describe(e));
                }
                lines.add(String.join(" | ", inBatch));
            } else {
                lines.add(describe(event));
            }
        }
        return lines;
    }

    private static String describe(HubEvent event) {
        return switch (event) {
            case HubEvent.Joined j -> "join " + j.who().nick() + " " + j.channel();
            case HubEvent.Parted p -> "part " + p.who().nick() + " " + p.channel();
            case HubEvent.Quit q -> "quit " + q.who().nick();
            case HubEvent.MessageReceived m -> "msg " + m.message().from().nick() + " " + m.message().target() + " " + m.message().text();
            case HubEvent.Kicked k -> "kick " + k.victim() + " " + k.channel();
            case HubEvent.NickChanged n -> "nick " + n.before().nick() + " " + n.newNick();
            default -> event.getClass().getSimpleName();
        };
    }

    @Test
    void aWindowsJoinsReachAMemberTogetherWhenItEnds() throws ChatException {
        Client alice = settled("alice", "#lobby");
        Client bob = register("bob");
        Client carol = register("carol");

        hub.join(bob.user(), "#lobby");
        hub.join(carol.user(), "#lobby");

        assertThat(seen(alice)).as("nothing before the window ends").isEmpty();
        assertThat(seen(bob)).as("the joiner is told its own JOIN at once").containsExactly("join bob #lobby");
        assertThat(scheduled).as("one end per window, however many JOINs").hasSize(1);
        assertThat(delays).containsExactly(Duration.ofMillis(100).toNanos());

        endWindow();

        assertThat(seen(alice)).containsExactly("join bob #lobby | join carol #lobby");
        assertThat(seen(bob)).as("bob joined before carol: he is told hers, not his own again")
                .containsExactly("join bob #lobby", "join carol #lobby");
        assertThat(seen(carol)).as("carol's NAMES already lists bob").containsExactly("join carol #lobby");
        HubEvent.PresenceBatch toAlice = (HubEvent.PresenceBatch) alice.session().events.get(0);
        HubEvent.PresenceBatch toBob = (HubEvent.PresenceBatch) bob.session().events.get(1);
        assertThat(toBob.events()).as("one list shared by every member, each with where it starts").isSameAs(toAlice.events());
        assertThat(toAlice.from()).isZero();
        assertThat(toBob.from()).isEqualTo(1);
    }

    @Test
    void anyOtherEventTellsTheWaitingWindowFirst() throws ChatException {
        Client alice = settled("alice", "#lobby");
        Client bob = register("bob");
        hub.join(bob.user(), "#lobby");

        hub.sendToUser(bob.user(), "alice", MessageKind.MESSAGE, "hi", Map.of());
        hub.sendToChannel(bob.user(), "#lobby", MessageKind.MESSAGE, "all", Map.of());
        hub.quit(bob.user(), "bye");

        assertThat(seen(alice)).as("bob's JOIN before anything from him; his QUIT (from his only channel) waits for the next window")
                .containsExactly("join bob #lobby", "msg bob alice hi", "msg bob #lobby all");
        endWindow();
        assertThat(seen(alice)).containsExactly("join bob #lobby", "msg bob alice hi", "msg bob #lobby all", "quit bob");
    }

    @Test
    void aQuitFromTheOnlyChannelWaitsForTheWindowAndOneFromSeveralDoesNot() throws ChatException {
        Client bob = settled("bob", "#lobby");
        Client carol = settled("carol", "#lobby", "#other");
        Client alice = settled("alice", "#lobby", "#other");

        hub.quit(bob.user(), "bye");
        assertThat(seen(alice)).as("bob was in #lobby alone: his QUIT waits for the window").isEmpty();
        hub.quit(carol.user(), "gone");
        assertThat(seen(alice)).as("carol was in two channels: told at once, once, after the window")
                .containsExactly("quit bob", "quit carol");
        endWindow();
        assertThat(seen(alice)).hasSize(2);
    }

    @Test
    void whatAMemberOfSeveralChannelsHearsAboutSomeoneStaysInOrder() throws ChatException {
        Client alice = settled("alice", "#a", "#b");
        Client bob = register("bob");
        Client carol = register("carol");
        hub.join(carol.user(), "#b"); // #b's window starts first
        hub.join(bob.user(), "#a");
        hub.join(bob.user(), "#b");

        hub.part(bob.user(), "#a", "");
        hub.quit(bob.user(), "bye"); // from #b alone: it goes with #b's window
        endWindow();

        // Windows are told channel by channel: without care #b's (bob's JOIN, then his QUIT) came
        // before #a's (bob's JOIN and PART of #a), a PART after the QUIT.
        assertThat(seen(alice).stream().flatMap(line -> java.util.Arrays.stream(line.split(" \\| ")))
                .filter(line -> line.contains("bob")).toList())
                .containsExactly("join bob #a", "join bob #b", "part bob #a", "quit bob");
    }

    @Test
    void aKickIsSeenAfterTheVictimsJoin() throws ChatException {
        Client alice = register("alice");
        hub.join(alice.user(), "#ops");
        endWindow();
        Client bob = register("bob");
        hub.join(bob.user(), "#ops");

        hub.kick(alice.user(), "#ops", "bob", "out");

        assertThat(seen(alice)).containsExactly("join alice #ops", "join bob #ops", "kick bob #ops");
        assertThat(seen(bob)).containsExactly("join bob #ops", "kick bob #ops");
    }

    @Test
    void aMemberLeavingDuringTheWindowIsToldWhatCameBeforeItsPart() throws ChatException {
        Client alice = settled("alice", "#lobby");
        Client dave = settled("dave", "#lobby");
        alice.session().events.clear(); // dave's JOIN
        Client bob = register("bob");
        Client carol = register("carol");

        hub.join(bob.user(), "#lobby");
        hub.part(dave.user(), "#lobby", "later");
        hub.join(carol.user(), "#lobby");
        endWindow();

        assertThat(seen(dave)).as("bob's JOIN, then dave's own PART; not carol's, who came after")
                .containsExactly("join bob #lobby", "part dave #lobby");
        assertThat(seen(alice)).containsExactly("join bob #lobby | part dave #lobby | join carol #lobby");
        assertThat(seen(bob)).containsExactly("join bob #lobby", "part dave #lobby | join carol #lobby");
        assertThat(seen(carol)).containsExactly("join carol #lobby");
    }

    @Test
    void aFullWindowEndsEarly() throws ChatException {
        Client alice = settled("alice", "#lobby");
        for (int i = 0; i < 5; i++) {
            hub.join(register("user" + i).user(), "#lobby");
        }

        assertThat(seen(alice)).as("four events fill a window: told without waiting for its end")
                .containsExactly("join user0 #lobby | join user1 #lobby | join user2 #lobby | join user3 #lobby");
        endWindow();
        assertThat(seen(alice)).last().isEqualTo("join user4 #lobby");
    }

    @Test
    void windowsOfSeveralChannelsAreToldEachToItsMembers() throws ChatException {
        Client alice = settled("alice", "#a");
        Client bob = settled("bob", "#b");
        Client carol = register("carol");
        hub.join(carol.user(), "#a");
        hub.join(carol.user(), "#b");

        endWindow();

        assertThat(seen(alice)).containsExactly("join carol #a");
        assertThat(seen(bob)).containsExactly("join carol #b");
        assertThat(seen(carol)).containsExactly("join carol #a", "join carol #b");
    }

    @Test
    void withoutAWindowEveryJoinIsToldAtOnce() throws ChatException {
        ChatHub direct = new LocalChatHub(ChatConfig.defaults());
        RecordingSession first = new RecordingSession();
        ChatUser alice = direct.register("alice", "u", "A", "h", first);
        direct.join(alice, "#lobby");
        direct.join(direct.register("bob", "u", "B", "h", new RecordingSession()), "#lobby");

        assertThat(first.eventsOf(HubEvent.Joined.class)).extracting(j -> j.who().nick()).containsExactly("alice", "bob");
        assertThat(first.eventsOf(HubEvent.PresenceBatch.class)).isEmpty();
    }

    @Test
    void refusesWindowsThatAreNoneOrTooLong() {
        PresenceWindow.Scheduler scheduler = (task, nanos) -> {};
        assertThatThrownBy(() -> new PresenceWindow(Duration.ZERO, 4, scheduler)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PresenceWindow(Duration.ofSeconds(2), 4, scheduler)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PresenceWindow(Duration.ofMillis(50), 0, scheduler)).isInstanceOf(IllegalArgumentException.class);
    }
}
