package org.messenger.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted IRC server for wire-level tests: it accepts on 127.0.0.1 (ephemeral port), and the
 * test reads the client's exact lines and answers with exact lines. Every read is bounded.
 */
final class FakeIrcServer implements AutoCloseable {
    static final int READ_TIMEOUT_MILLIS = 5000;

    private final ServerSocket socket;
    private final java.util.List<Peer> peers = new java.util.concurrent.CopyOnWriteArrayList<>();

    FakeIrcServer() {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    ClientConfig configFor(String nick) {
        return ClientConfig.of("127.0.0.1", port(), nick);
    }

    Peer accept() {
        try {
            Peer peer = new Peer(socket.accept());
            peers.add(peer);
            return peer;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the client did not connect within " + READ_TIMEOUT_MILLIS + " ms");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops listening and drops every connection still open. */
    @Override
    public void close() throws IOException {
        socket.close();
        peers.forEach(Peer::close);
    }

    /** One accepted client connection. */
    static final class Peer implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final Writer out;

        Peer(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
        }

        String readLine() {
            try {
                String line = in.readLine();
                if (line == null) {
                    throw new AssertionError("the client closed the connection instead of sending a line");
                }
                return line;
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the client sent no line within " + READ_TIMEOUT_MILLIS + " ms");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void expect(String exactLine) {
            assertThat(readLine()).isEqualTo(exactLine);
        }

        /** Reads one line that must match {@code regex}; returns the first group (or the line). */
        String expectMatching(String regex) {
            String line = readLine();
            Matcher m = Pattern.compile(regex).matcher(line);
            assertThat(m.matches()).as("line '%s' matches /%s/", line, regex).isTrue();
            return m.groupCount() > 0 ? m.group(1) : line;
        }

        /** Waits until the client closes its side. */
        void expectClosed() {
            try {
                String line;
                while ((line = in.readLine()) != null) {
                    assertThat(line).as("after QUIT the client sends nothing else").startsWith("QUIT");
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the client did not close the connection within " + READ_TIMEOUT_MILLIS + " ms");
            } catch (IOException e) {
                // reset by peer also means closed
            }
        }

        void send(String... lines) {
            try {
                for (String line : lines) {
                    out.write(line + "\r\n");
                }
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The registration a Messenger server does: CAP, welcome, auto-join of #lobby with NAMES, burst PONG. */
        void register(String nick, String... othersInLobby) {
            expect("CAP LS 302");
            expect("NICK " + nick);
            expect("USER " + nick + " 0 * :" + nick);
            send(":irc.test CAP * LS :message-tags server-time");
            expect("CAP REQ :message-tags server-time");
            send(":irc.test CAP * ACK :message-tags server-time");
            expect("CAP END");
            send(":irc.test 001 " + nick + " :Welcome to the test network, " + nick,
                    ":irc.test 005 " + nick + " CHANTYPES=# PREFIX=(ov)@+ CASEMAPPING=rfc1459 :are supported by this server",
                    ":irc.test 422 " + nick + " :MOTD File is missing",
                    ":" + nick + "!" + nick + "@127.0.0.1 JOIN #lobby",
                    ":irc.test 353 " + nick + " = #lobby :" + String.join(" ", othersInLobby) + " " + nick,
                    ":irc.test 366 " + nick + " #lobby :End of /NAMES list");
            String token = expectMatching("PING :?(messenger-registered)");
            send(":irc.test PONG irc.test :" + token);
        }

        /**
         * Registration as {@link #register} but offering {@code caps} (space-separated, all of which
         * the client asks for by default), so the client then loads the lobby's history and asks WHO.
         */
        void registerOffering(String caps, String nick, String... lobbyNames) {
            expect("CAP LS 302");
            expect("NICK " + nick);
            expect("USER " + nick + " 0 * :" + nick);
            send(":irc.test CAP * LS :" + caps);
            expect("CAP REQ :" + caps);
            send(":irc.test CAP * ACK :" + caps);
            expect("CAP END");
            send(":irc.test 001 " + nick + " :Welcome to the test network, " + nick,
                    ":irc.test 005 " + nick + " CHANTYPES=# PREFIX=(ov)@+ CHANMODES=b,k,l,imnst CASEMAPPING=rfc1459"
                            + " CHATHISTORY=50 :are supported by this server",
                    ":irc.test 422 " + nick + " :MOTD File is missing",
                    ":" + nick + "!" + nick + "@127.0.0.1 JOIN #lobby",
                    ":irc.test 353 " + nick + " = #lobby :" + String.join(" ", lobbyNames),
                    ":irc.test 366 " + nick + " #lobby :End of /NAMES list");
            // The burst's PING goes out from a task, the CHATHISTORY and WHO as the JOIN and NAMES are read: any order.
            java.util.List<String> lines = java.util.List.of(readLine(), readLine(), readLine());
            assertThat(lines).containsExactlyInAnyOrder("PING messenger-registered", "CHATHISTORY LATEST #lobby * 50",
                    "WHO #lobby");
            send(":irc.test PONG irc.test :messenger-registered");
        }

        /** Answers the client's QUIT as a server does: ERROR, then close. */
        void acceptQuit(String reason) {
            expect("QUIT :" + reason);
            send("ERROR :Closing Link: 127.0.0.1 (Quit: " + reason + ")");
            close();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
