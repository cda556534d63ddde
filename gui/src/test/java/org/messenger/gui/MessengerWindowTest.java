package org.messenger.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.messenger.client.NickTakenException;
import org.messenger.gui.chat.ChatLine;
import org.messenger.gui.fakes.FakeChatService;
import org.messenger.gui.fakes.FakeChatSession.Sent;
import org.messenger.gui.fakes.FakeChatSession;
import org.messenger.gui.fakes.FakeFileDownloads;
import org.messenger.gui.files.RemoteFile;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

/** The real window, headless on Monocle, against a fake chat server and a fake file service. */
@ExtendWith(ApplicationExtension.class)
class MessengerWindowTest {
    private final FakeChatService chat = FakeChatService.welcoming("bob", "carol");
    private final FakeFileDownloads files = new FakeFileDownloads(Path.of("/tmp/messenger-downloads"),
            new RemoteFile("notes.txt", 2_000_000), new RemoteFile("photo.jpg", 350_000));
    private Stage stage;
    private AppShell shell;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        shell = new AppShell(stage, new AppShell.Services(chat, session -> files, Platform::runLater, Runnable::run,
                Clock.fixed(FakeChatSession.T0, ZoneOffset.UTC), ZoneOffset.UTC, folder -> java.util.concurrent.CompletableFuture.completedFuture(null)), false, null, null);
        shell.showConnect(null);
        stage.show();
    }

    private FakeChatSession connectAs(FxRobot robot, String nick) {
        robot.clickOn("#nick").write(nick).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        return chat.lastSession();
    }

    /** Runs {@code events} as the client library's event thread would, then lets the UI catch up. */
    private static void fromServer(Runnable events) {
        events.run();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static ListView<String> users(FxRobot robot) {
        return robot.lookup("#users").queryListView();
    }

    private static TabPane conversations(FxRobot robot) {
        return robot.lookup("#conversations").queryAs(TabPane.class);
    }

    @SuppressWarnings("unchecked")
    private static ListView<ChatLine> lines(Tab tab) {
        return (ListView<ChatLine>) tab.getContent();
    }

    @Test
    void connectsWithEnterAndShowsTheLobbyAndWhoIsOnline(FxRobot robot) {
        connectAs(robot, "alice");

        assertThat(chat.attempts()).singleElement().extracting(FakeChatService.Attempt::nick).isEqualTo("alice");
        assertThat(users(robot).getItems()).containsExactly("alice", "bob", "carol");
        assertThat(conversations(robot).getTabs()).extracting(Tab::getText).containsExactly("#lobby");
        assertThat(robot.lookup("#who").queryLabeled().getText()).startsWith("alice");
        assertThat(stage.getTitle()).isEqualTo("Messenger — alice on 127.0.0.1:50000");
        assertThat(stage.getScene().getFocusOwner()).isSameAs(robot.lookup("#input").query());
    }

    @Test
    void sendsToTheLobbyWithEnterAndClearsTheInput(FxRobot robot) {
        FakeChatSession session = connectAs(robot, "alice");

        robot.write("hello lobby").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(session.sent()).containsExactly(new Sent("#lobby", "hello lobby", false));
        assertThat(robot.lookup("#input").queryAs(TextField.class).getText()).isEmpty();
        assertThat(lines(conversations(robot).getTabs().get(0)).getItems())
                .extracting(ChatLine::from, ChatLine::text).containsExactly(org.assertj.core.groups.Tuple.tuple("alice", "hello lobby"));
    }

    @Test
    void doubleClickingAUserOpensAPrivateConversationThatSendsPrivately(FxRobot robot) {
        FakeChatSession session = connectAs(robot, "alice");

        robot.doubleClickOn(robot.lookup("#users .list-cell").match(LabeledMatchers.hasText("bob")).<Label>query());
        robot.write("just between us").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        TabPane tabs = conversations(robot);
        assertThat(tabs.getTabs()).extracting(Tab::getText).containsExactly("#lobby", "bob");
        assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("bob");
        assertThat(session.sent()).containsExactly(new Sent("bob", "just between us", false));
    }

    @Test
    void aPrivatePartnersNewNickRenamesTheTabAndThePrompt(FxRobot robot) {
        FakeChatSession session = connectAs(robot, "alice");
        robot.doubleClickOn(robot.lookup("#users .list-cell").match(LabeledMatchers.hasText("bob")).<Label>query());
        WaitForAsyncUtils.waitForFxEvents();

        fromServer(() -> session.emit(new org.messenger.client.ChatEvent.NickChanged(FakeChatSession.T0, "bob", "bobby", false)));

        assertThat(conversations(robot).getTabs()).extracting(Tab::getText).containsExactly("#lobby", "bobby");
        assertThat(robot.lookup("#input").queryAs(javafx.scene.control.TextField.class).getPromptText()).startsWith("Message bobby ");
    }

    @Test
    void anIncomingPrivateMessageOpensATabWithAnUnreadCount(FxRobot robot) {
        FakeChatSession session = connectAs(robot, "alice");

        fromServer(() -> {
            session.emitPrivateMessage("carol", "are you there?");
            session.emitPrivateMessage("carol", "hello?");
        });

        Tab carol = conversations(robot).getTabs().get(1);
        assertThat(carol.getText()).isEqualTo("carol (2)");
        assertThat(lines(carol).getItems()).extracting(ChatLine::text).containsExactly("are you there?", "hello?");

        robot.press(KeyCode.CONTROL, KeyCode.TAB).release(KeyCode.TAB, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(carol.getText()).isEqualTo("carol");
    }

    @Test
    void aJoinAndALeaveUpdateTheUserListAndTheLobby(FxRobot robot) {
        FakeChatSession session = connectAs(robot, "alice");

        fromServer(() -> session.emitJoin("dave"));
        assertThat(users(robot).getItems()).containsExactly("alice", "bob", "carol", "dave");

        fromServer(() -> session.emitQuit("bob", "bye"));
        assertThat(users(robot).getItems()).containsExactly("alice", "carol", "dave");
        assertThat(lines(conversations(robot).getTabs().get(0)).getItems())
                .extracting(ChatLine::text).containsExactly("dave joined", "bob left (bye)");
    }

    @Test
    void tabCompletesANickInTheInputLine(FxRobot robot) {
        connectAs(robot, "alice");

        robot.write("ca").type(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#input").queryAs(TextField.class).getText()).isEqualTo("carol: ");
    }

    @Test
    void showsWhyInTheDialogWhenTheNickIsTakenAndLetsTheUserTryAgain(FxRobot robot) {
        chat.answerWith((server, nick) -> nick.equals("bob")
                ? CompletableFuture.failedFuture(new NickTakenException(nick))
                : CompletableFuture.completedFuture(new FakeChatSession(server, nick, java.util.List.of(nick, "bob"))));

        robot.clickOn("#nick").write("bob").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        Label error = robot.lookup("#connect-error").queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).isEqualTo("The nickname bob is already taken. Choose another one.");
        assertThat(robot.lookup("#users").tryQuery()).isEmpty();

        robot.clickOn("#nick").eraseText(3).write("bobby").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(users(robot).getItems()).containsExactly("bob", "bobby");
    }

    @Test
    void disconnectReturnsToTheConnectDialogWithTheNickFilledIn(FxRobot robot) {
        FakeChatSession session = connectAs(robot, "alice");

        robot.clickOn("#disconnect");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(session.isDisconnected()).isTrue();
        assertThat(robot.lookup("#nick").queryAs(TextField.class).getText()).isEqualTo("alice");
        assertThat(robot.lookup("#connect").tryQuery()).isPresent();
    }

    @Test
    void closingTheWindowDisconnectsBeforeExiting(FxRobot robot) {
        FakeChatSession session = connectAs(robot, "alice");
        boolean[] exited = new boolean[1];
        robot.interact(() -> {
            shell.exitOnClose(java.time.Duration.ofSeconds(5), () -> exited[0] = session.isDisconnected());
            stage.fireEvent(new javafx.stage.WindowEvent(stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST));
        });
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(exited[0]).as("disconnected, then exited").isTrue();
        assertThat(stage.isShowing()).isFalse();
    }

    @Test
    void losingTheServerReturnsToTheDialogAndSaysSo(FxRobot robot) {
        FakeChatSession session = connectAs(robot, "alice");

        fromServer(() -> session.emit(new org.messenger.client.ChatEvent.Disconnected(FakeChatSession.T0, "server shutting down", false)));

        assertThat(robot.lookup("#connect-error").queryAs(Label.class).getText())
                .isEqualTo("Lost the connection to 127.0.0.1:50000: server shutting down. Connect again when the server is back.");
    }

    @Test
    void aDownloadReachesHundredPercentThroughPauseAndResume(FxRobot robot) {
        connectAs(robot, "alice");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn(robot.lookup("#files .list-cell").nth(0).<javafx.scene.Node>query());
        robot.clickOn("#download");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        long id = files.lastId();
        assertThat(files.calls()).contains("download notes.txt");

        fromServer(() -> files.progress(id, 1_000_000, 500_000));
        assertThat(percent(robot, id)).isEqualTo("50 %");

        // Keyboard: Ctrl+3 lands on the running download's Pause, Space presses it.
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL).type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#resume-" + id);
        WaitForAsyncUtils.waitForFxEvents();
        fromServer(() -> files.progress(id, 1_500_000, 500_000));
        fromServer(() -> files.complete(id, "User alice downloaded 100% out of file notes.txt. Last byte is: 10"));

        assertThat(files.calls()).containsSubsequence("pause " + id, "resume " + id);
        assertThat(percent(robot, id)).isEqualTo("100 %");
        assertThat(robot.lookup("#download-" + id + " .download-complete").queryLabeled().getText())
                .endsWith("Last byte is: 10 · SHA-256 verified");
        assertThat(robot.lookup("#open-" + id).query().isVisible()).isTrue();
    }

    @Test
    void spaceAfterStartingADownloadPausesAndResumesItButNeverCancels(FxRobot robot) {
        connectAs(robot, "alice");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(KeyCode.HOME).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        long id = files.lastId();

        // The manager shows the new download at once; while it waits for the server, Space does nothing.
        assertThat(robot.lookup(".sidebar").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getId()).isEqualTo("downloads-tab");
        robot.type(KeyCode.SPACE);
        fromServer(() -> files.progress(id, 1_000_000, 500_000));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(focusedId(robot)).isEqualTo("pause-" + id);

        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(focusedId(robot)).isEqualTo("resume-" + id);
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(focusedId(robot)).isEqualTo("pause-" + id);

        assertThat(files.calls()).containsSubsequence("pause " + id, "resume " + id).doesNotContain("cancel " + id);
    }

    private static String focusedId(FxRobot robot) {
        javafx.scene.Node owner = robot.listTargetWindows().stream()
                .filter(w -> w.isFocused() && w.getScene() != null).findFirst().orElseThrow()
                .getScene().getFocusOwner();
        return owner == null ? null : owner.getId();
    }

    private static String percent(FxRobot robot, long id) {
        return robot.lookup("#download-" + id + " .download-percent").queryLabeled().getText();
    }

    @Test
    void userListMarksOperatorsVoicedAndAwayMembersWithTheAwayMessageAsTooltip(FxRobot robot) {
        FakeChatSession session = connectAs(robot, "alice");

        fromServer(() -> session.emit(new org.messenger.client.ChatEvent.MembersChanged(FakeChatSession.T0, "#lobby", java.util.List.of(
                new org.messenger.client.Member("alice", "@", null), new org.messenger.client.Member("bob", "+", "gone fishing"),
                new org.messenger.client.Member("carol", "", null)))));

        assertThat(users(robot).getItems()).containsExactly("alice", "bob", "carol");
        assertThat(robot.lookup("#users .list-cell").queryAllAs(javafx.scene.control.ListCell.class))
                .extracting(javafx.scene.control.ListCell::getText)
                .contains("@alice  (you)", "+bob  (away)", "carol");
        javafx.scene.control.ListCell<?> bob = robot.lookup("#users .list-cell")
                .match(LabeledMatchers.hasText("+bob  (away)")).query();
        assertThat(bob.getTooltip().getText()).isEqualTo("bob is away: gone fishing");
    }
}
