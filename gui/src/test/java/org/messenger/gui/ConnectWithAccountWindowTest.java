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
}
