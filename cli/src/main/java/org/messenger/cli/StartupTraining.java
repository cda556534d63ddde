package org.messenger.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run from which the launcher builds the JVM's ahead-of-time cache (JDK 25:
 * {@code -XX:AOTCacheOutput}; AppCDS on older JDKs): one JVM runs the one-shot commands
 * ({@code --version}, {@code users}, {@code send}, {@code get} of a small file) against a
 * throwaway server, so the classes they load and the methods they run are what the cache holds.
 * Only the commands a user runs cold are trained: anything else in the cache would be loaded at
 * every start for nothing.
 *
 * <p>{@code java -XX:AOTCacheOutput=FILE -cp messenger.jar org.messenger.cli.StartupTraining
 * HOST:PORT FILE_NAME OUT_DIR}: a server at HOST:PORT that shares FILE_NAME, and a folder to
 * download it into. Exit status 0 when every command succeeded; the cache is usable either way.
 */
public final class StartupTraining {
    private StartupTraining() {}

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: StartupTraining HOST:PORT FILE_NAME OUT_DIR (the launcher runs this after a build)");
            System.exit(2);
        }
        System.exit(train(args[0], args[1], args[2], System.err));
    }

    /** Runs each one-shot command once; returns 0 when all succeeded, else 1, naming the failures on {@code log}. */
    static int train(String server, String fileName, String outDir, PrintStream log) {
        List<String[]> commands = List.of(
                new String[] {"--version"},
                new String[] {"users", "--server", server},
                new String[] {"send", "--server", server, "--all", "start-up cache training run"},
                new String[] {"get", "--server", server, fileName, "--out", outDir});
        List<String> failed = new ArrayList<>();
        for (String[] command : commands) {
            int code = Main.run(command);
            if (code != 0) {
                failed.add(String.join(" ", command) + " (exit " + code + ")");
            }
        }
        if (!failed.isEmpty()) {
            log.println("start-up training: these commands failed, so the cache covers less of them: " + failed);
            return 1;
        }
        return 0;
    }
}
