package org.messenger.files.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Writes a file name as one IRC middle parameter. A parameter cannot hold a space or start with a
 * colon (RFC 2812 §2.3.1), so those, {@code %} itself and control characters are written as
 * {@code %XX} of their UTF-8 bytes, URL-style: {@code my holiday.jpg} travels as
 * {@code my%20holiday.jpg}, and a person typing {@code /quote GET my%20holiday.jpg} gets it.
 * Everything else, non-ASCII letters included, travels as it is.
 */
public final class FileNameCodec {
    private FileNameCodec() {
    }

    public static String encode(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        int i = 0;
        for (int c = 0; c < name.length(); ) {
            int codePoint = name.codePointAt(c);
            int byteCount = utf8Length(codePoint);
            if (mustEscape(codePoint)) {
                for (int b = 0; b < byteCount; b++) {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((utf8[i + b] >> 4) & 0xf, 16)))
                            .append(Character.toUpperCase(Character.forDigit(utf8[i + b] & 0xf, 16)));
                }
            } else {
                out.appendCodePoint(codePoint);
            }
            i += byteCount;
            c += Character.charCount(codePoint);
        }
        return out.toString();
    }

    /**
     * @throws IllegalArgumentException with a readable message on a broken escape or bytes that are
     *         not UTF-8
     */
    public static String decode(String parameter) {
        if (parameter.indexOf('%') < 0) {
            return parameter;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(parameter.length());
        byte[] utf8 = parameter.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] != '%') {
                bytes.write(utf8[i]);
                continue;
            }
            int high = i + 1 < utf8.length ? Character.digit(utf8[i + 1], 16) : -1;
            int low = i + 2 < utf8.length ? Character.digit(utf8[i + 2], 16) : -1;
            if (high < 0 || low < 0) {
                throw new IllegalArgumentException("'" + parameter + "' has a % that is not followed by two hex digits; write %25 for a percent sign");
            }
            bytes.write(high << 4 | low);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("'" + parameter + "' does not decode to UTF-8 text");
        }
    }

    private static boolean mustEscape(int codePoint) {
        return codePoint <= 0x20 || codePoint == '%' || codePoint == ':' || codePoint == 0x7f
                || (codePoint >= 0x80 && codePoint <= 0x9f);
    }

    private static int utf8Length(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }
}
