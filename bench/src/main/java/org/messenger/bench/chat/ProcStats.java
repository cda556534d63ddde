package org.messenger.bench.chat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * A server process's resident memory and CPU time as Linux reports them in /proc, and which
 * process listens on a TCP port (so that {@code --against} can measure a server it did not start).
 */
final class ProcStats {
    /** USER_HZ: the unit of utime and stime in /proc/PID/stat; 100 on every mainstream Linux. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcStats() {}

    static boolean available() {
        return Files.isReadable(Path.of("/proc/self/status"));
    }

    /** VmRSS of {@code pid} in bytes. */
    static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
            throw new IllegalStateException("no VmRSS line in /proc/" + pid + "/status");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/status: is process " + pid + " still running?", e);
        }
    }

    /** User plus system CPU time of {@code pid} (all its threads) in nanoseconds. */
    static long cpuNanos(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/stat: is process " + pid + " still running?", e);
        }
        // proc(5): the command name is in parentheses and may contain spaces; fields after it start at 3 (state).
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long utime = Long.parseLong(fields[14 - 3]);
        long stime = Long.parseLong(fields[15 - 3]);
        return (utime + stime) * (1_000_000_000L / TICKS_PER_SECOND);
    }

    /**
     * The process listening on TCP {@code port} (IPv4 or IPv6), found through the socket's inode in
     * /proc/net/tcp and the processes' file descriptors; empty when not found or not permitted.
     */
    static OptionalLong pidListeningOn(int port) {
        String inode = listeningInode(port);
        if (inode == null) {
            return OptionalLong.empty();
        }
        String target = "socket:[" + inode + "]";
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
                    for (Path fd : fds) {
                        try {
                            if (Files.readSymbolicLink(fd).toString().equals(target)) {
                                return OptionalLong.of(Long.parseLong(proc.getFileName().toString()));
                            }
                        } catch (IOException e) {
                            // The descriptor closed while we looked: not the one we want.
                        }
                    }
                } catch (IOException | SecurityException e) {
                    // Another user's process, or gone: skip it.
                }
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    private static String listeningInode(int port) {
        String hexPort = String.format(":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    // sl local_address rem_address st ... inode (field 9); st 0A is LISTEN.
                    if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
                        return f[9];
                    }
                }
            } catch (IOException e) {
                // No IPv6 table on this machine: look in the other one.
            }
        }
        return null;
    }
}
