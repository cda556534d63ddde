package org.messenger.irc.codec.sasl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * IRCv3 SASL 3.1/3.2 framing of {@code AUTHENTICATE} payloads (https://ircv3.net/specs/extensions/sasl-3.1):
 * base64 split into 400-byte lines; a line shorter than 400 ends the payload, and a payload whose
 * length is a multiple of 400 (or empty) is ended by {@code AUTHENTICATE +}.
 */
public final class AuthenticateChunks {
    public static final int CHUNK = 400;

    private final int maxBytes;
    private final StringBuilder pending = new StringBuilder();

    /** @param maxBytes the longest decoded payload accepted; more is an attack or a bug */
    public AuthenticateChunks(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The lines that carry {@code payload}. */
    public static List<String> split(String payload) {
        String encoded = Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < encoded.length(); i += CHUNK) {
            lines.add(encoded.substring(i, Math.min(encoded.length(), i + CHUNK)));
        }
        if (encoded.length() % CHUNK == 0) {
            lines.add("+");
        }
        return lines;
    }

    /**
     * Takes one line's parameter. Returns the whole decoded payload once it is complete, null
     * while more lines are expected.
     *
     * @throws SaslException when the payload is too long or not base64
     */
    public String add(String line) throws SaslException {
        if (line.length() > CHUNK) {
            throw new SaslException("AUTHENTICATE lines carry at most 400 bytes");
        }
        if (!line.equals("+")) {
            pending.append(line);
        }
        if (pending.length() > (maxBytes + 2) / 3 * 4) {
            pending.setLength(0);
            throw new SaslException("SASL message too long");
        }
        if (line.length() == CHUNK) {
            return null;
        }
        String encoded = pending.toString();
        pending.setLength(0);
        try {
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new SaslException("AUTHENTICATE payload is not base64");
        }
    }

    public void reset() {
        pending.setLength(0);
    }
}
