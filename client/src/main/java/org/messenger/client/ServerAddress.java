package org.messenger.client;

/** Where a chat server listens. Parsed from {@code host}, {@code host:port} or {@code [v6addr]:port}. */
public record ServerAddress(String host, int port) {
    public static final int DEFAULT_PORT = 50000;

    public ServerAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the server address has no host name");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range (1-65535)");
        }
    }

    public static ServerAddress parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty server address; expected host:port, e.g. 127.0.0.1:50000");
        }
        String host = s;
        String portText = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "' has '[' without ']'");
            }
            host = s.substring(1, close);
            if (close + 1 < s.length()) {
                if (s.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("'" + text + "' is not host:port");
                }
                portText = s.substring(close + 2);
            }
        } else {
            int colon = s.lastIndexOf(':');
            if (colon >= 0 && s.indexOf(':') == colon) {
                host = s.substring(0, colon);
                portText = s.substring(colon + 1);
            }
        }
        if (portText == null) {
            return new ServerAddress(host, DEFAULT_PORT);
        }
        try {
            return new ServerAddress(host, Integer.parseInt(portText));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + portText + "' in '" + text + "' is not a port number");
        }
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
