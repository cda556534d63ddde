package org.messenger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.cli.chat.TrustOnFirstUse;
import org.messenger.client.ServerAddress;
import org.messenger.client.tls.ClientTls;
import org.messenger.client.tls.KnownServers;
import org.messenger.irc.server.IrcServer;
import org.messenger.irc.server.IrcServerConfig;
import org.messenger.irc.server.tls.SelfSignedCertificate;
import org.messenger.irc.server.tls.TlsSettings;

/** The client commands over TLS against a server with a self-signed certificate: trust on first use, pinning, refusal. */
class TlsClientCommandsTest {
    @TempDir
    Path temp;
    private IrcServer server;
    private Path knownServers;

    @BeforeEach
    void startServer() throws Exception {
        SelfSignedCertificate.CertificateFiles files = SelfSignedCertificate.loadOrCreate(temp.resolve("data"), "test.server");
        server = IrcServer.start(IrcServerConfig.builder().bindAddress("127.0.0.1").port(0).serverName("test.server")
                .tls(0, TlsSettings.of(files.certificate(), files.privateKey(), false)).build());
        knownServers = temp.resolve("known_servers");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String address() {
        return "127.0.0.1:" + server.tlsPort();
    }

    private String fingerprint() {
        return server.tlsFingerprint().orElseThrow().toString();
    }

    @Test
    void aScriptIsRefusedAnUnknownCertificateAndToldTheFingerprintAndTheFlags() {
        CliRun run = CliRun.of("users", "--tls", "--server", address(), "--known-servers", knownServers.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("self-signed certificate not seen before", fingerprint(), "--accept-new-fingerprint");
        assertThat(knownServers).doesNotExist();
    }

    @Test
    void acceptNewFingerprintRemembersItForTheNextRun() throws Exception {
        CliRun first = CliRun.of("users", "--tls", "--server", address(), "--known-servers", knownServers.toString(),
                "--accept-new-fingerprint", "--nick", "alice");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("alice");
        assertThat(Files.readString(knownServers)).contains(address() + " " + fingerprint());
        CliRun second = CliRun.of("send", "--tls", "--server", address(), "--known-servers", knownServers.toString(),
                "--all", "hello over TLS");
        assertThat(second.exitCode()).as(second.err()).isZero();
    }

    @Test
    void aPinnedFingerprintConnectsAndImpliesTls() {
        CliRun run = CliRun.of("users", "--tls-fingerprint", fingerprint().replace(":", "").toLowerCase(), "--server", address(),
                "--known-servers", knownServers.toString(), "--nick", "pinned");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("pinned");
        CliRun wrong = CliRun.of("users", "--tls-fingerprint", "00".repeat(32), "--server", address(),
                "--known-servers", knownServers.toString());
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).contains("not the pinned");
    }

    @Test
    void aMalformedFingerprintIsABadOption() {
        CliRun run = CliRun.of("users", "--tls-fingerprint", "abc", "--server", address());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--tls-fingerprint 'abc' is not a SHA-256 fingerprint");
    }

    @Test
    void theChatAsksAboutANewCertificateAndRemembersItOnYes() throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        boolean goAhead = ask("y\n", screen);
        assertThat(goAhead).isTrue();
        assertThat(screen.toString(StandardCharsets.UTF_8)).contains("SHA-256 fingerprint: " + fingerprint())
                .contains("Trust it and remember it in " + knownServers + "? [y/N]");
        assertThat(Files.readString(knownServers)).contains(address() + " " + fingerprint());
        assertThat(ask("", new ByteArrayOutputStream())).as("known now: no question").isTrue();
    }

    @Test
    void theChatDoesNotConnectWhenTheAnswerIsNo() throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        assertThat(ask("n\n", screen)).isFalse();
        assertThat(screen.toString(StandardCharsets.UTF_8)).contains("Not trusted: not connecting.");
        assertThat(knownServers).doesNotExist();
    }

    @Test
    void theChatRefusesAChangedCertificateWithoutAsking() throws Exception {
        Files.writeString(knownServers, address() + " " + "CD".repeat(32) + "\n");
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        assertThat(ask("y\n", screen)).isFalse();
        assertThat(screen.toString(StandardCharsets.UTF_8)).contains("has CHANGED").contains("remove line 1 of " + knownServers)
                .doesNotContain("[y/N]");
    }

    private boolean ask(String typed, ByteArrayOutputStream screen) throws Exception {
        try (Terminal terminal = new DumbTerminal("test", Terminal.TYPE_DUMB,
                new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), screen, StandardCharsets.UTF_8)) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
            return TrustOnFirstUse.check(ServerAddress.parse(address()), new ClientTls(null, new KnownServers(knownServers), false),
                    Duration.ofSeconds(10), reader);
        }
    }
}
