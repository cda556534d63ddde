package org.messenger.gui;

import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;

/**
 * Starts the desktop client. A separate class because JavaFX refuses to start from a main class
 * that extends Application when JavaFX is on the class path rather than the module path.
 */
public final class GuiMain {
    private GuiMain() {
    }

    public static void main(String[] args) {
        Application.launch(MessengerApp.class, args);
    }

    /** Starts the client and returns when its window is closed. Null values are left out. */
    public static void launch(String server, String nick, String theme, boolean connect, String downloads) {
        List<String> args = new ArrayList<>();
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
        Application.launch(MessengerApp.class, args.toArray(String[]::new));
    }
}
