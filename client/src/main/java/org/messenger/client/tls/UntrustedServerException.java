package org.messenger.client.tls;

import java.nio.file.Path;
import org.messenger.client.ChatClientException;
import org.messenger.irc.codec.CertificateFingerprint;

/**
 * The server's TLS certificate was not accepted. {@link #reason()} says why; for
 * {@link Reason#UNKNOWN} a client may show {@link #fingerprint()}, ask the user, remember it in
 * the known-servers file and connect again.
 *
 * <p>The message describes what was seen in the library's terms; how to trust the certificate
 * differs by client (a flag, a dialog), so each client adds that advice itself.
 */
public final class UntrustedServerException extends ChatClientException {
    public enum Reason {
        /** Self-signed (or signed by a CA we do not know) and not in the known-servers file: ask the user. */
        UNKNOWN,
        /** Different from the fingerprint remembered for this server: possibly someone in the middle. */
        CHANGED,
        /** Different from the fingerprint the user pinned for this connection. */
        PIN_MISMATCH
    }

    private final Reason reason;
    private final String server;
    private final CertificateFingerprint fingerprint;
    private final Path knownServersFile;

    public UntrustedServerException(Reason reason, String server, CertificateFingerprint fingerprint, Path knownServersFile,
            String message) {
        super(Problem.UNTRUSTED_CERTIFICATE, message);
        this.reason = reason;
        this.server = server;
        this.fingerprint = fingerprint;
        this.knownServersFile = knownServersFile;
    }

    public Reason reason() {
        return reason;
    }

    /** {@code host:port} as written in the known-servers file. */
    public String server() {
        return server;
    }

    public CertificateFingerprint fingerprint() {
        return fingerprint;
    }

    /** The file the fingerprint would be remembered in; null when the client keeps none. */
    public Path knownServersFile() {
        return knownServersFile;
    }
}
