package org.messenger.files.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Where each download of one client writes, and the two rules for a second download of a name
 * (docs/files.md, Downloading the same file twice):
 * <ul>
 *   <li>while a download of that name into that folder runs in this client, another is refused
 *       ({@link AlreadyDownloadingException}): both would write the same {@code NAME.part};</li>
 *   <li>a finished file already there is never replaced: the new one is saved as {@code NAME (1)},
 *       {@code NAME (2)}, ..., as browsers do. {@code NAME.part} alone is not a finished file: a
 *       download to {@code NAME} continues it.</li>
 * </ul>
 */
final class DownloadTargets {
    /** Past this many numbered copies something is wrong (a loop, a full disk of copies): say so. */
    private static final int MAX_COPIES = 9_999;

    // Guarded by this. Both keyed by absolute, normalized paths.
    private final Map<Path, ClientDownload> runningByWanted = new HashMap<>();
    private final Set<Path> runningTargets = new HashSet<>();

    /**
     * Picks the target for a download of {@code name} wanted at {@code wanted}, creates the
     * download for it, and holds both paths until the download's result completes.
     *
     * @throws AlreadyDownloadingException when a download wanted at the same path is running
     */
    ClientDownload start(Path wanted, Function<Path, ClientDownload> create) {
        Path key = wanted.toAbsolutePath().normalize();
        ClientDownload running;
        ClientDownload d = null;
        Path target = null;
        synchronized (this) {
            running = runningByWanted.get(key);
            if (running == null) {
                target = firstFree(key);
                d = create.apply(target);
                runningByWanted.put(key, d);
                runningTargets.add(target);
            }
        }
        // Outside the lock: the message reads the running download's id under its own lock.
        if (running != null) {
            throw new AlreadyDownloadingException(running);
        }
        Path held = target;
        d.result.whenComplete((result, error) -> release(key, held));
        return d;
    }

    private synchronized void release(Path wanted, Path target) {
        runningByWanted.remove(wanted);
        runningTargets.remove(target);
    }

    /** {@code wanted} when no file is there and no download of ours writes it, else the first free numbered copy. */
    private Path firstFree(Path wanted) {
        if (isFree(wanted)) {
            return wanted;
        }
        for (int copy = 1; copy <= MAX_COPIES; copy++) {
            Path candidate = wanted.resolveSibling(numbered(wanted.getFileName().toString(), copy));
            if (isFree(candidate)) {
                return candidate;
            }
        }
        throw new FileClientException("There are already " + MAX_COPIES + " copies of " + wanted.getFileName() + " in "
                + wanted.getParent() + "; move some away and get the file again.");
    }

    private boolean isFree(Path path) {
        return !Files.exists(path) && !runningTargets.contains(path);
    }

    /**
     * {@code report.pdf} becomes {@code report (1).pdf}; the number goes before the extension so the
     * copy still opens with the same program ({@code .tar.gz} and the like count as one extension).
     * Names without an extension, and dot files such as {@code .bashrc}, get it at the end.
     */
    static String numbered(String fileName, int copy) {
        int dot = fileName.lastIndexOf('.');
        if (dot > 0) {
            int tar = fileName.lastIndexOf(".tar.");
            if (tar > 0 && tar + ".tar".length() == dot) {
                dot = tar;
            }
        }
        if (dot <= 0) {
            return fileName + " (" + copy + ")";
        }
        return fileName.substring(0, dot) + " (" + copy + ")" + fileName.substring(dot);
    }
}
