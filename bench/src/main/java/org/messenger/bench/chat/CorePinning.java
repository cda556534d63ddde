package org.messenger.bench.chat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A fair split of the machine's CPUs between the server under test and the load generator, made
 * with {@code taskset}: the first half of the CPUs for the server child, the rest for this JVM
 * (the generator). Without it the 1,000 clients and the server compete for the same cores, and a
 * lobby line's last recipient waits for the scheduler as much as for the server.
 *
 * @param serverCpus the server's CPU list in taskset's syntax, e.g. "0"
 * @param generatorCpus this JVM's CPU list, e.g. "1"
 */
record CorePinning(String serverCpus, String generatorCpus) {

    /**
     * The split for {@code cpus} CPUs, or a reason why there is none (fewer than 2 CPUs, no
     * taskset on the PATH).
     */
    static Optional<CorePinning> plan(int cpus, Optional<Path> taskset) {
        if (cpus < 2 || taskset.isEmpty()) {
            return Optional.empty();
        }
        int serverCount = cpus / 2;
        return Optional.of(new CorePinning(range(0, serverCount), range(serverCount, cpus)));
    }

    int serverCpuCount() {
        return count(serverCpus);
    }

    int generatorCpuCount() {
        return count(generatorCpus);
    }

    private static int count(String cpus) {
        int dash = cpus.indexOf('-');
        return dash < 0 ? 1 : Integer.parseInt(cpus.substring(dash + 1)) - Integer.parseInt(cpus.substring(0, dash)) + 1;
    }

    /** Why {@link #plan} gives nothing on this machine, for the user. */
    static String whyNot(int cpus, Optional<Path> taskset) {
        if (cpus < 2) {
            return "only " + cpus + " CPU: nothing to split";
        }
        return taskset.isEmpty() ? "no taskset on the PATH (Debian/Ubuntu: apt-get install util-linux)" : "";
    }

    /** Where taskset is on the PATH, if anywhere. */
    static Optional<Path> findTaskset() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "taskset");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** What a child process's command is prefixed with to run on the server's CPUs. */
    List<String> serverCommandPrefix(Path taskset) {
        return List.of(taskset.toString(), "-c", serverCpus);
    }

    /**
     * Moves every thread of this JVM onto the generator's CPUs ({@code taskset -a -p}); threads
     * started later inherit it from their parent.
     *
     * @throws IllegalStateException when taskset refuses (e.g. the CPUs are not allowed in this cgroup)
     */
    void pinThisProcess(Path taskset) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(taskset.toString(), "-a", "-p", "-c", generatorCpus, Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("taskset could not move the load generator to CPUs " + generatorCpus + ": " + output);
        }
    }

    /** One line for the console. */
    String describe() {
        return "servers on CPU " + serverCpus + ", load generator on CPU " + generatorCpus + " (taskset)";
    }

    private static String range(int from, int to) {
        return to - from == 1 ? Integer.toString(from) : from + "-" + (to - 1);
    }
}
