package org.messenger.gui;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.stage.Stage;
import org.messenger.gui.chat.ChatView;
import org.messenger.gui.chat.ChatViewModel;
import org.messenger.gui.connect.ConnectView;
import org.messenger.gui.connect.ConnectViewModel;
import org.messenger.gui.files.DownloadsViewModel;
import org.messenger.gui.files.FileDownloads;
import org.messenger.gui.files.FilesViewModel;
import org.messenger.gui.files.FolderOpener;
import org.messenger.gui.service.ChatService;
import org.messenger.gui.service.ChatSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's one window and what it shows: the connect dialog until a session exists, then
 * the main window; back to the dialog on Disconnect or when the server goes away.
 *
 * <p>Everything the window needs from outside comes in through {@link Services}, so tests run the
 * real views against fakes.
 */
public final class AppShell {
    private static final Logger log = LoggerFactory.getLogger(AppShell.class);
    public static final double CONNECT_WIDTH = 480;
    public static final double CONNECT_HEIGHT = 440; // server, nick, TLS, account, password and the fingerprint question
    public static final double MAIN_WIDTH = 1100;
    public static final double MAIN_HEIGHT = 720;

    /**
     * @param chat        opens chat sessions
     * @param files       the file service for a session (a stand-in until downloads exist)
     * @param ui          runs work on the UI thread (Platform::runLater)
     * @param background  runs work that may wait (closing the file service), never on the UI thread
     * @param folderOpener shows a folder in the desktop's file manager
     */
    public record Services(ChatService chat, Function<ChatSession, FileDownloads> files, Executor ui, Executor background,
                           Clock clock, ZoneId zone, FolderOpener folderOpener) {}

    private final Stage stage;
    private final Services services;
    private final Theme theme;
    private final ConnectViewModel connect;
    private final ConnectView connectView;
    private Scene scene;
    private ChatSession session;
    private FileDownloads files;
    private ChatView chatView;

    /**
     * @param dark the theme to start with; null follows the desktop where it can tell
     */
    public AppShell(Stage stage, Services services, Boolean dark, String server, String nick) {
        this.stage = stage;
        this.services = services;
        this.theme = new Theme(dark == null ? Theme.fromEnvironment() : dark);
        this.connect = new ConnectViewModel(services.chat(), services.ui(), this::showMain);
        if (server != null && !server.isBlank()) {
            connect.serverProperty().set(server);
        }
        if (nick != null) {
            connect.nickProperty().set(nick);
        }
        this.connectView = new ConnectView(connect, this::quit);
    }

    public ConnectViewModel connectViewModel() {
        return connect;
    }

    /** Shows the connect dialog, with {@code error} under the fields when not null. */
    public void showConnect(String error) {
        connect.showError(error);
        show(connectView.root(), "Messenger — connect", CONNECT_WIDTH, CONNECT_HEIGHT, false);
        focusAfterLayout(connectView.nickField());
    }

    /** Connects right away with what the dialog holds (for --connect). */
    public void connectNow() {
        connect.connect();
    }

    private void showMain(ChatSession newSession) {
        session = newSession;
        files = services.files().apply(newSession);
        DownloadsViewModel downloads = new DownloadsViewModel(files, services.ui(), services.folderOpener());
        FilesViewModel filesModel = new FilesViewModel(files, services.ui(), downloads);
        ChatViewModel chat = new ChatViewModel(newSession, services.ui(), services.clock(), reason -> {
            if (session == newSession) {
                leave();
                showConnect("Lost the connection to " + newSession.server() + ": " + reason + ". Connect again when the server is back.");
            }
        });
        CheckBox themeSwitch = new CheckBox("Dar_k theme");
        themeSwitch.setId("theme");
        themeSwitch.selectedProperty().bindBidirectional(theme.darkProperty());
        chatView = new ChatView(chat, filesModel, downloads, services.zone(), themeSwitch, this::disconnect);
        show(chatView.root(), "Messenger — " + newSession.nick() + " on " + newSession.server(), MAIN_WIDTH, MAIN_HEIGHT, true);
        chat.nickProperty().addListener((obs, old, nick) ->
                stage.setTitle("Messenger — " + nick + " on " + newSession.server()));
        focusAfterLayout(chatView.input());
    }

    private void disconnect() {
        ChatSession leaving = session;
        leave();
        showConnect(null);
        if (leaving != null) {
            connect.nickProperty().set(leaving.nick());
        }
    }

    /** Ends the session: the file service first (it tells the server), then the chat connection. Off the UI thread. */
    private CompletableFuture<Void> leave() {
        ChatSession leaving = session;
        FileDownloads closing = files;
        session = null;
        files = null;
        CompletableFuture<Void> filesClosed = closing == null ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(closing::close, services.background());
        return filesClosed.handle((ok, error) -> {
            if (error != null) {
                log.warn("Closing the file service failed: {}", error.toString());
            }
            return null;
        }).thenCompose(v -> leaving == null ? CompletableFuture.<Void>completedFuture(null) : leaving.disconnect());
    }

    /**
     * Closing the window hides it at once, says goodbye to the server off the UI thread, then runs
     * {@code exit} (also when the goodbye fails or takes longer than {@code grace}).
     */
    public void exitOnClose(Duration grace, Runnable exit) {
        stage.setOnCloseRequest(e -> {
            e.consume();
            stage.hide();
            shutdown().orTimeout(grace.toMillis(), TimeUnit.MILLISECONDS).whenComplete((ok, error) -> {
                if (error != null) {
                    log.debug("Leaving without a clean goodbye: {}", error.toString());
                }
                services.ui().execute(exit);
            });
        });
    }

    /** Disconnects (when connected) without blocking the UI thread; completes once the connection is closed. */
    public CompletableFuture<Void> shutdown() {
        return leave();
    }

    /**
     * Focuses {@code node} once the new root has been laid out. Earlier the node cannot take the
     * focus yet, and the scene's clean-up after the root swap would hand it to the first control
     * (the theme switch). Retries for a few pulses, until the node has it.
     */
    private void focusAfterLayout(javafx.scene.Node node) {
        Scene target = scene;
        Runnable attempt = new Runnable() {
            int pulsesLeft = 5;

            @Override
            public void run() {
                if (target.getFocusOwner() == node || --pulsesLeft < 0 || node.getScene() != target) {
                    target.removePostLayoutPulseListener(this);
                    return;
                }
                node.requestFocus();
                javafx.application.Platform.requestNextPulse();
            }
        };
        target.addPostLayoutPulseListener(attempt);
        javafx.application.Platform.requestNextPulse();
    }

    private void quit() {
        stage.fireEvent(new javafx.stage.WindowEvent(stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST));
    }

    /**
     * @param resizable false for the connect dialog when it opens the application: a fixed size
     *                  is also what makes a window manager map the window at the size asked
     *                  (openbox maps a resizable one at GTK's 200 x 200)
     */
    private void show(Parent root, String title, double width, double height, boolean resizable) {
        if (scene == null) {
            scene = new Scene(root, width, height);
            theme.apply(scene);
            stage.setScene(scene);
        } else {
            scene.setRoot(root);
        }
        stage.setTitle(title);
        if (!stage.isShowing()) {
            stage.setResizable(resizable);
            resize(width, height);
        } else if (resizable && !stage.isResizable()) {
            // Under a window manager (openbox), a size asked in the same pulse as the window
            // becomes resizable is dropped (the manager still holds the fixed size): ask after
            // the change, as a change (the stage must not believe it has the size already).
            stage.setResizable(true);
            javafx.application.Platform.runLater(() -> resize(width, height));
        } else {
            // Once shown, the window stays resizable: fixing it again would fix it at its old size.
            resize(width, height);
        }
    }

    private void resize(double width, double height) {
        stage.setWidth(width);
        stage.setHeight(height);
        stage.centerOnScreen();
    }
}
