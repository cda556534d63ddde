package org.messenger.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatHubTest {
    private final ChatHub hub = new LocalChatHub(ChatConfig.defaults()
            .withClock(Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC)));

    private record Client(ChatUser user, RecordingSession session) {}

    private Client register(String nick) throws ChatException {
        RecordingSession session = new RecordingSession();
        return new Client(hub.register(nick, "u" + nick, "Real " + nick, "127.0.0.1", session), session);
    }

    @Test
    void rejectsNickAlreadyInUseIgnoringCase() throws ChatException {
        register("alice");
        assertThatThrownBy(() -> register("ALICE"))
                .isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.error()).isEqualTo(ChatError.NICK_IN_USE));
        assertThat(hub.isNickAvailable("Alice")).isFalse();
        assertThat(hub.isNickAvailable("bob")).isTrue();
    }

    @Test
    void comparesNicksWithTheFoldingItIsGiven() throws ChatException {
        // The IRC server passes its rfc1459 case mapping; any folding works the same way.
        NameFolding brackets = name -> NameFolding.ASCII.fold(name).replace('[', '{').replace(']', '}');
        ChatHub folding = new LocalChatHub(ChatConfig.defaults().withCaseMapping(brackets));
        folding.register("al[ice]", "u", "U", "h", new RecordingSession());
        assertThatThrownBy(() -> folding.register("AL{ICE}", "u", "U", "h", new RecordingSession()))
                .isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.error()).isEqualTo(ChatError.NICK_IN_USE));
        register("al[ice]");
        assertThat(hub.isNickAvailable("al{ice}")).as("the default ASCII folding keeps them apart").isTrue();
    }

    @Test
    void rejectsErroneousNick() {
        for (String bad : new String[] {"", "1abc", "a b", "#chan", "x".repeat(31), "é"}) {
            assertThatThrownBy(() -> register(bad))
                    .isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.error()).isEqualTo(ChatError.ERRONEOUS_NICK));
        }
    }

    @Test
    void joinIsSeenByEveryMemberIncludingTheJoiner() throws ChatException {
        Client alice = register("alice");
        Client bob = register("bob");
        hub.join(alice.user(), "#lobby");
        hub.join(bob.user(), "#LOBBY");
        assertThat(alice.session().eventsOf(HubEvent.Joined.class)).extracting(j -> j.who().nick()).containsExactly("alice", "bob");
        assertThat(bob.session().eventsOf(HubEvent.Joined.class)).extracting(j -> j.who().nick()).containsExactly("bob");
        assertThat(hub.channel("#Lobby").orElseThrow().members()).extracting(ChatUser::nick).containsExactly("alice", "bob");
    }

    @Test
    void joiningTwiceIsANoOp() throws ChatException {
        Client alice = register("alice");
        assertThat(hub.join(alice.user(), "#a")).isTrue();
        assertThat(hub.join(alice.user(), "#a")).isFalse();
        assertThat(alice.session().eventsOf(HubEvent.Joined.class)).hasSize(1);
    }

    @Test
    void rejectsInvalidChannelName() throws ChatException {
        Client alice = register("alice");
        assertThatThrownBy(() -> hub.join(alice.user(), "lobby"))
                .isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.error()).isEqualTo(ChatError.NO_SUCH_CHANNEL));
    }

    @Test
    void channelMessageReachesOtherMembersButNotTheSender() throws ChatException {
        Client alice = register("alice");
        Client bob = register("bob");
        Client carol = register("carol");
        hub.join(alice.user(), "#lobby");
        hub.join(bob.user(), "#lobby");
        hub.join(carol.user(), "#lobby");
        hub.sendToChannel(alice.user(), "#lobby", MessageKind.MESSAGE, "hi all", Map.of("+typing", "done"));
        assertThat(alice.session().eventsOf(HubEvent.MessageReceived.class)).isEmpty();
        for (Client other : new Client[] {bob, carol}) {
            assertThat(other.session().eventsOf(HubEvent.MessageReceived.class))
                    .singleElement()
                    .satisfies(m -> {
                        assertThat(m.message().text()).isEqualTo("hi all");
                        assertThat(m.message().from().nick()).isEqualTo("alice");
                        assertThat(m.message().tags()).containsEntry("+typing", "done");
                    });
        }
    }

    @Test
    void refusesChannelMessageFromNonMember() throws ChatException {
        Client alice = register("alice");
        Client bob = register("bob");
        hub.join(alice.user(), "#a");
        assertThatThrownBy(() -> hub.sendToChannel(bob.user(), "#a", MessageKind.MESSAGE, "x", Map.of()))
                .isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.error()).isEqualTo(ChatError.CANNOT_SEND_TO_CHANNEL));
        assertThatThrownBy(() -> hub.sendToChannel(bob.user(), "#nope", MessageKind.MESSAGE, "x", Map.of()))
                .isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.error()).isEqualTo(ChatError.NO_SUCH_CHANNEL));
    }

    @Test
    void privateMessageReachesOnlyTheRecipient() throws ChatException {
        Client alice = register("alice");
        Client bob = register("bob");
        Client carol = register("carol");
        hub.sendToUser(alice.user(), "BOB", MessageKind.MESSAGE, "psst", Map.of());
        assertThat(bob.session().eventsOf(HubEvent.MessageReceived.class)).singleElement()
                .satisfies(m -> assertThat(m.message().target()).isEqualTo("bob"));
        assertThat(carol.session().events).isEmpty();
        assertThat(alice.session().events).isEmpty();
    }

    @Test
    void privateMessageToUnknownNickFails() throws ChatException {
        Client alice = register("alice");
        assertThatThrownBy(() -> hub.sendToUser(alice.user(), "ghost", MessageKind.MESSAGE, "x", Map.of()))
                .isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.error()).isEqualTo(ChatError.NO_SUCH_NICK));
    }

    @Test
    void quitIsToldOnceToEveryoneSharingAChannelAndFreesTheNick() throws ChatException {
        Client alice = register("alice");
        Client bob = register("bob");
        Client loner = register("loner");
        hub.join(alice.user(), "#a");
        hub.join(alice.user(), "#b");
        hub.join(bob.user(), "#a");
        hub.join(bob.user(), "#b");
        hub.quit(alice.user(), "bye");
        assertThat(bob.session().eventsOf(HubEvent.Quit.class)).singleElement()
                .satisfies(q -> assertThat(q.reason()).isEqualTo("bye"));
        assertThat(loner.session().events).isEmpty();
        assertThat(alice.session().eventsOf(HubEvent.Quit.class)).isEmpty();
        assertThat(hub.isNickAvailable("alice")).isTrue();
        assertThat(hub.channel("#a").orElseThrow().members()).extracting(ChatUser::nick).containsExactly("bob");
        hub.quit(alice.user(), "twice is harmless");
    }

    @Test
    void aNickChangeReachesEachNeighbourOnceWhicheverOfTheChannelsTheyShare() throws ChatException {
        Client alice = register("alice");
        Client both = register("both");
        Client second = register("second");
        hub.join(alice.user(), "#a");
        hub.join(alice.user(), "#b");
        hub.join(both.user(), "#a");
        hub.join(both.user(), "#b");
        hub.join(second.user(), "#b");
        hub.changeNick(alice.user(), "alicia");
        assertThat(alice.session().eventsOf(HubEvent.NickChanged.class)).hasSize(1);
        assertThat(both.session().eventsOf(HubEvent.NickChanged.class)).hasSize(1);
        assertThat(second.session().eventsOf(HubEvent.NickChanged.class)).hasSize(1);
    }

    @Test
    void aQuitForgetsOnlyTheQuittersConversations() throws ChatException {
        Client alice = register("alice");
        Client bob = register("bob");
        Client carol = register("carol");
        hub.sendToUser(alice.user(), "bob", MessageKind.MESSAGE, "to bob", Map.of());
        hub.sendToUser(carol.user(), "alice", MessageKind.MESSAGE, "to alice", Map.of());
        hub.sendToUser(alice.user(), "alice", MessageKind.MESSAGE, "to myself", Map.of());
        assertThat(hub.privateConversationCount()).isEqualTo(3);
        hub.quit(bob.user(), "bye");
        assertThat(hub.privateConversationCount()).isEqualTo(2);
        assertThat(hub.privateHistory(alice.user(), carol.user())).extracting(ChatMessage::text).containsExactly("to alice");
        hub.quit(alice.user(), "bye");
        assertThat(hub.privateConversationCount()).isZero();
        hub.sendToUser(carol.user(), "carol", MessageKind.MESSAGE, "still works", Map.of());
        assertThat(hub.privateConversationCount()).isEqualTo(1);
    }

    @Test
    void emptyChannelDisappearsButPermanentChannelStays() throws ChatException {
        hub.createPermanentChannel("#lobby");
        Client alice = register("alice");
        hub.join(alice.user(), "#lobby");
        hub.join(alice.user(), "#tmp");
        hub.quit(alice.user(), "gone");
        assertThat(hub.channel("#tmp")).isEmpty();
        assertThat(hub.channel("#lobby")).isPresent();
        assertThat(hub.userCount()).isZero();
    }

    @Test
    void partIsSeenByMembersAndRequiresMembership() throws ChatException {
        Client alice = register("alice");
        Client bob = register("bob");
        hub.join(alice.user(), "#a");
        hub.join(bob.user(), "#a");
        hub.part(alice.user(), "#a", "later");
        assertThat(bob.session().eventsOf(HubEvent.Parted.class)).singleElement()
                .satisfies(p -> assertThat(p.reason()).isEqualTo("later"));
        assertThat(alice.session().eventsOf(HubEvent.Parted.class)).hasSize(1);
        assertThatThrownBy(() -> hub.part(alice.user(), "#a", ""))
                .isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.error()).isEqualTo(ChatError.NOT_ON_CHANNEL));
    }

    @Test
    void nickChangeIsToldOnceToSelfAndNeighbours() throws ChatException {
        Client alice = register("alice");
        Client bob = register("bob");
        hub.join(alice.user(), "#a");
        hub.join(alice.user(), "#b");
        hub.join(bob.user(), "#a");
        hub.join(bob.user(), "#b");
        hub.changeNick(alice.user(), "alicia");
        assertThat(bob.session().eventsOf(HubEvent.NickChanged.class)).singleElement()
                .satisfies(n -> assertThat(n.before().nick() + ">" + n.newNick()).isEqualTo("alice>alicia"));
        assertThat(alice.session().eventsOf(HubEvent.NickChanged.class)).hasSize(1);
        assertThat(hub.isNickAvailable("alice")).isTrue();
        assertThat(hub.findUser("ALICIA")).containsSame(alice.user());
    }

    @Test
    void nickChangeToATakenNickFailsButCaseChangeOfOwnNickWorks() throws ChatException {
        Client alice = register("alice");
        register("bob");
        assertThatThrownBy(() -> hub.changeNick(alice.user(), "Bob"))
                .isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.error()).isEqualTo(ChatError.NICK_IN_USE));
        hub.changeNick(alice.user(), "Alice");
        assertThat(alice.user().nick()).isEqualTo("Alice");
    }

    @Test
    void channelHistoryKeepsTheLastHundredMessagesByDefault() throws ChatException {
        Client alice = register("alice");
        hub.join(alice.user(), "#a");
        for (int i = 0; i < 150; i++) {
            hub.sendToChannel(alice.user(), "#a", MessageKind.MESSAGE, "m" + i, Map.of());
        }
        assertThat(hub.channelHistory("#a")).hasSize(ChatConfig.DEFAULT_HISTORY)
                .extracting(ChatMessage::text).startsWith("m50").endsWith("m149");
    }

    @Test
    void privateHistoryIsOneBoundedConversationPerPair() throws ChatException {
        Client alice = register("alice");
        Client bob = register("bob");
        for (int i = 0; i < 120; i++) {
            hub.sendToUser(i % 2 == 0 ? alice.user() : bob.user(), i % 2 == 0 ? "bob" : "alice", MessageKind.MESSAGE, "m" + i, Map.of());
        }
        assertThat(hub.privateHistory(bob.user(), alice.user())).hasSize(100)
                .extracting(ChatMessage::text).startsWith("m20").endsWith("m119");
        assertThat(hub.privateConversationCount()).isEqualTo(1);
    }

    @Test
    void withAHistoryStorePrivateMessagesGoToItAndNotToMemory() throws ChatException {
        java.util.List<String> stored = new java.util.ArrayList<>();
        HistoryStore store = new HistoryStore() {
            @Override
            public void append(String conversation, ChatMessage message) {
                stored.add(conversation + ": " + message.text());
            }

            @Override
            public java.util.concurrent.CompletableFuture<java.util.List<ChatMessage>> latest(String conversation, int limit) {
                return java.util.concurrent.CompletableFuture.completedFuture(java.util.List.of());
            }

            @Override
            public java.util.concurrent.CompletableFuture<java.util.List<Activity>> activity(java.util.List<String> channels,
                    String foldedNick, Instant privateSince, Instant from, Instant to, int limit) {
                return java.util.concurrent.CompletableFuture.completedFuture(java.util.List.of());
            }

            @Override
            public java.util.concurrent.CompletableFuture<Void> sync() {
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }

            @Override
            public void close() {}
        };
        ChatHub durable = new LocalChatHub(ChatConfig.defaults(), store);
        ChatUser alice = durable.register("Alice", "u", "U", "h", new RecordingSession());
        ChatUser bob = durable.register("bob", "u", "U", "h", new RecordingSession());
        durable.sendToUser(alice, "BOB", MessageKind.MESSAGE, "hi", Map.of());
        assertThat(stored).containsExactly("alice bob: hi");
        assertThat(durable.privateConversationCount()).isZero();
        assertThat(durable.privateHistory(alice, bob)).isEmpty();
    }

    @Test
    void nickSinceMovesWithARenameButNotWithAChangeOfCase() throws ChatException {
        java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic.AtomicReference<>(
                Instant.parse("2026-11-25T12:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        ChatHub timed = new LocalChatHub(ChatConfig.defaults().withClock(clock));
        ChatUser alice = timed.register("alice", "u", "U", "h", new RecordingSession());
        now.set(Instant.parse("2026-11-25T12:01:00Z"));
        timed.changeNick(alice, "ALICE");
        assertThat(alice.nickSince()).isEqualTo(Instant.parse("2026-11-25T12:00:00Z"));
        now.set(Instant.parse("2026-11-25T12:02:00Z"));
        timed.changeNick(alice, "alicia");
        assertThat(alice.nickSince()).isEqualTo(Instant.parse("2026-11-25T12:02:00Z"));
    }

    @Test
    void quittingForgetsPrivateHistory() throws ChatException {
        Client alice = register("alice");
        Client bob = register("bob");
        hub.sendToUser(alice.user(), "bob", MessageKind.MESSAGE, "x", Map.of());
        hub.quit(bob.user(), "bye");
        assertThat(hub.privateConversationCount()).isZero();
        assertThat(hub.privateHistory(alice.user(), bob.user())).isEmpty();
    }

    @Test
    void historyLimitIsConfigurable() throws ChatException {
        ChatHub small = new LocalChatHub(ChatConfig.defaults().withHistoryPerConversation(3));
        ChatUser alice = small.register("alice", "a", "A", "h", new RecordingSession());
        small.join(alice, "#a");
        for (int i = 0; i < 5; i++) {
            small.sendToChannel(alice, "#a", MessageKind.NOTICE, "m" + i, Map.of());
        }
        assertThat(small.channelHistory("#a")).extracting(ChatMessage::text).containsExactly("m2", "m3", "m4");
    }

    @Test
    void topicIsSetToldToMembersAndCleared() throws ChatException {
        Client alice = register("alice");
        Client bob = register("bob");
        hub.join(alice.user(), "#a");
        hub.join(bob.user(), "#a");
        hub.setTopic(alice.user(), "#a", "plans");
        assertThat(hub.channel("#a").orElseThrow().topic().text()).isEqualTo("plans");
        assertThat(bob.session().eventsOf(HubEvent.TopicChanged.class)).singleElement()
                .satisfies(t -> assertThat(t.topic()).isEqualTo("plans"));
        hub.setTopic(alice.user(), "#a", "");
        assertThat(hub.channel("#a").orElseThrow().topic()).isNull();
    }

    @Test
    void awayMessageIsSetAndCleared() throws ChatException {
        Client alice = register("alice");
        hub.setAway(alice.user(), "lunch");
        assertThat(alice.user().awayMessage()).isEqualTo("lunch");
        hub.setAway(alice.user(), "");
        assertThat(alice.user().awayMessage()).isNull();
    }

    @Test
    void limitsChannelsPerUser() throws ChatException {
        ChatHub strict = new LocalChatHub(new ChatConfig(NameFolding.ASCII, NameRules.DEFAULT, 10, 2, Clock.systemUTC()));
        ChatUser alice = strict.register("alice", "a", "A", "h", new RecordingSession());
        strict.join(alice, "#a");
        strict.join(alice, "#b");
        assertThatThrownBy(() -> strict.join(alice, "#c"))
                .isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.error()).isEqualTo(ChatError.TOO_MANY_CHANNELS));
    }

    @Test
    void tagOnlyMessagesAreDeliveredButNotKept() throws ChatException {
        Client alice = register("alice");
        Client bob = register("bob");
        hub.join(alice.user(), "#a");
        hub.join(bob.user(), "#a");
        hub.sendToChannel(alice.user(), "#a", MessageKind.TAGS_ONLY, "", Map.of("+typing", "active"));
        hub.sendToUser(alice.user(), "bob", MessageKind.TAGS_ONLY, "", Map.of("+typing", "done"));
        assertThat(bob.session().eventsOf(HubEvent.MessageReceived.class)).hasSize(2);
        assertThat(hub.channelHistory("#a")).isEmpty();
        assertThat(hub.privateConversationCount()).isZero();
    }

    @Test
    void remembersWhenAUserLastSpoke() throws ChatException {
        java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic.AtomicReference<>(Instant.parse("2026-11-25T12:00:00Z"));
        Clock clock = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now.get(); }
        };
        ChatHub timed = new LocalChatHub(ChatConfig.defaults().withClock(clock));
        ChatUser alice = timed.register("alice", "a", "A", "h", new RecordingSession());
        timed.register("bob", "b", "B", "h", new RecordingSession());
        assertThat(alice.lastSpokeAt()).isEqualTo(alice.signedOnAt());
        now.set(now.get().plusSeconds(42));
        timed.sendToUser(alice, "bob", MessageKind.MESSAGE, "hi", Map.of());
        assertThat(alice.lastSpokeAt()).isEqualTo(Instant.parse("2026-11-25T12:00:42Z"));
    }
}
