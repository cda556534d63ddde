package org.messenger.irc.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.irc.codec.CertificateFingerprint;
import org.messenger.irc.server.IrcServer;
import org.messenger.irc.server.IrcServerConfig;

class TlsServerTest {
    @TempDir
    Path data;
    private IrcServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private IrcServer start(IrcServerConfig.Builder builder) throws InterruptedException {
        server = IrcServer.start(builder.bindAddress("127.0.0.1").serverName("test.server").build());
        return server;
    }

    private TlsSettings selfSigned() throws IOException {
        SelfSignedCertificate.CertificateFiles files = SelfSignedCertificate.loadOrCreate(data, "test.server");
        return TlsSettings.of(files.certificate(), files.privateKey(), false);
    }

    /** A TLS connection that trusts anything and remembers what it was shown, the way a test looks at the server. */
    private static final class Peer implements AutoCloseable {
        final AtomicReference<X509Certificate> shown = new AtomicReference<>();
        final SSLSocket socket;
        final BufferedReader in;
        final OutputStream out;

        Peer(int port) throws Exception {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    shown.set(chain[0]);
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            socket = (SSLSocket) context.getSocketFactory().createSocket();
            socket.setSoTimeout(10_000);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.startHandshake();
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        void send(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        String await(String regex) throws IOException {
            java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex);
            String line;
            while ((line = in.readLine()) != null) {
                if (pattern.matcher(line).find()) {
                    return line;
                }
            }
            throw new IOException("connection closed before a line matching " + regex);
        }

        CertificateFingerprint fingerprint() {
            return CertificateFingerprint.of(shown.get());
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void registersOverTlsWithTheCertificateWhoseFingerprintTheServerGives() throws Exception {
        start(IrcServerConfig.builder().port(0).tls(0, selfSigned()));
        try (Peer alice = new Peer(server.tlsPort())) {
            alice.send("NICK alice");
            alice.send("USER alice 0 * :Alice");
            alice.await(" 001 alice ");
            assertThat(alice.fingerprint()).isEqualTo(server.tlsFingerprint().orElseThrow());
        }
    }

    @Test
    void bothEnginesServeTheSameCertificate() throws Exception {
        for (TlsSettings.Engine engine : new TlsSettings.Engine[] {TlsSettings.Engine.JDK, TlsSettings.Engine.OPENSSL}) {
            start(IrcServerConfig.builder().port(-1).tls(0, selfSigned().withEngine(engine)));
            try (Peer peer = new Peer(server.tlsPort())) {
                peer.send("PING :" + engine);
                peer.await("PONG test.server :" + engine + "$");
                assertThat(peer.fingerprint()).isEqualTo(server.tlsFingerprint().orElseThrow());
            }
            server.close();
            server = null;
        }
    }

    @Test
    void theSelfSignedCertificateIsMadeOnceAndKeptWithAnOwnerOnlyKey() throws Exception {
        SelfSignedCertificate.CertificateFiles first = SelfSignedCertificate.loadOrCreate(data, "test.server");
        SelfSignedCertificate.CertificateFiles again = SelfSignedCertificate.loadOrCreate(data, "test.server");
        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(Files.readString(again.certificate())).isEqualTo(Files.readString(first.certificate()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.privateKey()))).isEqualTo("rw-------");
    }

    @Test
    void servesTlsOnlyWhenThePlainPortIsOff() throws Exception {
        start(IrcServerConfig.builder().port(-1).tls(0, selfSigned()));
        assertThatThrownBy(() -> server.port()).hasMessageContaining("no plain port");
        try (Peer bob = new Peer(server.tlsPort())) {
            bob.send("PING :secure");
            bob.await("PONG test.server :secure$");
        }
    }

    @Test
    void aRenewedCertificateIsServedToNewConnectionsWithoutARestart() throws Exception {
        TlsSettings settings = selfSigned();
        start(IrcServerConfig.builder().port(0).tls(0, settings));
        CertificateFingerprint before = server.tlsFingerprint().orElseThrow();
        try (Peer old = new Peer(server.tlsPort())) {
            String[] renewed = SelfSignedCertificate.generate("test.server", Instant.now());
            Files.writeString(settings.privateKey(), renewed[1]);
            Files.writeString(settings.certificate(), renewed[0]);
            Files.setLastModifiedTime(settings.certificate(), java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
            assertThat(server.tls().orElseThrow().reloadIfChanged()).isTrue();
            try (Peer fresh = new Peer(server.tlsPort())) {
                assertThat(fresh.fingerprint()).isNotEqualTo(before).isEqualTo(server.tlsFingerprint().orElseThrow());
            }
            old.send("PING :still-open");
            old.await("PONG test.server :still-open$");
        }
    }

    @Test
    void aKeyThatDoesNotLoadKeepsThePreviousCertificateInService() throws Exception {
        TlsSettings settings = selfSigned();
        start(IrcServerConfig.builder().port(0).tls(0, settings));
        CertificateFingerprint before = server.tlsFingerprint().orElseThrow();
        Files.writeString(settings.privateKey(), "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
        Files.setLastModifiedTime(settings.privateKey(), java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(server.tls().orElseThrow().reloadIfChanged()).isFalse();
        try (Peer peer = new Peer(server.tlsPort())) {
            assertThat(peer.fingerprint()).isEqualTo(before);
        }
    }

    @Test
    void aMissingCertificateFileIsRefusedAtStartNamingTheFile() {
        TlsSettings missing = TlsSettings.of(data.resolve("nope.crt"), data.resolve("nope.key"), true);
        assertThatThrownBy(() -> start(IrcServerConfig.builder().port(0).tls(0, missing)))
                .isInstanceOf(ServerTls.UnreadableCertificateException.class)
                .hasMessageContaining("nope.crt")
                .hasMessageContaining("check both files exist");
    }

    @Test
    void thePlainPortAdvertisesTheTlsPortInStsAndTheTlsPortItsDuration() throws Exception {
        TlsSettings operator = TlsSettings.of(selfSigned().certificate(), selfSigned().privateKey(), true);
        start(IrcServerConfig.builder().port(0).tls(0, operator));
        try (java.net.Socket plain = new java.net.Socket("127.0.0.1", server.port())) {
            plain.setSoTimeout(10_000);
            plain.getOutputStream().write("CAP LS 302\r\n".getBytes(StandardCharsets.US_ASCII));
            String ls = new BufferedReader(new InputStreamReader(plain.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(ls).contains(" sts=port=" + server.tlsPort()).doesNotContain("duration");
        }
        try (Peer secure = new Peer(server.tlsPort())) {
            secure.send("CAP LS 302");
            assertThat(secure.await(" CAP \\* LS ")).contains(" sts=duration=2592000").doesNotContain("port=");
        }
    }

    @Test
    void aGeneratedSelfSignedCertificateIsNotAdvertisedInSts() throws Exception {
        start(IrcServerConfig.builder().port(0).tls(0, selfSigned()));
        try (java.net.Socket plain = new java.net.Socket("127.0.0.1", server.port())) {
            plain.setSoTimeout(10_000);
            plain.getOutputStream().write("CAP LS 302\r\n".getBytes(StandardCharsets.US_ASCII));
            String ls = new BufferedReader(new InputStreamReader(plain.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(ls).contains(" CAP * LS ").doesNotContain("sts");
        }
    }
}
