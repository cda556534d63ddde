package org.messenger.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A hub with presence windows tells each connected user what a hub without them tells it, and
 * everything about one other user in the same order: windows only gather, they never lose,
 * duplicate or reorder what a user hears about someone. Random sessions of JOIN, PART, QUIT,
 * KICK, private and channel messages and window ends, run on both hubs side by side.
 */
class PresenceWindowProperties {
    private static final int USERS = 5;
    private static final List<String> CHANNELS = List.of("#a", "#b", "#lobby");

    /** One step of a random session: who does what, where. */
    record Step(int kind, int user, int other, int channel) {}

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 10), Arbitraries.integers().between(0, USERS - 1),
                Arbitraries.integers().between(0, USERS - 1), Arbitraries.integers().between(0, CHANNELS.size() - 1)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 500)
    void windowsGatherButNeverLoseDuplicateOrReorder(@ForAll("steps") List<Step> steps) {
        List<Runnable> ends = new ArrayList<>();
        Clock clock = Clock.fixed(Instant.parse("2026-12-05T12:00:00Z"), ZoneOffset.UTC);
        ChatHub windowed = new LocalChatHub(ChatConfig.defaults().withClock(clock), HistoryStore.NONE,
                new PresenceWindow(Duration.ofMillis(100), 3, (task, nanos) -> ends.add(task)));
        ChatHub direct = new LocalChatHub(ChatConfig.defaults().withClock(clock));
        windowed.createPermanentChannel("#lobby");
        direct.createPermanentChannel("#lobby");
        RecordingSession[] toldWindowed = new RecordingSession[USERS];
        RecordingSession[] toldDirect = new RecordingSession[USERS];
        ChatUser[] inWindowed = new ChatUser[USERS];
        ChatUser[] inDirect = new ChatUser[USERS];
        Set<Integer> quit = new HashSet<>();
        for (int i = 0; i < USERS; i++) {
            toldWindowed[i] = new RecordingSession();
            toldDirect[i] = new RecordingSession();
            inWindowed[i] = register(windowed, i, toldWindowed[i]);
            inDirect[i] = register(direct, i, toldDirect[i]);
        }

        for (Step step : steps) {
            if (step.kind() == 9) {
                runAll(ends);
                continue;
            }
            if (quit.contains(step.user())) {
                continue;
            }
            String outcomeWindowed = apply(windowed, inWindowed, step);
            String outcomeDirect = apply(direct, inDirect, step);
            assertThat(outcomeWindowed).as("the same answer from both hubs to %s", step).isEqualTo(outcomeDirect);
            if (step.kind() == 8) {
                quit.add(step.user());
            }
        }
        runAll(ends);

        for (int i = 0; i < USERS; i++) {
            if (quit.contains(i)) {
                continue; // a user that quit is not told what was waiting when it left: it is gone
            }
            List<String> got = flatten(toldWindowed[i].events);
            List<String> expected = flatten(toldDirect[i].events);
            assertThat(got).as("what user%d heard", i).containsExactlyInAnyOrderElementsOf(expected);
            for (int about = 0; about < USERS; about++) {
                String subject = "user" + about + " ";
                assertThat(got.stream().filter(line -> line.startsWith(subject)).toList())
                        .as("what user%d heard about user%d, in order", i, about)
                        .containsExactlyElementsOf(expected.stream().filter(line -> line.startsWith(subject)).toList());
            }
        }
    }

    private static ChatUser register(ChatHub hub, int i, Session session) {
        try {
            return hub.register("user" + i, "u", "R", "h", session);
        } catch (ChatException e) {
            throw new AssertionError(e);
        }
    }

    private static void runAll(List<Runnable> ends) {
        List<Runnable> due = new ArrayList<>(ends);
        ends.clear();
        due.forEach(Runnable::run);
    }

    /** Applies one step; the answer is "ok", "no" (nothing to do) or the refusal's error. */
    private static String apply(ChatHub hub, ChatUser[] users, Step step) {
        ChatUser user = users[step.user()];
        String channel = CHANNELS.get(step.channel());
        try {
            switch (step.kind()) {
                case 0, 1, 2 -> {
                    return hub.join(user, channel) ? "ok" : "no";
                }
                case 3, 4 -> hub.part(user, channel, "p");
                case 5 -> hub.sendToUser(user, "user" + step.other(), MessageKind.MESSAGE, "m" + step.other(), Map.of());
                case 6, 7 -> hub.sendToChannel(user, channel, MessageKind.MESSAGE, "c", Map.of());
                case 8 -> hub.quit(user, "q");
                case 10 -> hub.kick(user, channel, "user" + step.other(), "k");
                default -> throw new IllegalStateException("no step " + step.kind());
            }
            return "ok";
        } catch (ChatException e) {
            return e.error().name();
        }
    }

    /** Every event as a line starting with the user it is about; a batch as its lines. */
    private static List<String> flatten(List<HubEvent> events) {
        List<String> lines = new ArrayList<>();
        for (HubEvent event : events) {
            if (event instanceof HubEvent.PresenceBatch batch) {
                for (HubEvent e : batch.events().subList(batch.from(), batch.events().size())) {
                    lines.add(describe(e));
                }
            } else {
                lines.add(describe(event));
            }
        }
        return lines;
    }

    private static String describe(HubEvent event) {
        return switch (event) {
            case HubEvent.Joined j -> j.who().nick() + " joined " + j.channel();
            case HubEvent.Parted p -> p.who().nick() + " parted " + p.channel();
            case HubEvent.Quit q -> q.who().nick() + " quit";
            case HubEvent.MessageReceived m -> m.message().from().nick() + " said " + m.message().text() + " to " + m.message().target();
            case HubEvent.Kicked k -> k.victim() + " was kicked from " + k.channel() + " by " + k.who().nick();
            default -> "other " + event.getClass().getSimpleName();
        };
    }
}
