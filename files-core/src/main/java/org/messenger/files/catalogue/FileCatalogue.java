package org.messenger.files.catalogue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.messenger.files.catalogue.FileRefusedException.Reason;
import org.messenger.files.download.CompletionMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared folder as clients see it: names resolve only to readable regular files inside it, and
 * a listing gives each file's name, size and SHA-256.
 *
 * <p>Every name goes through two gates. {@link FileName#parse} refuses by text ({@code ..},
 * absolute paths, hidden names, control characters). Then the real path (all links followed) must
 * still lie inside the folder's real path, must not pass through a hidden name, and must be a
 * regular file: a link to {@code /etc/passwd} or to {@code /dev/zero} is refused even though its
 * own name looks harmless.
 *
 * <p>Thread-safe: it keeps no state besides the checksum cache, which is thread-safe.
 */
public final class FileCatalogue {
    private static final Logger log = LoggerFactory.getLogger(FileCatalogue.class);
    /** Deep enough for any sensible sharing layout, shallow enough to stop pathological trees. */
    private static final int MAX_DEPTH = 16;

    private final Path root;
    private final ChecksumCache checksums;

    /**
     * @param folder an existing folder (see {@link SharedFolder#prepare}); links in its own path
     *               are resolved once here
     */
    public FileCatalogue(Path folder, ChecksumCache checksums) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new NotDirectoryException(folder + " is not a folder; share an existing folder");
        }
        this.root = folder.toRealPath();
        this.checksums = checksums;
    }

    public FileCatalogue(Path folder) throws IOException {
        this(folder, new ChecksumCache());
    }

    /** The shared folder's real path. */
    public Path root() {
        return root;
    }

    /** Checks a requested name and finds the file it means, without hashing it. */
    public ResolvedFile resolve(String requested) throws FileRefusedException {
        FileName name = FileName.parse(requested);
        String shown = FileName.printable(requested);
        Path candidate = root;
        for (String segment : name.segments()) {
            candidate = candidate.resolve(segment);
        }
        if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
            throw notFound(requested, shown);
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (NoSuchFileException e) {
            throw new FileRefusedException(Reason.NOT_FOUND, requested,
                    "'" + shown + "' is a link to something that does not exist. FILES lists what is shared.");
        } catch (IOException e) {
            throw new FileRefusedException(Reason.UNREADABLE, requested,
                    "The server cannot read '" + shown + "': " + e.getMessage());
        }
        if (!real.startsWith(root)) {
            throw new FileRefusedException(Reason.OUTSIDE_FOLDER, requested,
                    "'" + shown + "' is a link that leads out of the shared folder; it is not shared.");
        }
        for (Path part : root.relativize(real)) {
            if (part.toString().startsWith(".")) {
                throw new FileRefusedException(Reason.HIDDEN, requested,
                        "'" + shown + "' leads to a hidden file; hidden files are not shared.");
            }
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new FileRefusedException(Reason.UNREADABLE, requested,
                    "The server cannot read '" + shown + "': " + e.getMessage());
        }
        if (attributes.isDirectory()) {
            throw new FileRefusedException(Reason.NOT_A_REGULAR_FILE, requested,
                    "'" + shown + "' is a folder; ask for a file in it (FILES lists them).");
        }
        if (!attributes.isRegularFile()) {
            throw new FileRefusedException(Reason.NOT_A_REGULAR_FILE, requested,
                    "'" + shown + "' is a device or special file; only regular files are shared.");
        }
        if (!Files.isReadable(real)) {
            throw new FileRefusedException(Reason.UNREADABLE, requested,
                    "The server cannot read '" + shown + "' (permission denied); ask the server's owner.");
        }
        return new ResolvedFile(name.value(), real, attributes.size());
    }

    /** Resolves a name and gives its size and SHA-256 (from the cache when the file is unchanged). */
    public SharedFile describe(String requested) throws FileRefusedException, IOException {
        ResolvedFile file = resolve(requested);
        return new SharedFile(file.name(), file.sizeBytes(), checksums.sha256(file.realPath()), file.realPath());
    }

    /**
     * Resolves a name and opens the file once for a download: the last element is opened without
     * following a link (the real path holds no links any more, so a file swapped for a link after
     * the check is refused by the operating system), the file must still be the one that was
     * checked (same file key before and after opening), and the size, SHA-256 and last byte all
     * come from that handle (the digest from the cache only when it was computed for this very
     * file at this size and modification time). The caller owns the returned handle.
     */
    public OpenedFile open(String requested) throws FileRefusedException, IOException {
        ResolvedFile file = resolve(requested);
        Object checkedKey = Files.readAttributes(file.realPath(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        FileChannel channel = FileChannel.open(file.realPath(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        try {
            Object openedKey = Files.readAttributes(file.realPath(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            if (checkedKey == null || !checkedKey.equals(openedKey)) {
                throw new IOException("'" + FileName.printable(requested) + "' was replaced while it was being opened; try again");
            }
            Sha256 digest = checksums.sha256(file.realPath(), channel, openedKey);
            long size = channel.size();
            int lastByte = size == 0 ? -1 : CompletionMessage.byteAt(channel, size - 1);
            return new OpenedFile(file.name(), size, digest, lastByte, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Every shared file, sorted by name: regular files inside the folder (sub-folders included),
     * minus hidden ones and links leading out. Files are hashed once and then served from the
     * cache; a file that cannot be read is left out and logged.
     */
    public List<SharedFile> list() throws IOException {
        List<String> names = candidateNames();
        List<SharedFile> files = new ArrayList<>(names.size());
        Set<Path> seen = new HashSet<>();
        for (String name : names) {
            try {
                SharedFile file = describe(name);
                files.add(file);
                seen.add(file.realPath());
            } catch (FileRefusedException e) {
                log.debug("Not listing '{}': {}", FileName.printable(name), e.getMessage());
            } catch (IOException e) {
                log.warn("Not listing '{}': {}", FileName.printable(name), e.getMessage());
            }
        }
        checksums.retainOnly(seen);
        files.sort(Comparator.comparing(SharedFile::name));
        return List.copyOf(files);
    }

    /**
     * One name a client could download now, without hashing anything (for hints such as the
     * server's start-up line): the first by name among the top-level files, else among all; empty
     * when nothing is shared.
     */
    public Optional<String> exampleName() throws IOException {
        List<String> names = candidateNames();
        names.sort(Comparator.comparing((String n) -> n.contains("/")).thenComparing(Comparator.naturalOrder()));
        for (String name : names) {
            try {
                return Optional.of(resolve(name).name());
            } catch (FileRefusedException e) {
                log.debug("Not suggesting '{}': {}", FileName.printable(name), e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Names of the regular files and links under the folder, hidden folders skipped; not checked yet. */
    private List<String> candidateNames() throws IOException {
        List<String> names = new ArrayList<>();
        Files.walkFileTree(root, Set.of(), MAX_DEPTH, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                if (!dir.equals(root) && dir.getFileName().toString().startsWith(".")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() || attributes.isSymbolicLink()) {
                    names.add(nameOf(file));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                if (!(e instanceof AccessDeniedException || e instanceof FileSystemLoopException)) {
                    log.warn("Not listing {}: {}", file, e.toString());
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return names;
    }

    private String nameOf(Path file) {
        StringBuilder name = new StringBuilder();
        for (Path part : root.relativize(file)) {
            if (!name.isEmpty()) {
                name.append('/');
            }
            name.append(part);
        }
        return name.toString();
    }

    private static FileRefusedException notFound(String requested, String shown) {
        return new FileRefusedException(Reason.NOT_FOUND, requested,
                "No file named '" + shown + "' in the shared folder. FILES lists what is shared.");
    }
}
