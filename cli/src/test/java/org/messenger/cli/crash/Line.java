package org.messenger.cli.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A blocking IRC line client with a read timeout, for driving a server process line by line. */
final class Line implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    Line(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(20_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next line containing {@code part}; throws when the server closes or goes silent. */
    String await(String part) throws IOException {
        for (String line; (line = in.readLine()) != null; ) {
            if (line.contains(part)) {
                return line;
            }
        }
        throw new IOException("connection closed while waiting for '" + part + "'");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
