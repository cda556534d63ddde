package org.messenger.client.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.client.ChatClient;
import org.messenger.client.ChatClientException;
import org.messenger.client.ClientConfig;
import org.messenger.irc.codec.CertificateFingerprint;
import org.messenger.irc.server.IrcServer;
import org.messenger.irc.server.IrcServerConfig;
import org.messenger.irc.server.tls.SelfSignedCertificate;
import org.messenger.irc.server.tls.TlsSettings;

/** Trust on first use, pinning and refusal, against the real server's TLS port with a self-signed certificate. */
class ChatClientTlsTest {
    private static final CertificateFingerprint SOMEONE_ELSE = CertificateFingerprint.parse("AB".repeat(32));

    @TempDir
    Path temp;
    private IrcServer server;
    private KnownServers known;
    private final List<ChatClient> clients = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        SelfSignedCertificate.CertificateFiles files = SelfSignedCertificate.loadOrCreate(temp.resolve("data"), "test.server");
        server = IrcServer.start(IrcServerConfig.builder().bindAddress("127.0.0.1").port(0).serverName("test.server")
                .tls(0, TlsSettings.of(files.certificate(), files.privateKey(), false)).build());
        known = new KnownServers(temp.resolve("config/messenger/known_servers"));
    }

    @AfterEach
    void stop() {
        clients.forEach(c -> c.disconnect("test over"));
        server.close();
    }

    private String address() {
        return "127.0.0.1:" + server.tlsPort();
    }

    private ChatClient client(String nick, ClientTls tls) {
        ChatClient client = new ChatClient(ClientConfig.of("127.0.0.1", server.tlsPort(), nick).withTls(tls));
        clients.add(client);
        return client;
    }

    @Test
    void anUnknownSelfSignedCertificateIsRefusedWithItsFingerprintAndNothingIsRemembered() {
        ChatClient alice = client("alice", new ClientTls(null, known, false));
        assertThatThrownBy(alice::connect)
                .isInstanceOfSatisfying(UntrustedServerException.class, e -> {
                    assertThat(e.reason()).isEqualTo(UntrustedServerException.Reason.UNKNOWN);
                    assertThat(e.fingerprint()).isEqualTo(server.tlsFingerprint().orElseThrow());
                    assertThat(e.server()).isEqualTo(address());
                    assertThat(e.problem()).isEqualTo(ChatClientException.Problem.UNTRUSTED_CERTIFICATE);
                })
                .hasMessageContaining(server.tlsFingerprint().orElseThrow().toString())
                .hasMessageContaining("trust it only if they match")
                .hasMessageNotContaining("--"); // flags are the command line's words; it adds them (ClientErrors)
        assertThat(known.file()).doesNotExist();
    }

    @Test
    void acceptingANewFingerprintRemembersItAndTheNextConnectionNeedsNoQuestion() throws Exception {
        client("alice", new ClientTls(null, known, true)).connect();
        assertThat(Files.readString(known.file())).isEqualTo(address() + " " + server.tlsFingerprint().orElseThrow() + System.lineSeparator());
        ChatClient bob = client("bob", new ClientTls(null, known, false));
        bob.connect();
        assertThat(bob.users()).containsExactlyInAnyOrder("alice", "bob");
    }

    @Test
    void aChangedFingerprintIsRefusedNamingTheFileAndLineToRemove() throws Exception {
        Files.createDirectories(known.file().getParent());
        Files.writeString(known.file(), "# trusted servers\n" + address() + " " + SOMEONE_ELSE + "\n");
        ChatClient alice = client("alice", new ClientTls(null, known, true));
        assertThatThrownBy(alice::connect)
                .isInstanceOfSatisfying(UntrustedServerException.class,
                        e -> assertThat(e.reason()).isEqualTo(UntrustedServerException.Reason.CHANGED))
                .hasMessageContaining("WARNING: the certificate of " + address() + " has CHANGED")
                .hasMessageContaining("remove line 2 of " + known.file());
        assertThat(Files.readAllLines(known.file())).hasSize(2);
    }

    @Test
    void aPinnedFingerprintConnectsWithoutTheFileAndAnotherOneIsRefused() {
        ChatClient pinned = client("alice", new ClientTls(server.tlsFingerprint().orElseThrow(), null, false));
        pinned.connect();
        assertThat(pinned.nick()).isEqualTo("alice");
        ChatClient wrong = client("bob", new ClientTls(SOMEONE_ELSE, known, true));
        assertThatThrownBy(wrong::connect)
                .isInstanceOfSatisfying(UntrustedServerException.class,
                        e -> assertThat(e.reason()).isEqualTo(UntrustedServerException.Reason.PIN_MISMATCH))
                .hasMessageContaining("not the pinned " + SOMEONE_ELSE);
        assertThat(known.file()).doesNotExist();
    }

    @Test
    void tlsToThePlainPortSaysItAnsweredInPlainText() {
        ChatClient confused = new ChatClient(ClientConfig.of("127.0.0.1", server.port(), "alice")
                .withTls(new ClientTls(null, known, true)));
        clients.add(confused);
        assertThatThrownBy(confused::connect)
                .isInstanceOf(ChatClientException.class)
                .hasMessageContaining("Is that the plain port?");
    }
}
