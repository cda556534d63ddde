package org.messenger.bench.chat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's open-file limit (RLIMIT_NOFILE) as /proc/self/limits shows it; -1 when unknown or unlimited. */
final class FileLimit {
    private FileLimit() {}

    static long soft() {
        return column(0);
    }

    static long hard() {
        return column(1);
    }

    private static long column(int index) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] values = line.substring("Max open files".length()).trim().split("\\s+");
                    return values[index].equals("unlimited") ? -1 : Long.parseLong(values[index]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or an unexpected format: the connect phase reports "Too many open files" itself.
        }
        return -1;
    }
}
