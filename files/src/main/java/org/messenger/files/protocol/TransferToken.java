package org.messenger.files.protocol;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The one-time secret a GET reply hands the client over the (trusted) chat connection; the
 * client's UDP handshake must present it, so nobody else can claim the transfer. 128 random bits,
 * written as 32 hex digits.
 */
public record TransferToken(String hex) {
    public static final int BYTES = 16;

    public TransferToken {
        if (hex == null || hex.length() != BYTES * 2) {
            throw new IllegalArgumentException("a transfer token is " + (BYTES * 2) + " hex digits");
        }
        hex = hex.toLowerCase(Locale.ROOT);
        HexFormat.of().parseHex(hex);
    }

    public static TransferToken random(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return new TransferToken(HexFormat.of().formatHex(bytes));
    }

    public byte[] bytes() {
        return HexFormat.of().parseHex(hex);
    }

    @Override
    public String toString() {
        // Tokens are secrets: logs show only a prefix.
        return hex.substring(0, 6) + "…";
    }
}
