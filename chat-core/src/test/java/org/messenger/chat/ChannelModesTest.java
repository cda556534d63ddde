package org.messenger.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Channel operators, modes, kicks and invites as the hub keeps them, whatever the protocol. */
class ChannelModesTest {
    private final ChatHub hub = new LocalChatHub(ChatConfig.defaults()
            .withClock(Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC)));
    private ChatUser alice;
    private ChatUser bob;
    private RecordingSession bobSession;

    @BeforeEach
    void aliceCreatesAChannel() throws ChatException {
        hub.createPermanentChannel("#lobby");
        alice = hub.register("alice", "~alice", "Alice", "10.0.0.1", new RecordingSession());
        bobSession = new RecordingSession();
        bob = hub.register("bob", "~bob", "Bob", "10.0.0.2", bobSession);
        hub.join(alice, "#c");
    }

    private static ChatError errorOf(ThrowingCall call) {
        try {
            call.run();
        } catch (ChatException e) {
            return e.error();
        }
        throw new AssertionError("expected a refusal");
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws ChatException;
    }

    @Test
    void aRegisteredOnlyChannelTakesOnlyUsersWithAnAccount() throws ChatException {
        hub.changeChannelModes(alice, "#c", List.of(new ModeChange(true, ChannelMode.REGISTERED_ONLY, null)));
        assertThat(hub.channel("#c").orElseThrow().modes().registeredOnly()).isTrue();
        assertThat(errorOf(() -> hub.join(bob, "#c"))).isEqualTo(ChatError.NEEDS_ACCOUNT);
        hub.setAccount(bob, "bob");
        assertThat(hub.join(bob, "#c")).isTrue();
    }

    @Test
    void firstMemberOfANewChannelIsItsOperator() throws ChatException {
        hub.join(bob, "#c");
        ChannelView c = hub.channel("#c").orElseThrow();
        assertThat(c.isOperator(alice)).isTrue();
        assertThat(c.isOperator(bob)).isFalse();
    }

    @Test
    void permanentChannelHasNoOperatorAfterJoins() throws ChatException {
        hub.join(alice, "#lobby");
        assertThat(hub.channel("#lobby").orElseThrow().operators()).isEmpty();
    }

    @Test
    void serverOperatorModeratesAPermanentChannelButNotOthers() throws ChatException {
        hub.join(bob, "#lobby");
        hub.setServerOperator(bob, true);
        ModeResult result = hub.changeChannelModes(bob, "#lobby", List.of(ModeChange.set(ChannelMode.MODERATED, null)));
        assertThat(result.applied()).containsExactly(ModeChange.set(ChannelMode.MODERATED, null));
        hub.join(bob, "#c");
        assertThat(errorOf(() -> hub.changeChannelModes(bob, "#c", List.of(ModeChange.set(ChannelMode.MODERATED, null)))))
                .isEqualTo(ChatError.CHANOP_PRIVILEGES_NEEDED);
    }

    @Test
    void permanentChannelCannotBeClosed() throws ChatException {
        hub.setServerOperator(alice, true);
        ModeResult result = hub.changeChannelModes(alice, "#lobby", List.of(ModeChange.set(ChannelMode.INVITE_ONLY, null),
                ModeChange.set(ChannelMode.KEY, "k"), ModeChange.set(ChannelMode.LIMIT, "3")));
        assertThat(result.applied()).isEmpty();
        assertThat(result.refused()).extracting(r -> r.reason().error()).containsOnly(ChatError.PERMANENT_CHANNEL);
    }

    @Test
    void operatorStatusGoesWithTheMember() throws ChatException {
        hub.part(alice, "#c", "");
        hub.join(bob, "#c");
        hub.join(alice, "#c");
        assertThat(hub.channel("#c").orElseThrow().isOperator(alice)).isFalse();
    }

    @Test
    void appliedChangesAreToldInOneEventAndRefusalsKeptApart() throws ChatException {
        hub.join(bob, "#c");
        ModeResult result = hub.changeChannelModes(alice, "#c", List.of(ModeChange.set(ChannelMode.VOICE, "BOB"),
                ModeChange.set(ChannelMode.OPERATOR, "ghost"), ModeChange.set(ChannelMode.LIMIT, "0")));
        assertThat(result.applied()).containsExactly(ModeChange.set(ChannelMode.VOICE, "bob"));
        assertThat(result.refused()).extracting(r -> r.reason().error())
                .containsExactly(ChatError.NO_SUCH_NICK, ChatError.INVALID_MODE_PARAMETER);
        assertThat(bobSession.eventsOf(HubEvent.ChannelModesChanged.class)).singleElement()
                .satisfies(e -> assertThat(e.changes()).containsExactly(ModeChange.set(ChannelMode.VOICE, "bob")));
    }

    @Test
    void settingAModeAlreadySetChangesNothing() throws ChatException {
        ModeResult result = hub.changeChannelModes(alice, "#c", List.of(ModeChange.set(ChannelMode.TOPIC_LOCK, null)));
        assertThat(result.applied()).isEmpty();
    }

    @Test
    void partialBanMasksAreCompleted() {
        assertThat(BanMask.normalize("bob")).isEqualTo("bob!*@*");
        assertThat(BanMask.normalize("~u@10.*")).isEqualTo("*!~u@10.*");
        assertThat(BanMask.normalize("bob!x")).isEqualTo("bob!x@*");
        assertThat(BanMask.normalize("a b")).isNull();
        assertThat(BanMask.normalize("x".repeat(BanMask.MAX_LENGTH + 1))).isNull();
    }

    @Test
    void banListIsBounded() throws ChatException {
        for (int i = 0; i < ChatConfig.MAX_BANS_PER_CHANNEL; i++) {
            hub.changeChannelModes(alice, "#c", List.of(ModeChange.set(ChannelMode.BAN, "n" + i)));
        }
        ModeResult result = hub.changeChannelModes(alice, "#c", List.of(ModeChange.set(ChannelMode.BAN, "one-more")));
        assertThat(result.refused()).extracting(r -> r.reason().error()).containsExactly(ChatError.BAN_LIST_FULL);
        assertThat(hub.channel("#c").orElseThrow().bans()).hasSize(ChatConfig.MAX_BANS_PER_CHANNEL);
    }

    @Test
    void banOnHostKeepsMatchingUsersOut() throws ChatException {
        hub.changeChannelModes(alice, "#c", List.of(ModeChange.set(ChannelMode.BAN, "*@10.0.0.2")));
        assertThat(errorOf(() -> hub.join(bob, "#c"))).isEqualTo(ChatError.BANNED);
    }

    @Test
    void inviteLetsPastInviteOnlyKeyLimitAndBanOnce() throws ChatException {
        hub.changeChannelModes(alice, "#c", List.of(ModeChange.set(ChannelMode.INVITE_ONLY, null),
                ModeChange.set(ChannelMode.KEY, "k"), ModeChange.set(ChannelMode.LIMIT, "1"), ModeChange.set(ChannelMode.BAN, "bob")));
        hub.invite(alice, "bob", "#c");
        assertThat(bobSession.eventsOf(HubEvent.Invited.class)).hasSize(1);
        assertThat(hub.join(bob, "#c")).isTrue();
        hub.part(bob, "#c", "");
        assertThat(errorOf(() -> hub.join(bob, "#c"))).isEqualTo(ChatError.INVITE_ONLY);
    }

    @Test
    void kickTellsTheVictimAndRemovesIt() throws ChatException {
        hub.join(bob, "#c");
        hub.kick(alice, "#c", "bob", "x".repeat(NameRules.KICK_LENGTH + 10));
        assertThat(bobSession.eventsOf(HubEvent.Kicked.class)).singleElement()
                .satisfies(k -> assertThat(k.reason()).hasSize(NameRules.KICK_LENGTH));
        assertThat(hub.isMember(bob, "#c")).isFalse();
        assertThat(hub.channelsOf(bob)).isEmpty();
    }

    @Test
    void moderatedChannelRefusesUnvoicedSpeakers() throws ChatException {
        hub.join(bob, "#c");
        hub.changeChannelModes(alice, "#c", List.of(ModeChange.set(ChannelMode.MODERATED, null)));
        assertThat(errorOf(() -> hub.sendToChannel(bob, "#c", MessageKind.MESSAGE, "hi", Map.of()))).isEqualTo(ChatError.MODERATED);
        hub.changeChannelModes(alice, "#c", List.of(ModeChange.set(ChannelMode.VOICE, "bob")));
        hub.sendToChannel(bob, "#c", MessageKind.MESSAGE, "hi", Map.of());
    }

    @Test
    void channelWithoutPlusNTakesMessagesFromOutside() throws ChatException {
        hub.changeChannelModes(alice, "#c", List.of(ModeChange.unset(ChannelMode.NO_EXTERNAL_MESSAGES, null)));
        hub.sendToChannel(bob, "#c", MessageKind.MESSAGE, "from outside", Map.of());
        assertThat(hub.channelHistory("#c")).extracting(ChatMessage::text).containsExactly("from outside");
    }

    @Test
    void killAndWallopsNeedAServerOperator() throws ChatException {
        assertThat(errorOf(() -> hub.kill(alice, "bob", "bye"))).isEqualTo(ChatError.NO_PRIVILEGES);
        assertThat(errorOf(() -> hub.wallops(alice, "hear me"))).isEqualTo(ChatError.NO_PRIVILEGES);
        hub.setServerOperator(alice, true);
        hub.setReceivesWallops(bob, true);
        hub.wallops(alice, "hear me");
        hub.kill(alice, "bob", "bye");
        assertThat(bobSession.eventsOf(HubEvent.Wallops.class)).hasSize(1);
        assertThat(bobSession.eventsOf(HubEvent.Killed.class)).singleElement()
                .satisfies(k -> assertThat(k.reason()).isEqualTo("bye"));
    }

    @Test
    void awayChangeIsToldToUsersSharingAChannelOnce() throws ChatException {
        hub.join(bob, "#c");
        hub.setAway(alice, "lunch");
        hub.setAway(alice, "lunch");
        hub.setAway(alice, null);
        assertThat(bobSession.eventsOf(HubEvent.AwayChanged.class)).extracting(HubEvent.AwayChanged::message)
                .containsExactly("lunch", null);
    }
}
