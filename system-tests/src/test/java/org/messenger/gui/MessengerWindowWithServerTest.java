package org.messenger.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.messenger.client.ChatClient;
import org.messenger.client.ChatEvent;
import org.messenger.client.ClientConfig;
import org.messenger.gui.chat.ChatLine;
import org.messenger.gui.files.NoFileDownloads;
import org.messenger.gui.service.ClientChatService;
import org.messenger.client.ReplyMatcher;
import org.messenger.irc.codec.IrcMessage;
import org.messenger.irc.codec.Numeric;
import org.messenger.irc.server.IrcServer;
import org.messenger.irc.server.IrcServerConfig;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window as a person uses it, headless, against the real Messenger server in this JVM. The
 * other person ("bob") is a plain client-library client driven by the test.
 */
@ExtendWith(ApplicationExtension.class)
class MessengerWindowWithServerTest {
    /** Generous: the build machine is shared, and a robot types one key at a time. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    private IrcServer server;
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "gui-test-background");
        t.setDaemon(true);
        return t;
    });
    private AppShell shell;
    private final List<ChatClient> others = new CopyOnWriteArrayList<>();
    private final List<ChatEvent> bobSees = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws InterruptedException {
        server = IrcServer.start(IrcServerConfig.builder().bindAddress("127.0.0.1").port(0).serverName("test.server")
                .operator("admin", "moderate-it").build());
        shell = new AppShell(stage, new AppShell.Services(new ClientChatService(WAIT, background),
                session -> new NoFileDownloads("no files in this test"), Platform::runLater, background,
                Clock.systemUTC(), ZoneOffset.UTC, folder -> java.util.concurrent.CompletableFuture.completedFuture(null)), false, "127.0.0.1:" + server.port(), null);
        shell.showConnect(null);
        stage.show();
    }

    @AfterEach
    void stop() {
        shell.shutdown().join();
        others.forEach(c -> c.disconnect("test over"));
        server.close();
        background.shutdown();
    }

    private ChatClient bob() {
        ChatClient bob = new ChatClient(ClientConfig.of("127.0.0.1", server.port(), "bob"));
        others.add(bob);
        bob.addListener(bobSees::add);
        bob.connect();
        return bob;
    }

    private void connectAs(FxRobot robot, String nick) {
        robot.clickOn("#nick").write(nick).type(KeyCode.ENTER);
    }

    private static ListView<String> users(FxRobot robot) {
        return robot.lookup("#users").queryListView();
    }

    @SuppressWarnings("unchecked")
    private static List<ChatLine> lines(FxRobot robot, int tab) {
        Tab t = robot.lookup("#conversations").queryAs(TabPane.class).getTabs().get(tab);
        return List.copyOf(((ListView<ChatLine>) t.getContent()).getItems());
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) {
        return WaitForAsyncUtils.waitForAsyncFx(WAIT.toMillis(), read);
    }

    @Test
    void chatsInTheLobbyBothWays(FxRobot robot) {
        ChatClient bob = bob();
        connectAs(robot, "alice");
        await().atMost(WAIT).until(() -> robot.lookup("#users").tryQuery().isPresent());
        await().atMost(WAIT).until(() -> onFx(() -> users(robot).getItems().contains("bob")));

        robot.write("hello bob").type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> bobSees.stream().anyMatch(e ->
                e instanceof ChatEvent.LobbyMessage m && m.from().equals("alice") && m.text().equals("hello bob")));

        bob.sendToLobby("hi alice");
        await().atMost(WAIT).until(() -> onFx(() -> lines(robot, 0)).stream().anyMatch(l ->
                l.kind() == ChatLine.Kind.MESSAGE && "bob".equals(l.from()) && l.text().equals("hi alice")));
    }

    @Test
    void talksPrivatelyFromADoubleClickedUser(FxRobot robot) {
        ChatClient bob = bob();
        connectAs(robot, "alice");
        await().atMost(WAIT).until(() -> robot.lookup("#users").tryQuery().isPresent()
                && onFx(() -> users(robot).getItems().contains("bob")));

        robot.doubleClickOn(robot.lookup("#users .list-cell").match(LabeledMatchers.hasText("bob")).<Label>query());
        robot.write("just for you").type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> bobSees.stream().anyMatch(e ->
                e instanceof ChatEvent.PrivateMessage m && m.from().equals("alice") && m.text().equals("just for you")));

        bob.sendPrivate("alice", "thanks");
        await().atMost(WAIT).until(() -> onFx(() -> lines(robot, 1)).stream().anyMatch(l -> l.text().equals("thanks")));
        assertThat(onFx(() -> lines(robot, 0))).noneMatch(l -> l.text().equals("thanks"));
    }

    @Test
    void seesSomeoneJoinAndLeaveInTheUserList(FxRobot robot) {
        connectAs(robot, "alice");
        await().atMost(WAIT).until(() -> robot.lookup("#users").tryQuery().isPresent()
                && onFx(() -> users(robot).getItems().equals(List.of("alice"))));

        ChatClient bob = bob();
        await().atMost(WAIT).until(() -> onFx(() -> users(robot).getItems().equals(List.of("alice", "bob"))));

        bob.disconnect("off to lunch");
        await().atMost(WAIT).until(() -> onFx(() -> users(robot).getItems().equals(List.of("alice"))));
        assertThat(onFx(() -> lines(robot, 0))).extracting(ChatLine::text).contains("bob joined", "bob left (Quit: off to lunch)");
    }

    @Test
    void keepsTheDialogOpenWithAClearErrorWhenTheNickIsTaken(FxRobot robot) {
        bob();

        connectAs(robot, "bob");
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#connect-error").queryAs(Label.class).getText())
                .equals("The nickname bob is already taken. Choose another one."));
        assertThat(robot.lookup("#users").tryQuery()).isEmpty();

        robot.clickOn("#nick").eraseText(3).write("robert").type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> robot.lookup("#users").tryQuery().isPresent()
                && onFx(() -> users(robot).getItems().equals(List.of("bob", "robert"))));
    }

    @Test
    void changesOurNickWithSlashNickAndSaysWhenItIsTaken(FxRobot robot) {
        bob();
        connectAs(robot, "alice");
        await().atMost(WAIT).until(() -> robot.lookup("#users").tryQuery().isPresent()
                && onFx(() -> users(robot).getItems().contains("bob")));

        robot.write("/nick alicia").type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> bobSees.stream().anyMatch(e ->
                e instanceof ChatEvent.NickChanged c && c.oldNick().equals("alice") && c.newNick().equals("alicia")));
        await().atMost(WAIT).until(() -> onFx(() -> users(robot).getItems().equals(List.of("alicia", "bob"))
                && robot.lookup("#who").queryAs(Label.class).getText().startsWith("alicia")));

        robot.write("/nick bob").type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> onFx(() -> lines(robot, 0)).stream().anyMatch(l -> l.kind() == ChatLine.Kind.ERROR
                && l.text().equals("The nickname bob is already taken. Choose another one.")));
        assertThat(onFx(() -> users(robot).getItems())).containsExactly("alicia", "bob");
    }

    @Test
    void showsTheLobbysEarlierLinesFirstThenPrefixesAndAwayInTheUserList(FxRobot robot) throws Exception {
        ChatClient bob = bob();
        bob.sendToLobbyConfirmed("said before alice came").get(30, java.util.concurrent.TimeUnit.SECONDS);
        connectAs(robot, "alice");
        await().atMost(WAIT).until(() -> robot.lookup("#users").tryQuery().isPresent()
                && onFx(() -> lines(robot, 0)).stream().anyMatch(l -> l.history() && "said before alice came".equals(l.text())));

        // A server operator has an operator's powers in the lobby: bob voices himself, then goes away.
        bob.request(IrcMessage.of("OPER", "admin", "moderate-it"), ReplyMatcher.numerics(java.util.Set.of(), java.util.Set.of(Numeric.RPL_YOUREOPER.code()),
                        java.util.Set.of(Numeric.ERR_PASSWDMISMATCH.code(), Numeric.ERR_NOOPERHOST.code())))
                .get(30, java.util.concurrent.TimeUnit.SECONDS);
        bob.send(IrcMessage.of("MODE", "#lobby", "+v", "bob"));
        bob.send(IrcMessage.of("AWAY", "back in five"));
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#users .list-cell").queryAllAs(javafx.scene.control.ListCell.class)
                .stream().anyMatch(cell -> "+bob  (away)".equals(cell.getText()) && cell.getTooltip() != null
                        && "bob is away: back in five".equals(cell.getTooltip().getText()))));
        bob.sendToLobby("live line");
        await().atMost(WAIT).until(() -> onFx(() -> lines(robot, 0)).stream().anyMatch(l -> "live line".equals(l.text())));
        List<ChatLine> lobby = onFx(() -> lines(robot, 0));
        assertThat(lobby.stream().filter(l -> "said before alice came".equals(l.text())).count()).as("shown once").isEqualTo(1);
        assertThat(lobby.indexOf(lobby.stream().filter(l -> "said before alice came".equals(l.text())).findFirst().orElseThrow()))
                .isLessThan(lobby.indexOf(lobby.stream().filter(l -> "live line".equals(l.text())).findFirst().orElseThrow()));
    }
}
