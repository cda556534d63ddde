package org.messenger.irc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.chat.store.ChatStore;

/**
 * Drives a real irssi (the Debian package, installed by .ci/run) against the server: irssi
 * registers and is auto-joined, shows a lobby message on its screen, sends a private message
 * typed at its prompt, and quits. irssi needs a terminal, so it runs under util-linux {@code script}, which
 * gives it a pseudo-terminal; what the test writes to script's stdin is typed into irssi.
 * Skipped when irssi or script is not installed.
 */
@EnabledIf("irssiAvailable")
class IrssiInteropTest extends IrcServerTestBase {
    private static final Duration IRSSI_TIMEOUT = Duration.ofSeconds(30);
    private Process irssi;

    static boolean irssiAvailable() {
        return onPath("irssi") && onPath("script");
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void irssiRegistersChatsAndQuits(@TempDir Path home) throws IOException, InterruptedException {
        start();
        RawIrcClient alice = registered("alice");
        OutputStream keyboard = startIrssi(home);

        alice.expect("^:irssibot![^ ]+ JOIN #lobby$", IRSSI_TIMEOUT);
        type(keyboard, "/window goto #lobby");
        alice.send("PRIVMSG #lobby :hello irssi from alice");
        Path screen = home.resolve("terminal.out");
        await().atMost(IRSSI_TIMEOUT).alias("irssi shows alice's lobby message")
                .until(() -> Files.readString(screen, StandardCharsets.ISO_8859_1).contains("hello irssi from alice"));

        type(keyboard, "/msg alice hello from irssi");
        alice.expect("^:irssibot![^ ]+ PRIVMSG alice :hello from irssi$", IRSSI_TIMEOUT);

        type(keyboard, "/quit bye from irssi");
        alice.expect("^:irssibot![^ ]+ QUIT :Quit: bye from irssi$", IRSSI_TIMEOUT);
        assertThat(irssi.waitFor(20, TimeUnit.SECONDS)).as("irssi exits after /quit").isTrue();
    }

    /**
     * irssi creates a channel and is its operator; it moderates it (+m, +v), bans, kicks with
     * irssi's own /kick, /ban-style mode and /topic, and sets itself away, as its user would type it.
     */
    @Test
    void irssiRunsItsChannelAndGoesAway(@TempDir Path home) throws IOException {
        start();
        RawIrcClient alice = registered("alice");
        RawIrcClient bob = registered("bob");
        OutputStream keyboard = startIrssi(home);
        alice.expect("^:irssibot![^ ]+ JOIN #lobby$", IRSSI_TIMEOUT);

        type(keyboard, "/join #irc");
        await().atMost(IRSSI_TIMEOUT).alias("irssibot creates #irc").until(() -> server.hub().channel("#irc").isPresent());
        alice.send("JOIN #irc");
        alice.expect(" 353 alice = #irc :@irssibot alice$");

        type(keyboard, "/window goto #irc");
        type(keyboard, "/mode +m");
        alice.expect("^:irssibot![^ ]+ MODE #irc \\+m$", IRSSI_TIMEOUT);
        type(keyboard, "/voice alice");
        alice.expect("^:irssibot![^ ]+ MODE #irc \\+v alice$", IRSSI_TIMEOUT);
        type(keyboard, "/topic irssi runs this");
        alice.expect("^:irssibot![^ ]+ TOPIC #irc :irssi runs this$", IRSSI_TIMEOUT);
        type(keyboard, "/mode +b bob!*@*");
        alice.expect("^:irssibot![^ ]+ MODE #irc \\+b bob!\\*@\\*$", IRSSI_TIMEOUT);
        bob.send("JOIN #irc");
        bob.expect(" 474 bob #irc ");
        type(keyboard, "/kick alice out you go");
        alice.expect("^:irssibot![^ ]+ KICK #irc alice :out you go$", IRSSI_TIMEOUT);

        type(keyboard, "/away gone fishing");
        await().atMost(IRSSI_TIMEOUT).alias("irssibot goes away")
                .until(() -> server.hub().findUser("irssibot").orElseThrow().awayMessage() != null);
        alice.send("WHOIS irssibot");
        alice.expect(" 301 alice irssibot :gone fishing$");
    }

    /**
     * History playback after a restart, as an irssi user gets it: what was said in a channel
     * before the server restarted is in the data folder's database, and after joining the channel
     * again {@code /quote CHATHISTORY} shows it in irssi's window (irssi asks for no batch, so the
     * lines come bare).
     */
    @Test
    void irssiReadsAChannelFromBeforeARestartWithChathistory(@TempDir Path home, @TempDir Path data) throws IOException {
        ChatStore store = ChatStore.open(data);
        try {
            start(IrcServerConfig.builder().history(store.history(100)));
            RawIrcClient alice = registered("alice");
            alice.send("JOIN #irc");
            alice.expect(" 366 alice #irc ");
            alice.send("PRIVMSG #irc :said before the restart");
            alice.send("PING :sent");
            alice.expect("PONG test.server :sent");
            server.close();
            store.close();

            store = ChatStore.open(data);
            start(IrcServerConfig.builder().history(store.history(100)));
            OutputStream keyboard = startIrssi(home);
            await().atMost(IRSSI_TIMEOUT).alias("irssibot registers").until(() -> server.hub().findUser("irssibot").isPresent());
            type(keyboard, "/join #irc");
            await().atMost(IRSSI_TIMEOUT).alias("irssibot joins #irc").until(() -> server.hub().channel("#irc").isPresent());
            type(keyboard, "/quote CHATHISTORY LATEST #irc * 10");
            Path screen = home.resolve("terminal.out");
            await().atMost(IRSSI_TIMEOUT).alias("irssi shows #irc's history")
                    .until(() -> Files.readString(screen, StandardCharsets.ISO_8859_1).contains("said before the restart"));
        } finally {
            server.close();
            store.close();
        }
    }

    /** Starts irssi under script (it needs a terminal), connecting as irssibot; returns its keyboard. */
    private OutputStream startIrssi(Path home) throws IOException {
        // irssi's own flood protection spaces commands 2.2 s apart after a burst; turn it off.
        Files.writeString(home.resolve("config"), """
                settings = {
                  core = { user_name = "irssi"; real_name = "irssi test"; };
                  "irc/core" = { cmd_queue_speed = "0msec"; cmds_max_at_once = "1000"; };
                };
                """);
        String command = "irssi --home=" + home + " --connect=127.0.0.1 --port=" + server.port() + " --nick=irssibot";
        ProcessBuilder builder = new ProcessBuilder("script", "-qfec", command, "/dev/null")
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("terminal.out").toFile()); // irssi's screen, escape codes and all
        builder.environment().put("TERM", "xterm");
        builder.environment().put("COLUMNS", "120");
        builder.environment().put("LINES", "40");
        irssi = builder.start();
        return irssi.getOutputStream();
    }

    private static void type(OutputStream keyboard, String line) throws IOException {
        keyboard.write((line + "\r").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    @AfterEach
    void stopIrssi() throws InterruptedException {
        if (irssi != null && irssi.isAlive()) {
            irssi.descendants().forEach(ProcessHandle::destroy);
            irssi.destroy();
            irssi.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
