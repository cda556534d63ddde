package org.messenger.irc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real irssi logs in to a registered account with SASL PLAIN, configured the way a user would:
 * a chatnet with sasl_mechanism, sasl_username and sasl_password. Runs under {@code script} for a
 * terminal, as in {@link IrssiInteropTest}. The irssi of Debian 12 (1.4.3) knows only PLAIN and
 * EXTERNAL, so SCRAM-SHA-256 is checked against the RFC 7677 vectors and our client library instead.
 */
@EnabledIf("org.messenger.irc.server.IrssiInteropTest#irssiAvailable")
class IrssiSaslInteropTest extends IrcServerTestBase {
    private static final Duration IRSSI_TIMEOUT = Duration.ofSeconds(30);
    private Process irssi;

    @Test
    void irssiLogsInToARegisteredAccountWithPlain(@TempDir Path home) throws IOException, InterruptedException {
        start(IrcServerConfig.builder().accounts(AccountConfig.inMemory().withScramIterations(4096)));
        RawIrcClient owner = registered("irssibot");
        owner.send("REGISTER * * :irssi-sasl-password");
        owner.expect("REGISTER SUCCESS irssibot");
        owner.close();
        org.awaitility.Awaitility.await().until(() -> server.hub().findUser("irssibot").isEmpty());
        RawIrcClient watcher = connect();
        watcher.send("CAP REQ :extended-join");
        watcher.send("CAP END");
        watcher.register("watcher");

        Files.writeString(home.resolve("config"), """
                settings = {
                  core = { user_name = "irssi"; real_name = "irssi test"; nick = "irssibot"; };
                  "irc/core" = { cmd_queue_speed = "0msec"; cmds_max_at_once = "1000"; };
                };
                chatnets = {
                  messenger = {
                    type = "IRC";
                    sasl_mechanism = "%s";
                    sasl_username = "irssibot";
                    sasl_password = "irssi-sasl-password";
                  };
                };
                servers = (
                  { address = "127.0.0.1"; chatnet = "messenger"; port = "%d"; use_tls = "no"; autoconnect = "yes"; }
                );
                """.formatted("PLAIN", server.port()));
        ProcessBuilder builder = new ProcessBuilder("script", "-qfec", "irssi --home=" + home, "/dev/null")
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("terminal.out").toFile());
        builder.environment().put("TERM", "xterm");
        builder.environment().put("COLUMNS", "120");
        builder.environment().put("LINES", "40");
        irssi = builder.start();

        // extended-join shows the account irssi logged in to before joining.
        watcher.expect("^:irssibot![^ ]+ JOIN #lobby irssibot :irssi test$", IRSSI_TIMEOUT);
        assertThat(server.hub().findUser("irssibot").orElseThrow().account()).isEqualTo("irssibot");
        irssi.getOutputStream().write("/quit\r".getBytes(StandardCharsets.UTF_8));
        irssi.getOutputStream().flush();
        watcher.expect("^:irssibot![^ ]+ QUIT", IRSSI_TIMEOUT);
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
