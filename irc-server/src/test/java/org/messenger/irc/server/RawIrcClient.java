package org.messenger.irc.server;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * A raw IRC client over a plain socket, for integration tests: send lines, then wait (bounded,
 * with Awaitility) for lines matching a regular expression. Lines are consumed in order: each
 * {@link #expect} starts looking after the previous match.
 */
final class RawIrcClient implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Socket socket;
    private final OutputStream out;
    private boolean reading;
    private final List<String> lines = new ArrayList<>();
    private volatile boolean ended;
    private int cursor;
    private String nick = "*";

    private RawIrcClient(Socket socket, boolean read) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        if (read) {
            startReading();
        }
    }

    /** Starts taking in lines (a client from {@link #connectWithoutReading} that reads again). */
    synchronized void startReading() {
        if (!reading) {
            reading = true;
            Thread.ofVirtual().name("raw-irc-reader").start(this::readLoop);
        }
    }

    static RawIrcClient connect(int port) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            return new RawIrcClient(socket, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects from a chosen local address (any of 127.0.0.0/8 works on loopback): another "machine". */
    static RawIrcClient connectFrom(String localAddress, int port) {
        try {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            return new RawIrcClient(socket, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects over TLS with the given socket factory (tests bring their own trust). */
    static RawIrcClient connectTls(int port, javax.net.ssl.SSLSocketFactory factory) {
        try {
            javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) factory.createSocket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.startHandshake();
            return new RawIrcClient(socket, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client that does not read (until {@link #startReading}), with a tiny receive buffer: the slow reader. */
    static RawIrcClient connectWithoutReading(int port) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            return new RawIrcClient(socket, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects, registers as {@code nick} and waits until it is in the lobby. */
    static RawIrcClient registered(int port, String nick) {
        RawIrcClient client = connect(port);
        client.register(nick);
        return client;
    }

    RawIrcClient register(String newNick) {
        send("NICK " + newNick);
        send("USER " + newNick + " 0 * :Test " + newNick);
        expect(" 001 " + Pattern.quote(newNick) + " ");
        expect(" 366 " + Pattern.quote(newNick) + " #lobby ");
        this.nick = newNick;
        return this;
    }

    String nick() {
        return nick;
    }

    private void readLoop() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // connection reset or closed by the test: the same as an end of stream here
        } finally {
            ended = true;
        }
    }

    void send(String line) {
        sendBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    void sendBytes(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the next line matching {@code regex} (found anywhere in the line) and returns it. */
    String expect(String regex) {
        return expect(regex, TIMEOUT);
    }

    /** {@link #expect(String)} with a longer bound, for peers slower than the server (a real IRC client starting). */
    String expect(String regex, Duration timeout) {
        Pattern pattern = Pattern.compile(regex);
        AtomicReference<String> found = new AtomicReference<>();
        await().atMost(timeout).pollInterval(Duration.ofMillis(5)).alias(nick + " waiting for /" + regex + "/ after " + tail())
                .until(() -> {
                    synchronized (lines) {
                        for (int i = cursor; i < lines.size(); i++) {
                            if (pattern.matcher(lines.get(i)).find()) {
                                cursor = i + 1;
                                found.set(lines.get(i));
                                return true;
                            }
                        }
                        return false;
                    }
                });
        return found.get();
    }

    /** True when a line matching {@code regex} came after the last {@link #expect}, without waiting. */
    boolean hasSeen(String regex) {
        Pattern pattern = Pattern.compile(regex);
        synchronized (lines) {
            return lines.subList(cursor, lines.size()).stream().anyMatch(l -> pattern.matcher(l).find());
        }
    }

    /** Every line received so far. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Waits until the server has closed the connection. */
    void awaitClosed() {
        await().atMost(TIMEOUT).alias(nick + " waiting for the server to close, after " + tail()).until(() -> ended);
    }

    boolean isClosedByServer() {
        return ended;
    }

    private String tail() {
        synchronized (lines) {
            return lines.subList(Math.max(0, lines.size() - 5), lines.size()).toString();
        }
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
