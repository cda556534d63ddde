package org.messenger.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** How the load generator paces registrations by the JOINs its first client sees. */
class LoadClientsPacingTest {
    /**
     * A lobby that announces each JOIN to the members already in it (RFC 2812), and that handles
     * the first client's JOIN late, as a busy server can: its other clients were in the lobby
     * before it, so it never saw their JOINs. The generator counted those missing JOINs against
     * every later client's gate and hung until its limit (seen once at 10,000 clients, the server
     * idle); it now starts the others once the first client is in the lobby.
     */
    @Test
    void registrationsGoOnWhenTheServerSeatsTheFirstClientLate() throws Exception {
        // 100 connections a second: about 30 others are in before the first client's JOIN (300 ms
        // late), more than the gate's lag of 5 allows for, and 30 more come after it.
        try (LateFirstLobby lobby = new LateFirstLobby(LoadClients.nick("p", 0));
                LoadClients clients = new LoadClients(lobby.address(), 60, 2, "p", null, false)) {
            Duration took = clients.connectAll(100, 200, 5, Duration.ofSeconds(10));
            assertThat(took).isLessThan(Duration.ofSeconds(10));
            assertThat(lobby.joined()).isEqualTo(60);
        }
    }

    /** A minimal IRC lobby on 127.0.0.1, one thread per connection; {@code lateNick}'s JOIN waits 300 ms. */
    private static final class LateFirstLobby implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        private final List<OutputStream> members = new CopyOnWriteArrayList<>();
        private final String lateNick;

        LateFirstLobby(String lateNick) throws IOException {
            this.lateNick = lateNick;
            Thread.ofPlatform().daemon().start(this::accept);
        }

        InetSocketAddress address() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        }

        int joined() {
            return members.size();
        }

        private void accept() {
            try {
                while (true) {
                    Socket s = listener.accept();
                    Thread.ofPlatform().daemon().start(() -> serve(s));
                }
            } catch (IOException closed) {
                // the test is over
            }
        }

        private void serve(Socket s) {
            try (s) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = s.getOutputStream();
                String nick = "?";
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("NICK ")) {
                        nick = line.substring(5).trim();
                    } else if (line.startsWith("JOIN ")) {
                        // The server's own latency is what is under test here, not a wait of the
                        // test's: the generator must cope with it on its own.
                        if (nick.equals(lateNick)) Thread.sleep(300);
                        String join = ":" + nick + " JOIN " + LoadClients.LOBBY + "\r\n";
                        synchronized (members) {
                            for (OutputStream member : members) write(member, join);
                            members.add(out);
                            write(out, join + ":lobby 366 " + nick + " " + LoadClients.LOBBY + " :End of /NAMES list.\r\n");
                        }
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the client left
            }
        }

        private static void write(OutputStream out, String text) {
            try {
                synchronized (out) {
                    out.write(text.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException gone) {
                // a member that left
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
