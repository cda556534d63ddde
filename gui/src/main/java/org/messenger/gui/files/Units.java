package org.messenger.gui.files;

import java.time.Duration;
import java.util.Locale;

/** Sizes, rates and times the way people read them: 1.4 MB, 230 KB/s, 1 min 5 s. */
public final class Units {
    private Units() {
    }

    /** Decimal units (1 kB = 1000 B), as file managers on Linux and macOS show them. */
    public static String bytes(long count) {
        if (count < 1000) {
            return count + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = count;
        int unit = -1;
        while (value >= 999.95 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }

    public static String rate(long bytesPerSecond) {
        return bytes(bytesPerSecond) + "/s";
    }

    public static String duration(Duration d) {
        long seconds = Math.max(0, d.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + (seconds % 3600) / 60 + " min";
    }
}
