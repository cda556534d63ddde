package org.messenger.gui;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.messenger.gui.service.ClientChatService;

/**
 * The JavaFX application. Start it through {@link GuiMain} (JavaFX on the class path needs a main
 * class that is not an Application). Named parameters: {@code --server=host:port}, {@code --nick=N}, {@code --tls=true},
 * {@code --theme=light|dark}, {@code --connect=true}, {@code --downloads=DIR}.
 */
public final class MessengerApp extends Application {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long closing the window waits for the server to see us leave before it exits anyway. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private ExecutorService background;
    private AppShell shell;

    @Override
    public void start(Stage stage) {
        Map<String, String> named = getParameters().getNamed();
        AtomicInteger threads = new AtomicInteger();
        background = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "messenger-gui-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ClientChatService chat = new ClientChatService(CONNECT_TIMEOUT, background);
        Path downloads = named.containsKey("downloads") ? Path.of(named.get("downloads")) : defaultDownloadFolder();
        AppShell.Services services = new AppShell.Services(
                chat,
                session -> chat.filesFor(session, downloads),
                Platform::runLater,
                background,
                Clock.systemDefaultZone(),
                ZoneId.systemDefault(),
                DesktopFolderOpener.forThisSystem(background));
        String theme = named.getOrDefault("theme", "auto").toLowerCase(Locale.ROOT);
        Boolean dark = switch (theme) {
            case "dark" -> true;
            case "light" -> false;
            default -> null;
        };
        shell = new AppShell(stage, services, dark, named.get("server"), named.get("nick"));
        if (Boolean.parseBoolean(named.getOrDefault("tls", "false"))) {
            shell.connectViewModel().tlsProperty().set(true);
        }
        if (named.containsKey("account")) {
            shell.connectViewModel().accountProperty().set(named.get("account"));
        }
        if (named.containsKey("password")) {
            shell.connectViewModel().passwordProperty().set(named.get("password"));
        }
        Platform.setImplicitExit(false);
        shell.exitOnClose(CLOSE_GRACE, Platform::exit);
        shell.showConnect(null);
        stage.show();
        if (Boolean.parseBoolean(named.getOrDefault("connect", "false"))) {
            shell.connectNow();
        }
    }

    @Override
    public void stop() {
        if (background != null) {
            background.shutdown();
        }
    }

    /** ~/Downloads where it exists (most desktops), else the home folder. */
    static Path defaultDownloadFolder() {
        Path home = Path.of(System.getProperty("user.home"));
        Path downloads = home.resolve("Downloads");
        return java.nio.file.Files.isDirectory(downloads) ? downloads : home;
    }
}
