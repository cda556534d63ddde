package org.messenger.gui;

import java.util.concurrent.Callable;
import org.messenger.client.ServerAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code messenger gui}: opens the desktop client. */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = "Open the desktop client: chat in the lobby and privately, see who is online, download files.")
public final class GuiCommand implements Callable<Integer> {
    @Option(names = "--server", paramLabel = "HOST:PORT",
            description = "Chat server to offer in the connect dialog (default: 127.0.0.1:50000).")
    String server;

    @Option(names = "--nick", paramLabel = "NICK", description = "Nickname to offer in the connect dialog.")
    String nick;

    @Option(names = "--theme", paramLabel = "THEME", defaultValue = "auto",
            description = "light, dark or auto (follows GTK_THEME where set). Default: ${DEFAULT-VALUE}.")
    String theme;

    @Option(names = "--downloads", paramLabel = "DIR",
            description = "Folder for downloaded files (default: ~/Downloads, or the home folder without one).")
    String downloads;

    @Option(names = "--connect", description = "Connect at once with --server and --nick instead of waiting for the dialog.")
    boolean connect;

    @Override
    public Integer call() {
        if (server != null) {
            try {
                ServerAddress.parse(server);
            } catch (IllegalArgumentException e) {
                System.err.println("messenger gui: " + e.getMessage());
                return 2;
            }
        }
        if (!theme.matches("(?i)light|dark|auto")) {
            System.err.println("messenger gui: --theme is light, dark or auto, not '" + theme + "'");
            return 2;
        }
        if (connect && (nick == null || nick.isBlank())) {
            System.err.println("messenger gui: --connect needs --nick");
            return 2;
        }
        GuiMain.launch(server, nick, theme, connect, downloads);
        return 0;
    }
}
