package org.messenger.gui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.messenger.client.ChatClient;
import org.messenger.client.ClientConfig;
import org.messenger.gui.fakes.FakeFileService;
import org.messenger.gui.files.RemoteFile;
import org.messenger.gui.service.ChatService;
import org.messenger.gui.service.ClientChatService;
import org.messenger.irc.server.IrcServer;
import org.messenger.irc.server.IrcServerConfig;

/**
 * Not a test: takes the README screenshots. Runs the real window on a real display (Xvfb) against
 * the real server in this JVM, with client-library users around it, and saves scene snapshots.
 * Files come from a stand-in service until the files module's client is wired.
 *
 * <pre>DISPLAY=:77 java -cp ... 'org.messenger.gui.ScreenshotScenario$Main' docs/images</pre>
 */
public final class ScreenshotScenario extends Application {
    /** JavaFX on the class path wants a main class that is not the Application. */
    public static final class Main {
        private Main() {
        }

        public static void main(String[] args) {
            Application.launch(ScreenshotScenario.class, args);
        }
    }

    private Path out;
    private Stage stage;

    @Override
    public void start(Stage stage) {
        this.stage = stage;
        out = Path.of(getParameters().getRaw().isEmpty() ? "docs/images" : getParameters().getRaw().get(0));
        Thread script = new Thread(() -> {
            try {
                run();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                Platform.exit();
                System.exit(0);
            }
        }, "screenshot-script");
        script.start();
    }

    private void run() throws Exception {
        Files.createDirectories(out);
        IrcServer server = IrcServer.start(IrcServerConfig.builder().bindAddress("127.0.0.1").port(0)
                .serverName("messenger.local").build());
        ChatService chat = new ClientChatService(Duration.ofSeconds(10), Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bg");
            t.setDaemon(true);
            return t;
        }));
        FakeFileService files = new FakeFileService(Path.of(System.getProperty("user.home"), "Downloads"),
                new RemoteFile("holiday-photos.zip", 48_300_000), new RemoteFile("notes.txt", 12_400),
                new RemoteFile("talk-slides.pdf", 3_750_000), new RemoteFile("debian-12.iso", 658_505_728));
        ChatClient bob = peer(server, "bob");
        ChatClient carol = peer(server, "carol");

        AppShell shell = fx(() -> {
            AppShell s = new AppShell(stage, new AppShell.Services(chat, session -> files, Platform::runLater, Runnable::run,
                    Clock.systemDefaultZone(), ZoneId.systemDefault(), folder -> { }), false,
                    "127.0.0.1:" + server.port(), "alice");
            s.showConnect(null);
            stage.show();
            return s;
        });
        settle();
        snapshot("connect-dialog.png");

        fx(() -> {
            shell.connectViewModel().nickProperty().set("bob");
            shell.connectNow();
            return null;
        });
        waitUntil(() -> !shell.connectViewModel().errorProperty().get().isEmpty());
        snapshot("connect-nick-taken.png");

        fx(() -> {
            shell.connectViewModel().nickProperty().set("alice");
            shell.connectNow();
            return null;
        });
        waitUntil(() -> stage.getScene().lookup("#input") != null);
        settle();
        carol.sendToLobby("morning all ☕");
        settle();
        bob.sendToLobby("hi alice! did last night's build go green?");
        settle();
        type("yes, all green. The GUI branch has tests against the real server now");
        ChatClient dave = peer(server, "dave");
        settle();
        dave.sendToLobby("hello! first time here");
        settle();
        carol.sendAction("#lobby", "waves at dave");
        settle();
        bob.sendToLobby("welcome dave. Double-click a name on the right to talk privately");
        settle();
        ChatClient erin = peer(server, "erin");
        settle();
        erin.disconnect("back later");
        settle();
        snapshot("main-window.png");

        bob.sendPrivate("alice", "can you send me the slides from yesterday?");
        bob.sendPrivate("alice", "the PDF, not the keynote file");
        settle();
        snapshot("main-window-unread.png");
        fx(() -> {
            ((javafx.scene.control.TabPane) stage.getScene().lookup("#conversations")).getSelectionModel().select(1);
            return null;
        });
        type("sure, it's in the Files pane: talk-slides.pdf");
        bob.sendPrivate("alice", "found it, thanks!");
        settle();
        snapshot("private-conversation.png");

        fx(() -> {
            ((javafx.scene.control.TabPane) stage.getScene().lookup(".sidebar")).getSelectionModel().select(1);
            return null;
        });
        settle();
        snapshot("files-pane.png");
        fx(() -> {
            ((javafx.scene.control.TabPane) stage.getScene().lookup(".sidebar")).getSelectionModel().select(2);
            return null;
        });
        // Two downloads through the stand-in file service: one done, one paused half-way.
        files.download(files.listFiles().join().get(2)).join();
        files.progress(1, 3_750_000 / 2, 1_200_000);
        files.complete(1, "User alice downloaded 100% out of file talk-slides.pdf. Last byte is: 10");
        files.download(files.listFiles().join().get(0)).join();
        files.progress(2, 20_100_000, 2_400_000);
        files.download(files.listFiles().join().get(3)).join();
        files.progress(3, 131_000_000, 5_300_000);
        files.pause(3);
        settle();
        snapshot("download-manager.png");

        fx(() -> {
            ((javafx.scene.control.CheckBox) stage.getScene().lookup("#theme")).setSelected(true);
            ((javafx.scene.control.TabPane) stage.getScene().lookup(".sidebar")).getSelectionModel().select(0);
            ((javafx.scene.control.TabPane) stage.getScene().lookup("#conversations")).getSelectionModel().select(0);
            return null;
        });
        settle();
        snapshot("main-window-dark.png");

        shell.shutdown().get(5, TimeUnit.SECONDS);
        for (ChatClient c : new ChatClient[] {bob, carol, dave}) {
            c.disconnect("bye");
        }
        server.close();
    }

    private static ChatClient peer(IrcServer server, String nick) {
        ChatClient c = new ChatClient(ClientConfig.of("127.0.0.1", server.port(), nick));
        c.connect();
        return c;
    }

    private void type(String text) throws Exception {
        fx(() -> {
            TextField input = (TextField) stage.getScene().lookup("#input");
            input.setText(text);
            input.fireEvent(new ActionEvent());
            return null;
        });
        settle();
    }

    /** Lets events travel through the server and the UI lay out; this is a screenshot tool, not a test. */
    private static void settle() throws InterruptedException {
        Thread.sleep(700);
        CompletableFuture<Void> pulse = new CompletableFuture<>();
        Platform.runLater(() -> pulse.complete(null));
        pulse.join();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!fx(condition)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting");
            }
            Thread.sleep(100);
        }
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(15, TimeUnit.SECONDS);
    }

    private void snapshot(String name) throws Exception {
        WritableImage image = fx(() -> stage.getScene().snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        try {
            ImageIO.write(png, "png", out.resolve(name).toFile());
        } catch (IOException e) {
            throw new IOException("could not write " + out.resolve(name), e);
        }
        System.out.println("saved " + out.resolve(name));
    }
}
