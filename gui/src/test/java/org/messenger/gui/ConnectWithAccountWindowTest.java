package org.messenger.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.messenger.client.ClientConfig;
import org.messenger.gui.fakes.FakeChatService;
import org.messenger.gui.fakes.FakeChatSession;
import org.messenger.gui.fakes.FakeFileDownloads;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The connect dialog's account and password fields, in the real window on Monocle. */
@ExtendWith(ApplicationExtension.class)
class ConnectWithAccountWindowTest {
    private final FakeChatService chat = FakeChatService.welcoming("bob");

    @Start
    void start(Stage stage) {
        AppShell shell = new AppShell(stage, new AppShell.Services(chat, session -> new FakeFileDownloads(Path.of("/tmp/messenger-downloads")),
                Platform::runLater, Runnable::run, Clock.fixed(FakeChatSession.T0, ZoneOffset.UTC), ZoneOffset.UTC,
                folder -> CompletableFuture.completedFuture(null)), false, null, null);
        shell.showConnect(null);
        stage.show();
    }

    @Test
    void connectsWithTheAccountAndPasswordTyped(FxRobot robot) {
        assertThat(robot.lookup("#password").queryAs(PasswordField.class).isDisabled()).as("no account, no password").isTrue();
        robot.clickOn("#nick").write("alice");
        robot.clickOn("#account").write("alice");
        robot.clickOn("#password").write("wonderland").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(chat.attempts()).hasSize(1);
        assertThat(chat.attempts().get(0).login()).isEqualTo(new ClientConfig.Login("alice", "wonderland"));
    }

    @Test
    void anAccountWithoutAPasswordIsAskedFor(FxRobot robot) {
        robot.clickOn("#nick").write("alice");
        robot.clickOn("#account").write("alice").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(chat.attempts()).isEmpty();
        assertThat(robot.lookup("#connect-error").queryAs(Label.class).getText())
                .isEqualTo("Enter the password of account alice, or clear the account to connect without one.");
    }

    @Test
    void withoutAnAccountItConnectsWithoutLoggingIn(FxRobot robot) {
        robot.clickOn("#nick").write("bob2").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(chat.attempts()).singleElement().extracting(FakeChatService.Attempt::login).isNull();
    }

    private void fillRegistration(FxRobot robot, String nick, String password, String again) {
        robot.clickOn("#register-account");
        robot.clickOn("#nick").write(nick);
        robot.clickOn("#password").write(password);
        robot.clickOn("#password-again").write(again);
    }

    @Test
    void createsTheAccountAfterConnectingThenOpensTheChat(FxRobot robot) {
        assertThat(robot.lookup("#password-again").query().isVisible()).as("only when creating an account").isFalse();
        fillRegistration(robot, "alice", "wonderland", "wonderland");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(chat.attempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.nick()).isEqualTo("alice");
            assertThat(attempt.login()).as("no SASL: the account does not exist yet").isNull();
        });
        assertThat(chat.lastSession().registrations()).containsExactly("wonderland");
        assertThat(robot.lookup("#users").tryQuery()).as("the chat window is open").isPresent();
    }

    @Test
    void aRefusedRegistrationStaysInTheDialogWithTheServersReasonAndHangsUp(FxRobot robot) {
        FakeChatSession[] created = new FakeChatSession[1];
        chat.answerWith((server, nick) -> {
            FakeChatSession session = new FakeChatSession(server, nick, java.util.List.of(nick));
            session.registrationsComplete(CompletableFuture.failedFuture(new org.messenger.client.ChatClientException(
                    org.messenger.client.ChatClientException.Problem.REFUSED,
                    "That account already exists: log in with SASL, or choose another nick")));
            created[0] = session;
            return CompletableFuture.completedFuture(session);
        });
        fillRegistration(robot, "alice", "wonderland", "wonderland");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#connect-error").queryAs(Label.class).getText())
                .isEqualTo("Account alice not created: That account already exists: log in with SASL, or choose another nick.");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(created[0]::isDisconnected);
        assertThat(robot.lookup("#users").tryQuery()).isEmpty();
    }

    @Test
    void twoDifferentPasswordsAreCaughtBeforeConnecting(FxRobot robot) {
        fillRegistration(robot, "alice", "wonderland", "wonderlnad");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(chat.attempts()).isEmpty();
        assertThat(robot.lookup("#connect-error").queryAs(Label.class).getText())
                .isEqualTo("The two passwords differ: type the same password in both fields.");
    }

    @Test
    void anAccountNamedOtherThanTheNicknameIsExplained(FxRobot robot) {
        robot.clickOn("#register-account");
        robot.clickOn("#nick").write("alice");
        robot.clickOn("#account").write("alicia");
        robot.clickOn("#password").write("wonderland");
        robot.clickOn("#password-again").write("wonderland").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(chat.attempts()).isEmpty();
        assertThat(robot.lookup("#connect-error").queryAs(Label.class).getText())
                .isEqualTo("An account is named after the nickname it is created with: set Nickname to alicia, or Account to alice.");
    }
}
