package org.messenger.gui.files;

import java.time.Duration;
import org.messenger.files.progress.ByteUnits;

/**
 * Rates and times the way people read them: 225 KiB/s, 1 min 5 s. Sizes are {@link ByteUnits}:
 * binary units (KiB, MiB) everywhere in Messenger, as in the terminal client and the server's
 * replies, so one file never shows two different sizes.
 */
public final class Units {
    private Units() {
    }

    public static String rate(long bytesPerSecond) {
        return ByteUnits.format(bytesPerSecond) + "/s";
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
