package org.messenger.irc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.chat.store.ChatStore;
import org.slf4j.LoggerFactory;

/**
 * Drives a real WeeChat (Debian's {@code weechat-headless}, installed by .ci/run) against the
 * server: it creates a channel and is its operator, moderates it, voices, bans and kicks, and
 * goes away; reads a channel from before a restart with CHATHISTORY; and it logs in to an
 * account with SASL SCRAM-SHA-256 (Debian's irssi has only PLAIN
 * and EXTERNAL, so WeeChat is the real client that checks our SCRAM). Skipped when
 * weechat-headless is not installed.
 */
@EnabledIf("weechatAvailable")
class WeechatInteropTest extends IrcServerTestBase {
    private static final Duration WEECHAT_TIMEOUT = Duration.ofSeconds(60);
    private Process weechat;

    static boolean weechatAvailable() {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "weechat-headless")));
    }

    @Test
    void weechatCreatesAChannelModeratesItAndGoesAway(@TempDir Path home) throws IOException {
        start();
        RawIrcClient alice = registered("alice");
        RawIrcClient bob = registered("bob");
        // Debian's weechat-headless has no fifo, exec or trigger plugin, so WeeChat cannot be
        // typed at while it runs: its commands are given at start, to run once it is connected,
        // spaced by /wait. The only race is alice joining #wee within the first 6 s, which she does
        // as soon as the hub shows the channel (milliseconds, in this JVM).
        // WeeChat splits --run-command at ';' unless escaped as "\\;"; the option splits again when it runs.
        String onConnect = String.join("\\;",
                "/join #wee",
                "/wait 6 /mode #wee +m",
                "/wait 7 /mode #wee +v alice",
                "/wait 8 /mode #wee +b bob!*@*",
                "/wait 9 /kick #wee alice out you go",
                "/wait 10 /away gone fishing");
        String startup = String.join(";",
                "/set irc.server_default.nicks weebot",
                "/set irc.server_default.username weebot",
                "/set irc.server_default.realname WeeChat test",
                "/server add t 127.0.0.1/" + server.port() + " -notls",
                "/set irc.server.t.command \"" + onConnect.replace("\"", "\\\"") + "\"",
                "/connect t");
        weechat = new ProcessBuilder("weechat-headless", "--dir", home.toString(), "--run-command", startup)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("weechat.out").toFile())
                .start();
        alice.expect("^:weebot![^ ]+ JOIN #lobby$", WEECHAT_TIMEOUT);
        await().atMost(WEECHAT_TIMEOUT).alias("weebot creates #wee").until(() -> server.hub().channel("#wee").isPresent());
        alice.send("JOIN #wee");
        alice.expect(" 353 alice = #wee :@weebot alice$");

        alice.expect("^:weebot![^ ]+ MODE #wee \\+m$", WEECHAT_TIMEOUT);
        alice.expect("^:weebot![^ ]+ MODE #wee \\+v alice$", WEECHAT_TIMEOUT);
        alice.expect("^:weebot![^ ]+ MODE #wee \\+b bob!\\*@\\*$", WEECHAT_TIMEOUT);
        bob.send("JOIN #wee");
        bob.expect(" 474 bob #wee ");
        alice.expect("^:weebot![^ ]+ KICK #wee alice :out you go$", WEECHAT_TIMEOUT);

        await().atMost(WEECHAT_TIMEOUT).alias("weebot goes away")
                .until(() -> server.hub().findUser("weebot").orElseThrow().awayMessage() != null);
        alice.send("PRIVMSG weebot :are you there?");
        alice.expect(" 301 alice weebot :gone fishing$");
        alice.send("WHO weebot");
        alice.expect(" 352 alice \\S+ ~weebot 127.0.0.1 test.server weebot G");
    }

    @Test
    void weechatLogsInToARegisteredAccountWithScramSha256(@TempDir Path home) throws IOException {
        start(IrcServerConfig.builder().accounts(AccountConfig.inMemory().withScramIterations(4096)));
        ListAppender<ILoggingEvent> logins = new ListAppender<>();
        logins.start();
        Level level = accountLog().getLevel();
        accountLog().setLevel(Level.INFO); // the test logging config is quieter
        accountLog().addAppender(logins);
        try {
            RawIrcClient owner = registered("weebot");
            owner.send("REGISTER * * :" + AccountsTest.PASSWORD);
            owner.expect("^:test.server REGISTER SUCCESS weebot ");
            owner.close();
            await().atMost(RawIrcClient.TIMEOUT).until(() -> server.hub().findUser("weebot").isEmpty());
            RawIrcClient alice = registered("alice");
            String startup = String.join(";",
                    "/set logger.file.flush_delay 0",
                    "/set irc.server_default.nicks weebot",
                    "/set irc.server_default.username weebot",
                    "/server add t 127.0.0.1/" + server.port() + " -notls",
                    "/set irc.server.t.sasl_mechanism scram-sha-256",
                    "/set irc.server.t.sasl_username weebot",
                    "/set irc.server.t.sasl_password \"" + AccountsTest.PASSWORD + "\"",
                    "/set irc.server.t.sasl_fail disconnect",
                    "/connect t");
            weechat = new ProcessBuilder("weechat-headless", "--dir", home.toString(), "--run-command", startup)
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("weechat.out").toFile())
                    .start();
            alice.expect("^:weebot![^ ]+ JOIN #lobby$", WEECHAT_TIMEOUT);
            alice.send("WHOIS weebot");
            alice.expect(" 330 alice weebot weebot :is logged in as$");
            // The server names the mechanism it verified: SCRAM, not a fallback to PLAIN.
            await().atMost(RawIrcClient.TIMEOUT).untilAsserted(() -> assertThat(logins.list)
                    .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("logged in as weebot (SASL SCRAM-SHA-256)")));
        } finally {
            accountLog().detachAppender(logins);
            accountLog().setLevel(level);
        }
    }

    /**
     * History playback after a restart: what was said in a channel before the server restarted
     * is in the data folder's database, and after WeeChat joins the channel again
     * {@code /quote CHATHISTORY} brings it into the channel's buffer, which WeeChat's logger
     * writes to a file (flushed at once) that the test reads.
     */
    @Test
    void weechatReadsAChannelFromBeforeARestartWithChathistory(@TempDir Path home, @TempDir Path data) throws IOException {
        ChatStore store = ChatStore.open(data);
        try {
            start(IrcServerConfig.builder().history(store.history(100)));
            RawIrcClient alice = registered("alice");
            alice.send("JOIN #wee");
            alice.expect(" 366 alice #wee ");
            alice.send("PRIVMSG #wee :said before the restart");
            alice.send("PING :sent");
            alice.expect("PONG test.server :sent");
            server.close();
            store.close();

            store = ChatStore.open(data);
            start(IrcServerConfig.builder().history(store.history(100)));
            String onConnect = String.join("\\;", "/join #wee", "/wait 2 /quote CHATHISTORY LATEST #wee * 10");
            String startup = String.join(";",
                    "/set logger.file.flush_delay 0",
                    "/set irc.server_default.nicks weebot",
                    "/set irc.server_default.username weebot",
                    "/server add t 127.0.0.1/" + server.port() + " -notls",
                    "/set irc.server.t.command \"" + onConnect + "\"",
                    "/connect t");
            weechat = new ProcessBuilder("weechat-headless", "--dir", home.toString(), "--run-command", startup)
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("weechat.out").toFile())
                    .start();
            await().atMost(WEECHAT_TIMEOUT).alias("WeeChat's log of #wee shows its history")
                    .until(() -> logged(home, "said before the restart"));
        } finally {
            server.close();
            store.close();
        }
    }

    /** True when a WeeChat log file under {@code home} holds {@code text}. */
    private static boolean logged(Path home, String text) throws IOException {
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".weechatlog")).toList()) {
                if (Files.readString(file, java.nio.charset.StandardCharsets.UTF_8).contains(text)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Logger accountLog() {
        return (Logger) LoggerFactory.getLogger(AccountCommands.class);
    }

    @AfterEach
    void stopWeechat() throws InterruptedException {
        if (weechat != null && weechat.isAlive()) {
            weechat.destroy();
            if (!weechat.waitFor(5, TimeUnit.SECONDS)) {
                weechat.destroyForcibly();
            }
        }
    }
}
