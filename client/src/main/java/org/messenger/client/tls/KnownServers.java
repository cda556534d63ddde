package org.messenger.client.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.messenger.irc.codec.CertificateFingerprint;

/**
 * The servers whose self-signed certificates the user trusted on first use, like ssh's
 * {@code known_hosts}: one {@code host:port SHA256-FINGERPRINT} per line, {@code #} comments.
 * By default {@code $XDG_CONFIG_HOME/messenger/known_servers} ({@code ~/.config/messenger/known_servers}).
 */
public final class KnownServers {
    /** Overrides the default file (tests, several profiles). */
    public static final String FILE_ENVIRONMENT_VARIABLE = "MESSENGER_KNOWN_SERVERS";

    private final Path file;

    public KnownServers(Path file) {
        this.file = file;
    }

    /** The file from {@code MESSENGER_KNOWN_SERVERS}, else under the user's config folder. */
    public static KnownServers standard() {
        String override = System.getenv(FILE_ENVIRONMENT_VARIABLE);
        if (override != null && !override.isBlank()) {
            return new KnownServers(Path.of(override));
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return new KnownServers(config.resolve("messenger").resolve("known_servers"));
    }

    public Path file() {
        return file;
    }

    /** What the file says about one server, and on which line (1-based), for "remove line N". */
    public record Entry(CertificateFingerprint fingerprint, int line) {}

    /**
     * The remembered fingerprint of {@code server} ({@code host:port}), if any.
     *
     * @throws IOException when the file exists but cannot be read
     */
    public Optional<Entry> lookup(String server) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (words.length >= 2 && words[0].equalsIgnoreCase(server)) {
                try {
                    return Optional.of(new Entry(CertificateFingerprint.parse(words[1]), i + 1));
                } catch (IllegalArgumentException e) {
                    throw new IOException("line " + (i + 1) + " of " + file + " is not 'host:port fingerprint': fix or remove it", e);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Adds {@code server} with its fingerprint (the folder and file are created, owner-only).
     * Safe against other clients doing the same at once, in this process or another: the file is
     * changed only under an exclusive lock on {@code known_servers.lock} beside it, by writing the
     * whole new content to a temporary file and renaming it over the old one, so no entry is lost
     * and a reader never sees half a file. Remembering what is already there does nothing.
     *
     * @throws IOException when the file cannot be written, or another client has just remembered
     *                     a different fingerprint for {@code server} (the message says which line)
     */
    public void remember(String server, CertificateFingerprint fingerprint) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        Path folder = target.getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        Path lockFile = target.resolveSibling(target.getFileName() + ".lock");
        // FileChannel.lock is held per process: threads of this process take turns on a lock of their own first.
        ReentrantLock inProcess = IN_PROCESS_LOCKS.computeIfAbsent(lockFile, path -> new ReentrantLock());
        inProcess.lock();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            Optional<Entry> present = lookup(server);
            if (present.isPresent()) {
                if (present.get().fingerprint().equals(fingerprint)) {
                    return;
                }
                throw new IOException("line " + present.get().line() + " of " + file + " already has a different fingerprint for "
                        + server + " (remembered by another client meanwhile): compare both with the server's, and remove the"
                        + " wrong line");
            }
            String before = Files.exists(target) ? Files.readString(target, StandardCharsets.UTF_8) : "";
            String separator = before.isEmpty() || before.endsWith("\n") ? "" : System.lineSeparator();
            replace(target, before + separator + server + " " + fingerprint + System.lineSeparator());
        } finally {
            inProcess.unlock();
        }
    }

    /** Writes {@code content} to a temporary file beside {@code target}, flushes it to disk, then renames it over {@code target}. */
    private static void replace(Path target, String content) throws IOException {
        Path folder = target.getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path temporary = posix
                ? Files.createTempFile(folder, "." + target.getFileName(), ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * One lock per known-servers file for the threads of this process (two windows of one GUI,
     * tests): FileChannel.lock throws when this process already holds it. Keyed by the lock
     * file's absolute path; a handful of entries at most.
     */
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS_LOCKS = new ConcurrentHashMap<>();
}
