package org.messenger.cli;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.messenger.client.ClientConfig;
import org.messenger.client.ServerAddress;
import picocli.CommandLine.Option;

/** The options every client command shares: where the server is, who we are, how long to wait. */
final class ClientOptions {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Option(names = {"-s", "--server"}, paramLabel = "HOST[:PORT]", defaultValue = "127.0.0.1:50000",
            description = "Chat server to connect to (default: ${DEFAULT-VALUE}; the port defaults to 50000).")
    String server;

    @Option(names = {"-n", "--nick"}, paramLabel = "NICK", description = "Nick to use.")
    String nick;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long to wait for the server, in seconds (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    ServerAddress address() {
        return ServerAddress.parse(server);
    }

    Duration timeout() {
        if (!(timeoutSeconds > 0)) {
            throw new IllegalArgumentException("--timeout must be more than 0 seconds");
        }
        return Duration.ofMillis((long) (timeoutSeconds * 1000));
    }

    /** A config with {@code --nick}, or, for one-shot commands, a generated nick that is retried when taken. */
    ClientConfig configWithNickOrGenerated() {
        if (nick != null) {
            return config(nick);
        }
        return config(generatedNick()).withNickCollisionHandler(
                (taken, attempt) -> attempt <= 3 ? Optional.of(generatedNick()) : Optional.empty());
    }

    ClientConfig config(String chosenNick) {
        return ClientConfig.of(address(), chosenNick).withConnectTimeout(timeout()).withRequestTimeout(timeout());
    }

    boolean nickGenerated() {
        return nick == null;
    }

    /** "cli" and six digits: nine characters, the RFC 2812 nick limit, so any server accepts it. */
    static String generatedNick() {
        return "cli" + String.format("%06d", RANDOM.nextInt(1_000_000));
    }
}
