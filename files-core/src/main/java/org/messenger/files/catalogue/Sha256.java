package org.messenger.files.catalogue;

import java.util.HexFormat;
import java.util.Locale;

/** A SHA-256 digest, written as 64 lower-case hex digits everywhere (listing, GET reply, sidecar). */
public record Sha256(String hex) {
    public Sha256 {
        if (hex == null || hex.length() != 64) {
            throw new IllegalArgumentException("a SHA-256 is 64 hex digits, got " + (hex == null ? "nothing" : "'" + hex + "'"));
        }
        hex = hex.toLowerCase(Locale.ROOT);
        for (int i = 0; i < 64; i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("a SHA-256 is 64 hex digits, got '" + hex + "'");
            }
        }
    }

    public static Sha256 of(byte[] digest) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, got " + digest.length);
        }
        return new Sha256(HexFormat.of().formatHex(digest));
    }

    @Override
    public String toString() {
        return hex;
    }
}
