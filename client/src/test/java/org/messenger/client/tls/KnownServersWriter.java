package org.messenger.client.tls;

import java.nio.file.Path;
import org.messenger.irc.codec.CertificateFingerprint;

/** A client process that remembers {@code count} servers named {@code PREFIX-n:6697}, for the two-process test. */
public final class KnownServersWriter {
    private KnownServersWriter() {
    }

    public static void main(String[] args) throws Exception {
        KnownServers known = new KnownServers(Path.of(args[0]));
        int count = Integer.parseInt(args[2]);
        for (int n = 0; n < count; n++) {
            known.remember(args[1] + "-" + n + ":6697", fingerprintFor(args[1].hashCode() * 1000 + n));
        }
    }

    static CertificateFingerprint fingerprintFor(int n) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            hex.append(String.format("%08X", n + i));
        }
        return CertificateFingerprint.parse(hex.toString());
    }
}
