package org.messenger.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts user text into pieces that fit one IRC line each: one piece per line of the text (IRC
 * text cannot hold CR or LF), long lines cut at code-point boundaries under a byte budget
 * (RFC 2812 §2.3: 512 bytes with CR LF, including the source prefix the server adds).
 */
final class TextSplitter {
    private TextSplitter() {}

    static List<String> split(String text, int maxBytes) {
        List<String> pieces = new ArrayList<>();
        for (String line : text.split("\\r\\n|\\r|\\n")) {
            String clean = line.replace("\0", "");
            if (clean.isBlank()) {
                continue;
            }
            cut(clean, maxBytes, pieces);
        }
        return pieces;
    }

    private static void cut(String line, int maxBytes, List<String> out) {
        int start = 0;
        int bytes = 0;
        int i = 0;
        while (i < line.length()) {
            int cp = line.codePointAt(i);
            int cpBytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + cpBytes > maxBytes) {
                out.add(line.substring(start, i));
                start = i;
                bytes = 0;
            }
            bytes += cpBytes;
            i += Character.charCount(cp);
        }
        if (start < line.length()) {
            out.add(line.substring(start));
        }
    }
}
