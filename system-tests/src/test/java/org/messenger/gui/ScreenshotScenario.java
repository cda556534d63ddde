package org.messenger.gui;

import static org.awaitility.Awaitility.await;

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
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.messenger.client.ChatClient;
import org.messenger.client.ClientConfig;
import org.messenger.gui.chat.ChatLine;
import org.messenger.gui.service.ClientChatService;
import org.messenger.files.catalogue.FileCatalogue;
import org.messenger.files.ports.PortRange;
import org.messenger.files.server.FileService;
import org.messenger.files.server.FileServiceConfig;
import org.messenger.files.server.TransportPortSocket;
import org.messenger.irc.server.IrcServer;
import org.messenger.irc.server.IrcServerConfig;
import org.messenger.transport.TransferConfig;
import org.messenger.transport.netem.NetemSpec;
import org.messenger.transport.time.TimeSource;

/**
 * Not a test: takes the README screenshots. Runs the real window on a real display (Xvfb) against
 * the real server in this JVM, with client-library users around it, and saves scene snapshots.
 * The downloads are real too: the server shares a temporary folder over a slowed link.
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
        // A short name: the download cards show where each file went.
        Path temp = Files.createTempDirectory("msg");
        Path shared = Files.createDirectories(temp.resolve("shared"));
        Path downloads = Files.createDirectories(temp.resolve("Downloads"));
        share(shared, "notes.txt", 12_400);
        share(shared, "talk-slides.pdf", 3_750_000);
        share(shared, "holiday-photos.zip", 48_300_000);
        share(shared, "recording.mp4", 31_000_000);
        // A slow link, so that the downloads are still moving when the picture is taken.
        FileService fileServer = new FileService(new FileCatalogue(shared),
                FileServiceConfig.defaults().withPorts(new PortRange(47100, 47103)).withMaxPortWait(Duration.ofMinutes(1)),
                TransportPortSocket.opener("127.0.0.1", TransferConfig.loopback(), NetemSpec.parse("rate=40mbit,queue=30")),
                TimeSource.system());
        IrcServer server = IrcServer.start(IrcServerConfig.builder().bindAddress("127.0.0.1").port(0)
                .serverName("messenger.local").extension(fileServer).build());
        ClientChatService chat = new ClientChatService(Duration.ofSeconds(10), Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bg");
            t.setDaemon(true);
            return t;
        }));
        ChatClient bob = peer(server, "bob");
        ChatClient carol = peer(server, "carol");

        AppShell shell = fx(() -> {
            AppShell s = new AppShell(stage, new AppShell.Services(chat, session -> chat.filesFor(session, downloads), Platform::runLater, Runnable::run,
                    Clock.systemDefaultZone(), ZoneId.systemDefault(), folder -> java.util.concurrent.CompletableFuture.completedFuture(null)), false,
                    "127.0.0.1:" + server.port(), "alice");
            s.showConnect(null);
            stage.show();
            return s;
        });
        settled();
        snapshot("connect-dialog.png");

        fx(() -> {
            shell.connectViewModel().nickProperty().set("bob");
            shell.connectNow();
            return null;
        });
        waitUntil(() -> !shell.connectViewModel().errorProperty().get().isEmpty());
        settled();
        snapshot("connect-nick-taken.png");

        fx(() -> {
            shell.connectViewModel().nickProperty().set("alice");
            shell.connectNow();
            return null;
        });
        waitUntil(() -> stage.getScene().lookup("#input") != null);
        waitForLine("#lobby-lines", "You joined");
        carol.sendToLobby("morning all ☕");
        waitForLine("#lobby-lines", "morning all");
        bob.sendToLobby("hi alice! did last night's build go green?");
        waitForLine("#lobby-lines", "build go green");
        type("#lobby-lines", "yes, all green. The GUI branch has tests against the real server now");
        ChatClient dave = peer(server, "dave");
        waitForLine("#lobby-lines", "dave joined");
        dave.sendToLobby("hello! first time here");
        waitForLine("#lobby-lines", "first time here");
        carol.sendAction("#lobby", "waves at dave");
        waitForLine("#lobby-lines", "waves at dave");
        bob.sendToLobby("welcome dave. Double-click a name on the right to talk privately");
        waitForLine("#lobby-lines", "talk privately");
        ChatClient erin = peer(server, "erin");
        waitForLine("#lobby-lines", "erin joined");
        erin.disconnect("back later");
        waitForLine("#lobby-lines", "erin left");
        settled();
        snapshot("main-window.png");

        bob.sendPrivate("alice", "can you send me the slides from yesterday?");
        bob.sendPrivate("alice", "the PDF, not the keynote file");
        waitForLine("#private-lines-bob", "keynote");
        settled();
        snapshot("main-window-unread.png");
        fx(() -> {
            ((javafx.scene.control.TabPane) stage.getScene().lookup("#conversations")).getSelectionModel().select(1);
            return null;
        });
        type("#private-lines-bob", "sure, it's in the Files pane: talk-slides.pdf");
        bob.sendPrivate("alice", "found it, thanks!");
        waitForLine("#private-lines-bob", "found it");
        settled();
        snapshot("private-conversation.png");

        fx(() -> {
            ((javafx.scene.control.TabPane) stage.getScene().lookup(".sidebar")).getSelectionModel().select(1);
            return null;
        });
        waitUntil(() -> ((javafx.scene.control.ListView<?>) stage.getScene().lookup("#files")).getItems().size() == 4);
        settled();
        snapshot("files-pane.png");
        fx(() -> {
            ((javafx.scene.control.TabPane) stage.getScene().lookup(".sidebar")).getSelectionModel().select(2);
            return null;
        });
        // Three real downloads: one done, one paused, one moving.
        download("notes.txt");
        download("talk-slides.pdf");
        waitUntil(() -> text("#download-2 .download-percent").equals("100 %") && text("#download-1 .download-percent").equals("100 %"));
        download("holiday-photos.zip");
        waitUntil(() -> percent("#download-3") >= 20);
        fx(() -> {
            ((javafx.scene.control.Button) stage.getScene().lookup("#pause-3")).fire();
            return null;
        });
        waitUntil(() -> text("#download-3 .hint").endsWith("paused"));
        download("recording.mp4");
        // Moving, with a rate and a time left, and some way along.
        waitUntil(() -> text("#download-4 .hint").contains("left") && percent("#download-4") >= 15);
        settled();
        snapshot("download-manager.png");

        fx(() -> {
            ((javafx.scene.control.CheckBox) stage.getScene().lookup("#theme")).setSelected(true);
            ((javafx.scene.control.TabPane) stage.getScene().lookup(".sidebar")).getSelectionModel().select(0);
            ((javafx.scene.control.TabPane) stage.getScene().lookup("#conversations")).getSelectionModel().select(0);
            return null;
        });
        settled();
        snapshot("main-window-dark.png");

        shell.shutdown().get(5, TimeUnit.SECONDS);
        for (ChatClient c : new ChatClient[] {bob, carol, dave}) {
            c.disconnect("bye");
        }
        server.close();
        fileServer.close();
    }

    private static void share(Path folder, String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new java.util.Random(size).nextBytes(bytes);
        bytes[size - 1] = '\n';
        Files.write(folder.resolve(name), bytes);
    }

    /** Picks the file in the Files pane and presses Download, as a person would. */
    private void download(String name) throws Exception {
        fx(() -> {
            @SuppressWarnings("unchecked")
            javafx.scene.control.ListView<org.messenger.gui.files.RemoteFile> list =
                    (javafx.scene.control.ListView<org.messenger.gui.files.RemoteFile>) stage.getScene().lookup("#files");
            list.getItems().stream().filter(f -> f.name().equals(name)).findFirst()
                    .ifPresent(f -> list.getSelectionModel().select(f));
            ((javafx.scene.control.Button) stage.getScene().lookup("#download")).fire();
            return null;
        });
    }

    private static ChatClient peer(IrcServer server, String nick) {
        ChatClient c = new ChatClient(ClientConfig.of("127.0.0.1", server.port(), nick));
        c.connect();
        return c;
    }

    /** Sends from the input line and waits for the line to show in {@code conversation}. */
    private void type(String conversation, String text) throws Exception {
        fx(() -> {
            TextField input = (TextField) stage.getScene().lookup("#input");
            input.setText(text);
            input.fireEvent(new ActionEvent());
            return null;
        });
        waitForLine(conversation, text);
    }

    /** Waits until the conversation list {@code selector} shows a line containing {@code text}. */
    private void waitForLine(String selector, String text) {
        waitUntil(() -> {
            @SuppressWarnings("unchecked")
            ListView<ChatLine> lines = (ListView<ChatLine>) stage.getScene().lookup(selector);
            return lines != null && lines.getItems().stream().anyMatch(l -> l.text() != null && l.text().contains(text));
        });
    }

    private String text(String selector) throws Exception {
        Node node = stage.getScene().lookup(selector);
        return node instanceof Labeled labeled ? labeled.getText() : "";
    }

    /** The percent a download card shows, 0 before it has one. */
    private int percent(String card) throws Exception {
        String shown = text(card + " .download-percent").replace("%", "").strip();
        return shown.isEmpty() ? 0 : Integer.parseInt(shown);
    }

    /** Lets the UI thread finish what it was handed (layout happens in the snapshot itself). */
    private static void settled() throws Exception {
        fx(() -> null);
    }

    /** Polls {@code condition} on the UI thread until it holds. */
    private static void waitUntil(Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> fx(condition));
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
