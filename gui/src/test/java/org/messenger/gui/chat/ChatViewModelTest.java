package org.messenger.gui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.messenger.client.ChatClientException;
import org.messenger.client.ChatEvent;
import org.messenger.client.Member;
import org.messenger.client.NickTakenException;
import org.messenger.gui.fakes.FakeChatSession;
import org.messenger.gui.fakes.FakeChatSession.Sent;

class ChatViewModelTest {
    private final FakeChatSession session = FakeChatSession.alice("bob", "carol");
    private final List<String> lost = new ArrayList<>();
    private final ChatViewModel chat = new ChatViewModel(session, Runnable::run,
            Clock.fixed(FakeChatSession.T0, ZoneOffset.UTC), lost::add);

    private static List<String> texts(ConversationViewModel c) {
        return c.lines().stream().map(ChatLine::text).toList();
    }

    @Test
    void startsInTheLobbyWithTheUsersAlreadyOnline() {
        assertThat(chat.selected()).isSameAs(chat.lobby());
        assertThat(chat.lobby().name()).isEqualTo("#lobby");
        assertThat(chat.users()).containsExactly("alice", "bob", "carol");
    }

    @Test
    void showsTheMessageOfTheDayInTheLobby() {
        session.emit(new ChatEvent.MessageOfTheDay(FakeChatSession.T0, List.of("Welcome to Messenger.", "Be nice.")));

        assertThat(texts(chat.lobby())).containsExactly("Welcome to Messenger.", "Be nice.");
        assertThat(chat.lobby().unread()).isZero();
    }

    @Test
    void showsLobbyMessagesOfOthersWithTheirNick() {
        session.emitLobbyMessage("bob", "hi all");

        assertThat(chat.lobby().lines()).containsExactly(
                new ChatLine(FakeChatSession.T0, ChatLine.Kind.MESSAGE, "bob", "hi all"));
    }

    @Test
    void sendsTypedTextToTheLobbyAndShowsItAsOurOwn() {
        assertThat(chat.send(chat.lobby(), "  hello  ")).isTrue();

        assertThat(session.sent()).containsExactly(new Sent("#lobby", "hello", false));
        assertThat(chat.lobby().lines()).extracting(ChatLine::kind, ChatLine::from, ChatLine::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ChatLine.Kind.OWN_MESSAGE, "alice", "hello"));
    }

    @Test
    void ignoresBlankInput() {
        assertThat(chat.send(chat.lobby(), "   ")).isFalse();
        assertThat(session.sent()).isEmpty();
    }

    @Test
    void sendsSlashMeAsAnAction() {
        chat.send(chat.lobby(), "/me waves");

        assertThat(session.sent()).containsExactly(new Sent("#lobby", "waves", true));
        assertThat(chat.lobby().lines().get(0).kind()).isEqualTo(ChatLine.Kind.ACTION);
    }

    @Test
    void explainsAnUnknownCommandInsteadOfSendingIt() {
        assertThat(chat.send(chat.lobby(), "/join #other")).isFalse();

        assertThat(session.sent()).isEmpty();
        assertThat(texts(chat.lobby()).get(0)).startsWith("Unknown command /join");
    }

    @Test
    void opensAPrivateConversationWhenAPrivateMessageArrives() {
        session.emitPrivateMessage("bob", "psst");

        assertThat(chat.conversations()).extracting(ConversationViewModel::name).containsExactly("#lobby", "bob");
        ConversationViewModel bob = chat.conversations().get(1);
        assertThat(texts(bob)).containsExactly("psst");
        assertThat(bob.unread()).isEqualTo(1);
        assertThat(chat.selected()).isSameAs(chat.lobby());
    }

    @Test
    void countsUnreadMessagesUntilTheConversationIsSelected() {
        session.emitPrivateMessage("bob", "one");
        session.emitPrivateMessage("bob", "two");
        ConversationViewModel bob = chat.conversations().get(1);
        assertThat(bob.tabTitle().get()).isEqualTo("bob (2)");

        chat.selectedProperty().set(bob);

        assertThat(bob.unread()).isZero();
        assertThat(bob.tabTitle().get()).isEqualTo("bob");
    }

    @Test
    void countsUnreadLobbyMessagesWhileAPrivateConversationIsOnScreen() {
        chat.openPrivate("carol");
        session.emitLobbyMessage("bob", "anyone?");

        assertThat(chat.lobby().unread()).isEqualTo(1);
    }

    @Test
    void sendsPrivatelyInAPrivateConversation() {
        ConversationViewModel carol = chat.openPrivate("carol").orElseThrow();

        chat.send(carol, "hi carol");

        assertThat(session.sent()).containsExactly(new Sent("carol", "hi carol", false));
        assertThat(texts(carol)).containsExactly("hi carol");
        assertThat(chat.lobby().lines()).isEmpty();
    }

    @Test
    void slashMsgOpensTheConversationAndSendsThere() {
        chat.send(chat.lobby(), "/msg Bob see you");

        assertThat(session.sent()).containsExactly(new Sent("Bob", "see you", false));
        assertThat(chat.selected().name()).isEqualTo("Bob");
    }

    @Test
    void showsWhyAPrivateMessageWasNotDelivered() {
        session.privateSendsComplete(CompletableFuture.failedFuture(
                new ChatClientException(ChatClientException.Problem.NO_SUCH_TARGET, "nick dave is not online")));
        ConversationViewModel dave = chat.openPrivate("dave").orElseThrow();

        chat.send(dave, "hello?");

        assertThat(dave.lines()).extracting(ChatLine::kind).containsExactly(ChatLine.Kind.OWN_MESSAGE, ChatLine.Kind.ERROR);
        assertThat(texts(dave).get(1)).isEqualTo("Not delivered: nick dave is not online");
    }

    @Test
    void reusesTheOpenConversationWhateverTheNickCase() {
        chat.openPrivate("bob");
        session.emitPrivateMessage("BOB", "hey");

        assertThat(chat.conversations()).hasSize(2);
    }

    @Test
    void doesNotOpenAPrivateConversationWithOneself() {
        assertThat(chat.openPrivate("Alice")).isEmpty();
        assertThat(chat.conversations()).hasSize(1);
    }

    @Test
    void addsAUserAndAJoinNoticeWhenSomeoneJoins() {
        session.emitJoin("dave");

        assertThat(chat.users()).containsExactly("alice", "bob", "carol", "dave");
        assertThat(chat.lobby().lines()).extracting(ChatLine::kind, ChatLine::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ChatLine.Kind.NOTICE, "dave joined"));
    }

    @Test
    void removesTheUserAndShowsALeaveNoticeWhenSomeoneQuits() {
        ConversationViewModel bob = chat.openPrivate("bob").orElseThrow();

        session.emitQuit("bob", "gone home");

        assertThat(chat.users()).containsExactly("alice", "carol");
        assertThat(texts(chat.lobby())).containsExactly("bob left (gone home)");
        assertThat(bob.peerOnlineProperty().get()).isFalse();
    }

    @Test
    void followsANickChangeInTheUserListAndThePrivateConversation() {
        ConversationViewModel bob = chat.openPrivate("bob").orElseThrow();

        session.emit(new ChatEvent.NickChanged(FakeChatSession.T0, "bob", "robert", false));

        assertThat(chat.users()).containsExactly("alice", "carol", "robert");
        assertThat(bob.name()).isEqualTo("robert");
        assertThat(texts(chat.lobby())).containsExactly("bob is now known as robert");
    }

    @Test
    void followsOurOwnNickChange() {
        session.emit(new ChatEvent.NickChanged(FakeChatSession.T0, "alice", "alicia", true));

        assertThat(chat.nick()).isEqualTo("alicia");
        assertThat(chat.users()).contains("alicia").doesNotContain("alice");
    }

    @Test
    void marksOurNewNickAsOursWhenItEntersTheUserList() {
        List<Boolean> oursWhenAdded = new ArrayList<>();
        chat.users().addListener((javafx.collections.ListChangeListener<String>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(u -> oursWhenAdded.add(chat.isSelf(u)));
            }
        });

        session.emit(new ChatEvent.NickChanged(FakeChatSession.T0, "alice", "alicia", true));

        assertThat(oursWhenAdded).containsExactly(true);
    }

    @Test
    void replacesTheUserListWhenTheServerSendsItAgain() {
        session.emit(new ChatEvent.UsersListed(FakeChatSession.T0, "#lobby", List.of("zed", "alice")));

        assertThat(chat.users()).containsExactly("alice", "zed");
    }

    @Test
    void tellsTheShellWhenTheServerClosesTheConnectionUnasked() {
        session.emit(new ChatEvent.Disconnected(FakeChatSession.T0, "server shutting down", false));

        assertThat(lost).containsExactly("server shutting down");
        assertThat(chat.connectedProperty().get()).isFalse();
        assertThat(chat.send(chat.lobby(), "still there?")).isFalse();
    }

    @Test
    void tellsOnlyWhyWhenTheServerSaysClosingLink() {
        session.emit(new ChatEvent.Disconnected(FakeChatSession.T0,
                "the server closed the connection: Closing Link: 127.0.0.1 (Server shutting down)", false));

        assertThat(lost).containsExactly("the server closed the connection: Server shutting down");
    }

    @Test
    void staysQuietWhenWeDisconnectedOurselves() {
        chat.disconnect();
        session.emit(new ChatEvent.Disconnected(FakeChatSession.T0, "leaving", true));

        assertThat(lost).isEmpty();
        assertThat(session.isDisconnected()).isTrue();
    }

    @Test
    void closingAPrivateConversationSelectsTheOneBefore() {
        chat.openPrivate("bob");
        ConversationViewModel carol = chat.openPrivate("carol").orElseThrow();

        chat.close(carol);

        assertThat(chat.conversations()).extracting(ConversationViewModel::name).containsExactly("#lobby", "bob");
        assertThat(chat.selected().name()).isEqualTo("bob");
    }

    @Test
    void completesNicksOfOthersBeforeOurOwn() {
        session.emitJoin("alf");

        NickCompleter.Result r = chat.completeNick("al", 2);

        assertThat(r.text()).isEqualTo("alf: ");
    }

    @Test
    void slashNickAsksTheServerForTheNewNick() {
        assertThat(chat.send(chat.lobby(), "/nick alicia")).isTrue();

        assertThat(session.nickRequests()).containsExactly("alicia");
        assertThat(chat.nick()).isEqualTo("alicia");
        assertThat(texts(chat.lobby())).containsExactly("You are now known as alicia");
        assertThat(session.sent()).isEmpty();
    }

    @Test
    void slashNickSaysWhyTheServerRefused() {
        session.nickChangesComplete(CompletableFuture.failedFuture(new NickTakenException("bob")));

        chat.send(chat.lobby(), "/NICK bob");

        assertThat(chat.nick()).isEqualTo("alice");
        assertThat(texts(chat.lobby())).containsExactly("The nickname bob is already taken. Choose another one.");
    }

    @Test
    void slashNickWithoutOneWordExplainsItselfAndKeepsTheInput() {
        assertThat(chat.send(chat.lobby(), "/nick")).isFalse();
        assertThat(chat.send(chat.lobby(), "/nick two words")).isFalse();

        assertThat(session.nickRequests()).isEmpty();
        assertThat(texts(chat.lobby())).allMatch(t -> t.startsWith("Usage: /nick <new nick>")).hasSize(2);
    }

    @Test
    void channelCommandsGoToTheServerForTheLobby() {
        assertThat(chat.send(chat.lobby(), "/kick bob calm down")).isTrue();
        assertThat(chat.send(chat.lobby(), "/ban bob")).isTrue();
        assertThat(chat.send(chat.lobby(), "/away lunch")).isTrue();

        assertThat(session.raw()).extracting(Object::toString).satisfiesExactly(
                kick -> assertThat(kick).contains("KICK", "#lobby", "bob", "calm down"),
                ban -> assertThat(ban).contains("MODE", "#lobby", "+b", "bob!*@*"),
                away -> assertThat(away).contains("AWAY", "lunch"));
    }

    @Test
    void slashMsgWithoutTextExplainsItself() {
        assertThat(chat.send(chat.lobby(), "/msg bob")).isFalse();

        assertThat(session.sent()).isEmpty();
        assertThat(texts(chat.lobby()).get(0)).startsWith("Usage: /msg <nick> <text>");
    }

    @Test
    void doubleSlashSendsALineBeginningWithASlash() {
        chat.send(chat.lobby(), "//nick is a command");

        assertThat(session.sent()).containsExactly(new Sent("#lobby", "/nick is a command", false));
    }

    @Test
    void knowsWhoIsOperatorVoicedAndAwayFromTheMemberEvents() {
        session.emit(new ChatEvent.MembersChanged(FakeChatSession.T0, "#lobby", List.of(
                new Member("alice", "", null), new Member("bob", "@+", null), new Member("carol", "", "lunch"))));

        assertThat(chat.member("BOB")).get().extracting(Member::displayName).isEqualTo("@bob");
        assertThat(chat.member("carol")).get().extracting(Member::awayMessage).isEqualTo("lunch");
        assertThat(chat.users()).containsExactly("alice", "bob", "carol");
    }

    @Test
    void aMemberChangeCountsSoTheUserListRedraws() {
        int before = chat.membersVersion().get();
        session.emit(new ChatEvent.MembersChanged(FakeChatSession.T0, "#lobby", List.of(new Member("bob", "+", null))));
        assertThat(chat.membersVersion().get()).isGreaterThan(before);
    }

    @Test
    void showsLobbyHistoryBeforeLiveLinesMarkedAsHistory() {
        session.emitLobbyMessage("bob", "live");
        java.time.Instant earlier = FakeChatSession.T0.minusSeconds(86_400);
        session.emit(new ChatEvent.HistoryLoaded(FakeChatSession.T0, "#lobby", List.of(
                new ChatEvent.HistoryLine(earlier, "carol", "yesterday", false, false, "m1"),
                new ChatEvent.HistoryLine(earlier, "alice", "mine", false, false, "m2"))));

        assertThat(chat.lobby().lines()).extracting(ChatLine::text, ChatLine::history).containsExactly(
                org.assertj.core.groups.Tuple.tuple("yesterday", true),
                org.assertj.core.groups.Tuple.tuple("mine", true),
                org.assertj.core.groups.Tuple.tuple("Earlier messages above (2), from the server's history", true),
                org.assertj.core.groups.Tuple.tuple("live", false));
        assertThat(chat.lobby().lines().get(1).kind()).isEqualTo(ChatLine.Kind.OWN_MESSAGE);
        assertThat(chat.lobby().lines().get(0).time()).isEqualTo(earlier);
    }

    @Test
    void openingAPrivateConversationAsksForItsHistoryOnce() {
        chat.openPrivate("bob");
        chat.openPrivate("bob");

        assertThat(session.historyRequests()).containsExactly("bob");
    }

    @Test
    void privateHistoryOpensTheConversationWithTheEarlierLines() {
        session.emit(new ChatEvent.HistoryLoaded(FakeChatSession.T0, "dave", List.of(
                new ChatEvent.HistoryLine(FakeChatSession.T0, "dave", "did you see this?", false, false, "p1"))));

        ConversationViewModel dave = chat.conversations().get(1);
        assertThat(dave.name()).isEqualTo("dave");
        assertThat(texts(dave)).first().isEqualTo("did you see this?");
        assertThat(session.historyRequests()).isEmpty();
    }

    @Test
    void sayingWhySomeoneIsAwayWhenMessagingThem() {
        chat.openPrivate("bob");
        session.emit(new ChatEvent.AwayChanged(FakeChatSession.T0, "bob", "at lunch", true));

        assertThat(texts(chat.selected())).contains("bob is away: at lunch");
    }

    @Test
    void showsModeChangesInTheLobby() {
        session.emit(new ChatEvent.ModeChanged(FakeChatSession.T0, "bob", "#lobby", List.of("+v", "carol")));

        assertThat(texts(chat.lobby())).containsExactly("bob sets mode +v carol");
    }

    @Test
    void registersTheNickAsAnAccountAndSaysSo() {
        assertThat(chat.send(chat.lobby(), "/register wonderland")).isTrue();

        assertThat(session.registrations()).containsExactly("wonderland");
        assertThat(texts(chat.lobby())).containsExactly("Registering account alice…",
                "Account alice created; you are logged in. Next time, log in with it in the connect dialog.");
    }

    @Test
    void saysWhyTheServerRefusedARegistration() {
        session.registrationsComplete(CompletableFuture.failedFuture(new ChatClientException(ChatClientException.Problem.REFUSED,
                "Password must be at least 8 characters")));
        chat.send(chat.lobby(), "/register short");

        assertThat(chat.lobby().lines()).last().extracting(ChatLine::kind, ChatLine::text).containsExactly(
                ChatLine.Kind.ERROR, "Account alice not created: Password must be at least 8 characters");
    }

    @Test
    void registerWithoutAPasswordPointsToTheConnectDialog() {
        assertThat(chat.send(chat.lobby(), "/register")).isFalse();
        assertThat(session.registrations()).isEmpty();
        assertThat(texts(chat.lobby()).getLast()).contains("Create this account");
    }
}
