package org.messenger.bench;

import java.util.Locale;

/** Byte sizes as people write them: 256MiB, 4m, 1g, 1000000. Binary units (KiB = 1024). */
final class Sizes {
    private Sizes() {}

    static long parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        String[][] units = {{"kib", "10"}, {"mib", "20"}, {"gib", "30"}, {"k", "10"}, {"m", "20"}, {"g", "30"}, {"b", "0"}};
        for (String[] unit : units) {
            if (s.endsWith(unit[0])) {
                return number(s.substring(0, s.length() - unit[0].length()), text) << Integer.parseInt(unit[1]);
            }
        }
        return number(s, text);
    }

    private static long number(String digits, String text) {
        try {
            long n = Long.parseLong(digits.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("size \"" + text + "\" is not a size; use e.g. 256MiB, 64KiB, 1GiB or a byte count");
        }
    }

    static String format(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) return (bytes >> 30) + " GiB";
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) return (bytes >> 20) + " MiB";
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) return (bytes >> 10) + " KiB";
        return bytes + " B";
    }
}
