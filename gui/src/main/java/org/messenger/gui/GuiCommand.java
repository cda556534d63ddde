package org.messenger.gui;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.messenger.client.ServerAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/** {@code messenger gui}: opens the desktop client. */
@Command(name = "gui",
        description = "Open the desktop client: chat in the lobby and privately, see who is online, download files.")
public final class GuiCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(GuiCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

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

    @Option(names = "--tls", description = "Turn on the dialog's TLS switch (a :6697 address does too). A self-signed server"
            + " certificate seen for the first time is shown with its fingerprint and trusted only if you say so.")
    boolean tls;

    @Option(names = "--account", paramLabel = "NAME",
            description = "Account to log in to (SASL), filled in the connect dialog; the dialog asks for its password.")
    String account;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the account's password from the first line of FILE instead of typing it.")
    java.nio.file.Path passwordFile;

    @Option(names = "--connect", description = "Connect at once with --server and --nick instead of waiting for the dialog.")
    boolean connect;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (server != null) {
            try {
                ServerAddress.parse(server);
            } catch (IllegalArgumentException e) {
                err.println("messenger gui: " + e.getMessage());
                return 2;
            }
        }
        if (!theme.matches("(?i)light|dark|auto")) {
            err.println("messenger gui: --theme is light, dark or auto, not '" + theme + "'");
            return 2;
        }
        if (connect && (nick == null || nick.isBlank())) {
            err.println("messenger gui: --connect needs --nick");
            return 2;
        }
        String password = null;
        if (passwordFile != null) {
            try {
                java.util.List<String> lines = java.nio.file.Files.readAllLines(passwordFile, java.nio.charset.StandardCharsets.UTF_8);
                if (lines.isEmpty() || lines.get(0).isEmpty()) {
                    err.println("messenger gui: --password-file " + passwordFile + " is empty: put the password on its first line");
                    return 2;
                }
                password = lines.get(0);
            } catch (java.io.IOException e) {
                err.println("messenger gui: cannot read --password-file " + passwordFile + ": " + e.getMessage());
                return 2;
            }
        }
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("linux") && isBlank(System.getenv("DISPLAY")) && isBlank(System.getenv("WAYLAND_DISPLAY"))) {
            err.println("messenger gui: there is no display to open a window on (DISPLAY is not set)."
                    + " Run it in a desktop session, or chat in this terminal with ./messenger chat.");
            return 1;
        }
        try {
            GuiMain.launch(server, nick, theme, connect, downloads, tls, account, password);
            return 0;
        } catch (RuntimeException e) {
            // Startup failures of the toolkit itself (no GTK, no display access): no stack trace for people.
            log.debug("The GUI failed to start", e);
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            err.println("messenger gui: the window system could not start: " + cause.getMessage()
                    + (os.contains("linux") ? ". JavaFX needs GTK 3 (e.g. apt-get install libgtk-3-0)." : "."));
            return 1;
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
