package org.messenger.gui;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Application;

/**
 * Starts the desktop client. A separate class because JavaFX refuses to start from a main class
 * that extends Application when JavaFX is on the class path rather than the module path.
 */
public final class GuiMain {
    /**
     * JavaFX warns "Unsupported JavaFX configuration" on every start from the class path, which is
     * how we ship it; people need not see that. Held here because JUL keeps loggers weakly.
     */
    private static final Logger JAVAFX_LOG = Logger.getLogger("javafx");

    private GuiMain() {
    }

    public static void main(String[] args) {
        quietJavaFxWarnings();
        Application.launch(MessengerApp.class, args);
    }

    private static void quietJavaFxWarnings() {
        JAVAFX_LOG.setLevel(Level.SEVERE);
    }

    /** Starts the client and returns when its window is closed. Null values are left out. */
    public static void launch(String server, String nick, String theme, boolean connect, String downloads, boolean tls) {
        launch(server, nick, theme, connect, downloads, tls, null, null);
    }

    /** As above, with the account (and its password, from a file) filled in the connect dialog. */
    public static void launch(String server, String nick, String theme, boolean connect, String downloads, boolean tls,
            String account, String password) {
        List<String> args = new ArrayList<>();
        if (account != null) {
            args.add("--account=" + account);
        }
        if (password != null) {
            // In this process only: Application parameters never reach the process list.
            args.add("--password=" + password);
        }
        if (server != null) {
            args.add("--server=" + server);
        }
        if (nick != null) {
            args.add("--nick=" + nick);
        }
        if (theme != null) {
            args.add("--theme=" + theme);
        }
        if (downloads != null) {
            args.add("--downloads=" + downloads);
        }
        if (connect) {
            args.add("--connect=true");
        }
        if (tls) {
            args.add("--tls=true");
        }
        quietJavaFxWarnings();
        Application.launch(MessengerApp.class, args.toArray(String[]::new));
    }
}
