package org.messenger.irc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.messenger.irc.server.tls.SelfSignedCertificate;
import org.messenger.irc.server.tls.TlsSettings;

/**
 * A real irssi registers over TLS with the server's self-signed certificate pinned by its
 * fingerprint ({@code tls_pinned_cert}, as users would copy it from the server's start-up line),
 * and refuses to when the pinned fingerprint is another one. Run as in {@link IrssiInteropTest}.
 */
@EnabledIf("org.messenger.irc.server.IrssiInteropTest#irssiAvailable")
class IrssiTlsInteropTest extends IrcServerTestBase {
    private static final Duration IRSSI_TIMEOUT = Duration.ofSeconds(30);
    private Process irssi;

    private Path startIrssi(Path home, String pinnedFingerprint) throws IOException {
        Files.writeString(home.resolve("config"), """
                servers = (
                  {
                    address = "127.0.0.1";
                    chatnet = "messenger";
                    port = "%d";
                    use_tls = "yes";
                    tls_verify = "no";
                    tls_pinned_cert = "%s";
                    autoconnect = "yes";
                  }
                );
                chatnets = { messenger = { type = "IRC"; }; };
                settings = {
                  core = { user_name = "irssi"; real_name = "irssi test"; nick = "irssitls"; };
                  "irc/core" = { cmd_queue_speed = "0msec"; cmds_max_at_once = "1000"; };
                };
                """.formatted(server.tlsPort(), pinnedFingerprint));
        ProcessBuilder builder = new ProcessBuilder("script", "-qfec", "irssi --home=" + home, "/dev/null")
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("terminal.out").toFile());
        builder.environment().put("TERM", "xterm");
        builder.environment().put("COLUMNS", "160");
        builder.environment().put("LINES", "40");
        irssi = builder.start();
        return home.resolve("terminal.out");
    }

    private void startServer(Path data) throws IOException {
        SelfSignedCertificate.CertificateFiles files = SelfSignedCertificate.loadOrCreate(data, "test.server");
        start(IrcServerConfig.builder().tls(0, TlsSettings.of(files.certificate(), files.privateKey(), false)));
    }

    @Test
    void irssiRegistersOverTlsWithTheFingerprintPinned(@TempDir Path home, @TempDir Path data) throws IOException {
        startServer(data);
        RawIrcClient alice = registered("alice");
        startIrssi(home, server.tlsFingerprint().orElseThrow().toString());

        alice.expect("^:irssitls![^ ]+ JOIN #lobby$", IRSSI_TIMEOUT);
        irssi.getOutputStream().write("/msg alice hello over tls\r".getBytes(StandardCharsets.UTF_8));
        irssi.getOutputStream().flush();
        alice.expect("^:irssitls![^ ]+ PRIVMSG alice :hello over tls$", IRSSI_TIMEOUT);
    }

    @Test
    void irssiRefusesTheServerWhenThePinnedFingerprintDiffers(@TempDir Path home, @TempDir Path data) throws IOException {
        startServer(data);
        Path screen = startIrssi(home, "AB:".repeat(31) + "AB");

        await().atMost(IRSSI_TIMEOUT).alias("irssi reports the pinned certificate mismatch")
                .until(() -> Files.readString(screen, StandardCharsets.ISO_8859_1).toLowerCase().contains("pinned"));
        assertThat(server.hub().userCount()).isZero();
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
