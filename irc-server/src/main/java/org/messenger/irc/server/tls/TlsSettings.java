package org.messenger.irc.server.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the TLS listener's certificate comes from and how it is served.
 *
 * @param certificate PEM certificate chain, leaf first (e.g. Let's Encrypt's {@code fullchain.pem})
 * @param privateKey its PEM private key (PKCS#8 or the traditional RSA/EC forms)
 * @param operatorProvided true for {@code --tls-cert}/{@code --tls-key}: the certificate is
 *     presumably signed by a CA clients trust, so the plain port may advertise an IRCv3 {@code sts}
 *     upgrade; false for the generated self-signed one, which clients trust only on first use
 * @param reloadCheckInterval how often the two files are checked for changes (a renewed
 *     certificate is served to new connections without a restart)
 * @param engine which TLS implementation to use
 * @param stsDuration the {@code duration} the TLS port advertises in its {@code sts} policy
 */
public record TlsSettings(Path certificate, Path privateKey, boolean operatorProvided, Duration reloadCheckInterval,
        Engine engine, Duration stsDuration) {

    /**
     * The JDK's own SSLEngine, or BoringSSL through netty-tcnative; AUTO takes BoringSSL where its
     * native library loads (Linux x86-64 here), since it measured several times faster.
     */
    public enum Engine {
        AUTO, JDK, OPENSSL;

        /** The engine AUTO stands for on this machine. */
        public Engine resolve() {
            return this != AUTO ? this : io.netty.handler.ssl.OpenSsl.isAvailable() ? OPENSSL : JDK;
        }
    }

    public static final Duration DEFAULT_RELOAD_CHECK = Duration.ofSeconds(10);
    /** IRCv3 sts: how long a client keeps to TLS once it saw the policy; a month, like Ergo's example config. */
    public static final Duration DEFAULT_STS_DURATION = Duration.ofDays(30);

    public TlsSettings {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(engine, "engine");
        if (reloadCheckInterval.isNegative() || reloadCheckInterval.isZero()) {
            throw new IllegalArgumentException("the certificate reload check interval must be positive");
        }
        if (stsDuration.isNegative()) {
            throw new IllegalArgumentException("the sts duration must not be negative");
        }
    }

    public static TlsSettings of(Path certificate, Path privateKey, boolean operatorProvided) {
        return new TlsSettings(certificate, privateKey, operatorProvided, DEFAULT_RELOAD_CHECK, Engine.AUTO, DEFAULT_STS_DURATION);
    }

    public TlsSettings withEngine(Engine v) {
        return new TlsSettings(certificate, privateKey, operatorProvided, reloadCheckInterval, v, stsDuration);
    }
}
