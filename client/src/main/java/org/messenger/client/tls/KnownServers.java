package org.messenger.client.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
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

    /** Adds {@code server} with its fingerprint (the folder and file are created, owner-only). */
    public void remember(String server, CertificateFingerprint fingerprint) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        if (!Files.exists(file) && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, server + " " + fingerprint + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
