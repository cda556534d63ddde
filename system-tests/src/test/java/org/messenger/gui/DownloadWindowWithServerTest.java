package org.messenger.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.files.catalogue.FileCatalogue;
import org.messenger.files.ports.PortRange;
import org.messenger.files.server.FileServiceConfig;
import org.messenger.files.server.TransportPortSocket;
import org.messenger.gui.service.ClientChatService;
import org.messenger.irc.server.IrcServer;
import org.messenger.irc.server.IrcServerConfig;
import org.messenger.testkit.FreeUdpPorts;
import org.messenger.transport.TransferConfig;
import org.messenger.transport.netem.NetemSpec;
import org.messenger.transport.time.TimeSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Files pane and the download manager against the real server with its file service: list,
 * download over the UDP transport, pause, resume, 100 % and a verified SHA-256 on disk.
 */
@ExtendWith(ApplicationExtension.class)
class DownloadWindowWithServerTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** 4 MiB at 8 Mbit/s: about four seconds, long enough to press Pause in the middle. */
    private static final int SIZE = 4 << 20;
    private static final NetemSpec SLOW_LINK = NetemSpec.parse("rate=8mbit,queue=30");

    @TempDir
    static Path temp;
    private byte[] content;
    private Path downloads;
    private IrcServer server;
    private org.messenger.files.server.FileService fileServer;
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "gui-test-background");
        t.setDaemon(true);
        return t;
    });
    private AppShell shell;

    @Start
    void start(Stage stage) throws Exception {
        Path shared = Files.createDirectories(temp.resolve("shared-" + System.nanoTime()));
        downloads = Files.createDirectories(temp.resolve("downloads-" + System.nanoTime()));
        content = new byte[SIZE];
        new Random(7).nextBytes(content);
        content[SIZE - 1] = 'Z';
        Files.write(shared.resolve("big.bin"), content);
        int firstPort = FreeUdpPorts.consecutive(2);
        fileServer = new org.messenger.files.server.FileService(new FileCatalogue(shared),
                FileServiceConfig.defaults().withPorts(new PortRange(firstPort, firstPort + 1)).withMaxPortWait(Duration.ofMinutes(1)),
                TransportPortSocket.opener("127.0.0.1", TransferConfig.loopback(), SLOW_LINK), TimeSource.system());
        server = IrcServer.start(IrcServerConfig.builder().bindAddress("127.0.0.1").port(0).serverName("test.server")
                .extension(fileServer).build());
        ClientChatService chat = new ClientChatService(WAIT, background);
        shell = new AppShell(stage, new AppShell.Services(chat, session -> chat.filesFor(session, downloads),
                Platform::runLater, background, Clock.systemUTC(), ZoneOffset.UTC, folder -> java.util.concurrent.CompletableFuture.completedFuture(null)),
                false, "127.0.0.1:" + server.port(), null);
        shell.showConnect(null);
        stage.show();
    }

    @AfterEach
    void stop() {
        shell.shutdown().join();
        server.close();
        fileServer.close();
        background.shutdown();
    }

    private static <T> T onFx(Callable<T> read) {
        return WaitForAsyncUtils.waitForAsyncFx(WAIT.toMillis(), read);
    }

    private static String text(FxRobot robot, String query) {
        return onFx(() -> robot.lookup(query).tryQuery().map(n -> ((Label) n).getText()).orElse(""));
    }

    @Test
    void downloadsAFileToHundredPercentThroughPauseAndResume(FxRobot robot) throws Exception {
        robot.clickOn("#nick").write("alice").type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> robot.lookup("#users").tryQuery().isPresent());
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#files").queryListView().getItems().size() == 1));

        robot.clickOn(robot.lookup("#files .list-cell").nth(0).<Node>query());
        robot.clickOn("#download");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> text(robot, "#download-1 .hint").contains("downloading"));

        robot.clickOn("#pause-1");
        await().atMost(WAIT).until(() -> text(robot, "#download-1 .hint").endsWith("paused"));
        assertThat(text(robot, "#download-1 .download-percent")).isNotEqualTo("100 %");

        robot.clickOn("#resume-1");
        await().atMost(WAIT).until(() -> text(robot, "#download-1 .download-percent").equals("100 %")
                && !text(robot, "#download-1 .download-complete").isEmpty());

        assertThat(text(robot, "#download-1 .download-complete"))
                .isEqualTo("User alice downloaded 100% out of file big.bin. Last byte is: 90 ('Z') · SHA-256 verified");
        assertThat(Files.readAllBytes(downloads.resolve("big.bin"))).isEqualTo(content);
    }
}
