package org.messenger.irc.codec;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SHA-256 fingerprint of a server's TLS certificate, as the server prints it at start and
 * clients show, pin ({@code --tls-fingerprint}) and remember (known servers): 32 bytes written as
 * upper-case hex pairs joined by ':', as {@code openssl x509 -fingerprint -sha256} prints them.
 */
public record CertificateFingerprint(String hex) {
    private static final HexFormat FORMAT = HexFormat.ofDelimiter(":").withUpperCase();

    public CertificateFingerprint {
        hex = normalise(hex);
    }

    public static CertificateFingerprint of(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return new CertificateFingerprint(FORMAT.formatHex(digest));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint the certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a fingerprint as people paste it: with or without ':' between pairs, any case, with an
     * optional {@code SHA256:} or {@code sha256/} prefix.
     *
     * @throws IllegalArgumentException saying what a fingerprint looks like
     */
    public static CertificateFingerprint parse(String text) {
        return new CertificateFingerprint(text);
    }

    private static String normalise(String text) {
        String s = text.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sha256:") || lower.startsWith("sha256/")) {
            s = s.substring(7);
        } else if (lower.startsWith("sha-256:")) {
            s = s.substring(8);
        }
        String bare = s.replace(":", "").replace(" ", "");
        if (bare.length() != 64 || !bare.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("'" + text + "' is not a SHA-256 fingerprint: it has 64 hex digits, as the server"
                    + " prints at start, e.g. 3F:A1:...:07 (the ':' are optional)");
        }
        return FORMAT.formatHex(HexFormat.of().parseHex(bare));
    }

    @Override
    public String toString() {
        return hex;
    }
}
