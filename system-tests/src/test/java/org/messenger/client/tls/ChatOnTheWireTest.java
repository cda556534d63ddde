package org.messenger.client.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.client.ChatClient;
import org.messenger.client.ClientConfig;
import org.messenger.irc.codec.sasl.SaslPlain;
import org.messenger.irc.server.AccountConfig;
import org.messenger.irc.server.IrcServer;
import org.messenger.irc.server.IrcServerConfig;
import org.messenger.irc.server.tls.SelfSignedCertificate;
import org.messenger.irc.server.tls.TlsSettings;

/**
 * What an eavesdropper on the path sees of a chat session (issue 13, "nothing of the session is
 * readable on the wire"). A tap between client and server records every byte both ways, as
 * tcpdump on the loopback interface would: over TLS it holds none of the password, the private
 * message or the IRC commands that carried them; the same session over the plain port, recorded
 * the same way, holds all of them (which shows the tap sees what there is to see).
 */
class ChatOnTheWireTest {
    private static final String PASSWORD = "tapped-but-not-read-7301";
    private static final String SECRET = "the vault code is 4 8 15 16 23 42";
    private static final long WAIT_SECONDS = 20;

    @TempDir
    Path temp;
    private IrcServer server;
    private final List<ChatClient> clients = new ArrayList<>();
    private final List<Tap> taps = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        SelfSignedCertificate.CertificateFiles files = SelfSignedCertificate.loadOrCreate(temp.resolve("data"), "test.server");
        server = IrcServer.start(IrcServerConfig.builder().bindAddress("127.0.0.1").port(0).serverName("test.server")
                .accounts(AccountConfig.inMemory().withScramIterations(4096))
                .tls(0, TlsSettings.of(files.certificate(), files.privateKey(), false)).build());
    }

    @AfterEach
    void stop() throws IOException {
        clients.forEach(c -> c.disconnect("test over"));
        for (Tap tap : taps) tap.close();
        server.close();
    }

    @Test
    void overTlsTheWireCarriesNoneOfThePasswordOrTheMessages() throws Exception {
        Tap tap = tap(server.tlsPort());
        ClientTls pinned = new ClientTls(server.tlsFingerprint().orElseThrow(), null, false);
        session(tap, pinned, "alice");

        byte[] seen = tap.recorded();
        assertThat(seen.length).as("the session went through the tap").isGreaterThan(2_000);
        assertThat(contains(seen, PASSWORD)).as("the password").isFalse();
        assertThat(contains(seen, Base64.getEncoder().encodeToString(
                SaslPlain.encode("alice", PASSWORD).getBytes(StandardCharsets.UTF_8)))).as("the SASL PLAIN answer").isFalse();
        assertThat(contains(seen, SECRET)).as("the private message").isFalse();
        for (String command : List.of("PRIVMSG", "REGISTER", "AUTHENTICATE", "NICK alice", "#lobby")) {
            assertThat(contains(seen, command)).as(command).isFalse();
        }
    }

    @Test
    void overThePlainPortTheSameTapReadsEverything() throws Exception {
        Tap tap = tap(server.port());
        session(tap, null, "carol");

        byte[] seen = tap.recorded();
        assertThat(contains(seen, PASSWORD)).isTrue(); // REGISTER carries it as it is
        assertThat(contains(seen, SECRET)).isTrue();
        assertThat(contains(seen, "PRIVMSG")).isTrue();
    }

    /** Registers {@code nick} as an account, tells bob a secret, leaves, and logs in again with SASL: all through the tap. */
    private void session(Tap tap, ClientTls tls, String nick) throws Exception {
        ChatClient bob = client(ClientConfig.of("127.0.0.1", server.port(), "bob"));
        bob.connect();
        ClientConfig viaTap = ClientConfig.of("127.0.0.1", tap.port(), nick);
        if (tls != null) viaTap = viaTap.withTls(tls);
        ChatClient first = client(viaTap);
        first.connect();
        assertThat(first.registerAccount(PASSWORD).get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(nick);
        first.sendPrivateConfirmed("bob", SECRET).get(WAIT_SECONDS, TimeUnit.SECONDS);
        first.disconnect("bye");
        ChatClient again = client(viaTap.withLogin(nick, PASSWORD));
        again.connect();
        assertThat(server.hub().findUser(nick).orElseThrow().account()).isEqualTo(nick);
        again.disconnect("bye");
        tap.awaitQuiet();
    }

    private ChatClient client(ClientConfig config) {
        ChatClient client = new ChatClient(config);
        clients.add(client);
        return client;
    }

    private Tap tap(int targetPort) throws IOException {
        Tap tap = new Tap(targetPort);
        taps.add(tap);
        return tap;
    }

    private static boolean contains(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) continue outer;
            }
            return true;
        }
        return false;
    }

    /** A TCP relay on 127.0.0.1 that keeps a copy of every byte it passes, both ways, for every connection. */
    private static final class Tap implements AutoCloseable {
        private final ServerSocket listener;
        private final int targetPort;
        private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();
        private final List<Socket> sockets = new ArrayList<>();
        private final List<Thread> pumps = new ArrayList<>();

        Tap(int targetPort) throws IOException {
            this.targetPort = targetPort;
            listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
            Thread acceptor = Thread.ofVirtual().start(this::accept);
            synchronized (pumps) {
                pumps.add(acceptor);
            }
        }

        int port() {
            return listener.getLocalPort();
        }

        private void accept() {
            try {
                while (true) {
                    Socket client = listener.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    synchronized (pumps) {
                        sockets.add(client);
                        sockets.add(upstream);
                        pumps.add(Thread.ofVirtual().start(() -> pump(client, upstream)));
                        pumps.add(Thread.ofVirtual().start(() -> pump(upstream, client)));
                    }
                }
            } catch (IOException closed) {
                // the tap is closing
            }
        }

        private void pump(Socket from, Socket to) {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    synchronized (recorded) {
                        recorded.write(buf, 0, n);
                    }
                    out.write(buf, 0, n);
                }
            } catch (IOException closed) {
                // one side went away
            } finally {
                try {
                    to.shutdownOutput();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }

        /** Waits until every connection through the tap has ended, so that every byte is recorded. */
        void awaitQuiet() throws InterruptedException {
            List<Thread> running;
            synchronized (pumps) {
                running = new ArrayList<>(pumps.subList(1, pumps.size()));
            }
            for (Thread t : running) {
                assertThat(t.join(java.time.Duration.ofSeconds(WAIT_SECONDS))).as("a tapped connection ended").isTrue();
            }
        }

        byte[] recorded() {
            synchronized (recorded) {
                return recorded.toByteArray();
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            synchronized (pumps) {
                for (Socket s : sockets) s.close();
            }
        }
    }
}
