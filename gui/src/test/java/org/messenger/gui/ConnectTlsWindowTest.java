package org.messenger.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.messenger.client.tls.UntrustedServerException;
import org.messenger.gui.fakes.FakeChatService;
import org.messenger.gui.fakes.FakeChatSession;
import org.messenger.gui.fakes.FakeFileDownloads;
import org.messenger.gui.service.ChatSession;
import org.messenger.irc.codec.CertificateFingerprint;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The connect dialog's TLS switch and its question about a self-signed certificate seen for the first time. */
@ExtendWith(ApplicationExtension.class)
class ConnectTlsWindowTest {
    private static final CertificateFingerprint FINGERPRINT = CertificateFingerprint.parse("3F".repeat(32));
    private final FakeChatService chat = new FakeChatService();
    private final AtomicInteger connects = new AtomicInteger();

    @Start
    void start(Stage stage) {
        // The first connect meets an unknown certificate; once trusted, the next one is welcomed.
        chat.answerWith((server, nick) -> connects.getAndIncrement() == 0
                ? CompletableFuture.failedFuture(new UntrustedServerException(UntrustedServerException.Reason.UNKNOWN,
                        server.toString(), FINGERPRINT, Path.of("/home/alice/.config/messenger/known_servers"), "unknown"))
                : CompletableFuture.<ChatSession>completedFuture(new FakeChatSession(server, nick, List.of("bob", nick))));
        FakeFileDownloads files = new FakeFileDownloads(Path.of("/tmp/messenger-downloads"));
        AppShell shell = new AppShell(stage, new AppShell.Services(chat, session -> files, Platform::runLater, Runnable::run,
                Clock.fixed(FakeChatSession.T0, ZoneOffset.UTC), ZoneOffset.UTC, folder -> CompletableFuture.completedFuture(null)),
                false, null, null);
        shell.showConnect(null);
        stage.show();
    }

    private void connectOverTls(FxRobot robot) {
        robot.clickOn("#server").eraseText(20).write("chat.example.org:6697");
        robot.clickOn("#nick").write("alice");
        robot.clickOn("#connect");
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void anAddressOnPort6697TurnsTheTlsSwitchOn(FxRobot robot) {
        CheckBox tls = robot.lookup("#tls").queryAs(CheckBox.class);
        assertThat(tls.isSelected()).isFalse();
        robot.clickOn("#server").eraseText(20).write("chat.example.org:6697");
        assertThat(tls.isSelected()).isTrue();
    }

    @Test
    void showsTheFingerprintAndConnectsOnceTheUserTrustsIt(FxRobot robot) {
        connectOverTls(robot);

        assertThat(robot.lookup("#trust-panel").query().isVisible()).isTrue();
        assertThat(robot.lookup("#fingerprint-question").queryAs(Label.class).getText())
                .contains("chat.example.org:6697", FINGERPRINT.toString(), "known_servers");
        assertThat(chat.attempts()).singleElement().extracting(FakeChatService.Attempt::tls).isEqualTo(true);

        robot.clickOn("#trust");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(chat.trusted()).singleElement().extracting(UntrustedServerException::fingerprint).isEqualTo(FINGERPRINT);
        assertThat(chat.attempts()).hasSize(2).allMatch(FakeChatService.Attempt::tls);
        ListView<String> users = robot.lookup("#users").queryListView();
        assertThat(users.getItems()).contains("alice", "bob");
    }

    @Test
    void staysOnTheDialogNotConnectedWhenTheUserDoesNotTrustIt(FxRobot robot) {
        connectOverTls(robot);

        robot.clickOn("#distrust");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(chat.trusted()).isEmpty();
        assertThat(chat.attempts()).hasSize(1);
        assertThat(robot.lookup("#trust-panel").query().isVisible()).isFalse();
        assertThat(robot.lookup("#connect-error").queryAs(Label.class).getText())
                .isEqualTo("Not connected: the server's certificate was not trusted.");
    }
}
