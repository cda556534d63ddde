package org.messenger.client.tls;

import java.io.IOException;
import java.net.Socket;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.KeyStoreException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.messenger.irc.codec.CertificateFingerprint;

/**
 * Applies a {@link ClientTls} policy to one connection's handshake (see there for the order of
 * the checks). A refusal is kept as an {@link UntrustedServerException}, so that the client can
 * report it with the fingerprint instead of the TLS library's "certificate_unknown".
 */
public final class ServerTrustManager extends X509ExtendedTrustManager {
    private final ClientTls policy;
    private final String server;
    private final X509ExtendedTrustManager system;
    private volatile UntrustedServerException rejection;

    /** @param server {@code host:port}, as remembered in the known-servers file */
    public ServerTrustManager(ClientTls policy, String server) {
        this.policy = policy;
        this.server = server;
        this.system = systemTrustManager();
    }

    /** Why the last handshake's certificate was refused; null when it was not. */
    public UntrustedServerException rejection() {
        return rejection;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        decide(chain, () -> system.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        decide(chain, () -> system.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        decide(chain, () -> system.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("this is a client: it does not accept clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("this is a client: it does not accept clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this is a client: it does not accept clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return system.getAcceptedIssuers();
    }

    private interface CaCheck {
        void run() throws CertificateException;
    }

    private void decide(X509Certificate[] chain, CaCheck caCheck) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server sent no certificate");
        }
        CertificateFingerprint fingerprint = CertificateFingerprint.of(chain[0]);
        if (policy.pinned() != null) {
            if (policy.pinned().equals(fingerprint)) {
                return;
            }
            throw refuse(UntrustedServerException.Reason.PIN_MISMATCH, fingerprint, "The certificate of " + server
                    + " has SHA-256 fingerprint " + fingerprint + ", not the pinned " + policy.pinned()
                    + ". Refusing to connect: check the fingerprint with the server's operator.");
        }
        try {
            caCheck.run();
            return; // signed by a CA the JDK trusts, for this host name: the normal way
        } catch (CertificateException notByATrustedCa) {
            // self-signed, or for another name: trust on first use decides
        }
        KnownServers known = policy.knownServers();
        if (known == null) {
            throw refuse(UntrustedServerException.Reason.UNKNOWN, fingerprint, "The certificate of " + server
                    + " is not signed by a trusted authority for that name (SHA-256 fingerprint " + fingerprint
                    + "). Trust it only if it is the fingerprint the server printed at start.");
        }
        Optional<KnownServers.Entry> entry;
        try {
            entry = known.lookup(server);
        } catch (IOException e) {
            throw new CertificateException("cannot read the known servers file " + known.file() + ": " + e.getMessage(), e);
        }
        if (entry.isPresent()) {
            if (entry.get().fingerprint().equals(fingerprint)) {
                return;
            }
            throw refuse(UntrustedServerException.Reason.CHANGED, fingerprint, "WARNING: the certificate of " + server
                    + " has CHANGED since you trusted it: it was " + entry.get().fingerprint() + " (line " + entry.get().line()
                    + " of " + known.file() + "), it is now " + fingerprint + ". Someone could be intercepting the connection,"
                    + " or the server got a new certificate. Refusing to connect. If the server's operator confirms the new"
                    + " fingerprint, remove line " + entry.get().line() + " of " + known.file() + " and connect again.");
        }
        if (policy.acceptNew()) {
            try {
                known.remember(server, fingerprint);
                return;
            } catch (IOException e) {
                throw new CertificateException("cannot remember " + server + " in " + known.file() + ": " + e.getMessage(), e);
            }
        }
        throw refuse(UntrustedServerException.Reason.UNKNOWN, fingerprint, "The server " + server
                + " has a self-signed certificate not seen before, with SHA-256 fingerprint " + fingerprint
                + ". Compare it with the one the server printed at start, and trust it only if they match.");
    }

    private CertificateException refuse(UntrustedServerException.Reason reason, CertificateFingerprint fingerprint, String message) {
        UntrustedServerException e = new UntrustedServerException(reason, server, fingerprint,
                policy.knownServers() == null ? null : policy.knownServers().file(), message);
        rejection = e;
        return new CertificateException(message, e);
    }

    private static X509ExtendedTrustManager systemTrustManager() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager extended) {
                    return extended;
                }
            }
            throw new IllegalStateException("the JDK has no X.509 trust manager");
        } catch (NoSuchAlgorithmException | KeyStoreException e) {
            throw new IllegalStateException("cannot load the JDK's trusted certificate authorities: " + e.getMessage(), e);
        }
    }
}
