package org.messenger.client.tls;

import org.messenger.irc.codec.CertificateFingerprint;

/**
 * How a client checks the server's certificate on a TLS connection, in this order: a pinned
 * fingerprint must match exactly; otherwise a certificate that a CA trusted by the JDK signed for
 * this host name is accepted the normal way; otherwise (self-signed) the known-servers file
 * decides: the same fingerprint as remembered is accepted, a different one refused, an unknown one
 * refused unless {@code acceptNew} (then remembered), so that the user can be asked and try again.
 *
 * @param pinned when not null, the only certificate accepted ({@code --tls-fingerprint})
 * @param knownServers where fingerprints trusted on first use are remembered; null to use none
 * @param acceptNew trust an unknown self-signed certificate and remember it ({@code --accept-new-fingerprint})
 */
public record ClientTls(CertificateFingerprint pinned, KnownServers knownServers, boolean acceptNew) {

    /** CA-signed certificates, and trust on first use through the user's known-servers file. */
    public static ClientTls standard() {
        return new ClientTls(null, KnownServers.standard(), false);
    }

    public ClientTls withPinned(CertificateFingerprint fingerprint) {
        return new ClientTls(fingerprint, knownServers, acceptNew);
    }

    public ClientTls withAcceptNew(boolean v) {
        return new ClientTls(pinned, knownServers, v);
    }

    public ClientTls withKnownServers(KnownServers v) {
        return new ClientTls(pinned, v, acceptNew);
    }
}
