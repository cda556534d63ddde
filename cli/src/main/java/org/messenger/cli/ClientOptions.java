package org.messenger.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.messenger.client.ClientConfig;
import org.messenger.client.ServerAddress;
import org.messenger.client.tls.ClientTls;
import org.messenger.client.tls.KnownServers;
import org.messenger.irc.codec.CertificateFingerprint;
import picocli.CommandLine.Option;

/** The options every client command shares: where the server is, who we are, how long to wait. */
final class ClientOptions {
    /** IRC over TLS, RFC 7194. */
    static final int TLS_PORT = 6697;

    @Option(names = {"-s", "--server"}, paramLabel = "HOST[:PORT]", defaultValue = "127.0.0.1:50000",
            description = "Chat server to connect to (default: ${DEFAULT-VALUE}; the port defaults to 50000; :6697 means TLS).")
    String server;

    @Option(names = {"-n", "--nick"}, paramLabel = "NICK", description = "Nick to use.")
    String nick;

    @Option(names = "--account", paramLabel = "NAME",
            description = "Log in to this account (SASL; SCRAM-SHA-256 when the server offers it). The password is asked"
                    + " for, or read from --password-file.")
    String account;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the account's password from the first line of FILE (keep it readable by you only).")
    Path passwordFile;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long to wait for the server, in seconds (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Option(names = "--tls", description = "Connect over TLS (implied by a server address ending in :6697).")
    boolean tls;

    @Option(names = "--tls-fingerprint", paramLabel = "SHA256",
            description = "Accept only the server certificate with this SHA-256 fingerprint (as the server prints at start); implies --tls.")
    String tlsFingerprint;

    @Option(names = "--accept-new-fingerprint",
            description = "Trust a self-signed server certificate seen for the first time, and remember it in the known servers file"
                    + " (for scripts; compare the fingerprint first). A changed one is still refused.")
    boolean acceptNewFingerprint;

    @Option(names = "--known-servers", paramLabel = "FILE",
            description = "Where trusted server fingerprints are remembered (default: $MESSENGER_KNOWN_SERVERS, else"
                    + " ~/.config/messenger/known_servers).")
    Path knownServers;

    /** TLS is on with --tls, --tls-fingerprint, or the IRC-over-TLS port 6697 (RFC 7194). */
    boolean usesTls() {
        return tls || tlsFingerprint != null || address().port() == TLS_PORT;
    }

    /** How the server's certificate is checked; null for a plain connection. */
    ClientTls tlsPolicy() {
        if (!usesTls()) {
            return null;
        }
        KnownServers file = knownServers != null ? new KnownServers(knownServers) : KnownServers.standard();
        CertificateFingerprint pinned;
        try {
            pinned = tlsFingerprint == null ? null : CertificateFingerprint.parse(tlsFingerprint);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--tls-fingerprint " + e.getMessage(), e);
        }
        return new ClientTls(pinned, file, acceptNewFingerprint);
    }

    ServerAddress address() {
        return ServerAddress.parse(server);
    }

    Duration timeout() {
        if (!(timeoutSeconds > 0)) {
            throw new IllegalArgumentException("--timeout must be more than 0 seconds");
        }
        return Duration.ofMillis((long) (timeoutSeconds * 1000));
    }

    /** For the one-shot commands (users, send, get): the nick given or a generated one, and only the capabilities they use. */
    ClientConfig configWithNickOrGenerated() {
        if (nick != null) {
            return config(nick).withCapabilities(ClientConfig.ONE_SHOT_CAPABILITIES);
        }
        return config(generatedNick()).withCapabilities(ClientConfig.ONE_SHOT_CAPABILITIES).withNickCollisionHandler(
                (taken, attempt) -> attempt <= 3 ? Optional.of(generatedNick()) : Optional.empty());
    }

    ClientConfig config(String chosenNick) {
        ClientConfig config = ClientConfig.of(address(), chosenNick).withConnectTimeout(timeout()).withRequestTimeout(timeout())
                .withTls(tlsPolicy());
        return account == null ? config : config.withLogin(account, password());
    }

    /** The password of {@code --account}: from {@code --password-file}, else asked for on the terminal without echo. */
    String password() {
        if (passwordFile != null) {
            try {
                List<String> lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
                if (lines.isEmpty() || lines.get(0).isEmpty()) {
                    throw new IllegalArgumentException("--password-file " + passwordFile + " is empty: put the password on its first line");
                }
                return lines.get(0);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --password-file " + passwordFile + ": " + e.getMessage(), e);
            }
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("--account " + account + " needs a password and there is no terminal to ask"
                    + " for it: use --password-file FILE");
        }
        char[] typed = console.readPassword("Password for account %s: ", account);
        if (typed == null || typed.length == 0) {
            throw new IllegalArgumentException("no password given for account " + account);
        }
        return new String(typed);
    }

    boolean nickGenerated() {
        return nick == null;
    }

    /** "cli" and six digits: nine characters, the RFC 2812 nick limit, so any server accepts it. */
    static String generatedNick() {
        // A nick is no secret (a taken one is retried), so no SecureRandom, whose provider set-up
        // a command without TLS would pay for this alone; and no String.format, which sets up
        // locale data: each ~13 ms of a cold one-shot command's main thread.
        return generatedNick(ThreadLocalRandom.current().nextInt(1_000_000));
    }

    /** "cli" and {@code number} (0 to 999,999) in six digits. */
    static String generatedNick(int number) {
        if (number < 0 || number > 999_999) throw new IllegalArgumentException("not six digits: " + number);
        String digits = Integer.toString(number);
        return "cli" + "000000".substring(digits.length()) + digits;
    }
}
