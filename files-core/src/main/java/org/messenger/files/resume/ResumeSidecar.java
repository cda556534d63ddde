package org.messenger.files.resume;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import org.messenger.files.catalogue.Sha256;
import org.messenger.transport.ByteRanges;

/**
 * The small text file beside {@code NAME.part} that records which byte ranges of the download are
 * already on disk, so that {@code get} run again asks only for the rest.
 *
 * <pre>
 * messenger-resume 1
 * size 10485760
 * sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 * have 0-4194304,5242880-6291456
 * crc32c 1b2c3d4e
 * </pre>
 *
 * <p>Crash safety: a new version is written to {@code NAME.part.resume.tmp}, forced to disk, then
 * renamed over the old one, so a crash leaves either the old or the new record, never half of
 * one. The CRC-32C over the lines above it catches a torn or edited file anyway; such a file is
 * reported as {@link SidecarRead.Unusable} and the download starts over. The writer must force
 * the data to {@code NAME.part} before saving a record that claims it.
 */
public final class ResumeSidecar {
    static final String MAGIC = "messenger-resume";
    static final int VERSION = 1;
    /** A sidecar is a few lines; anything larger was not written by us. */
    private static final long MAX_BYTES = 4L * 1024 * 1024;

    private final Path target;
    private final Path part;
    private final Path sidecar;
    private final Path temporary;

    /** @param target where the finished download will be ({@code out/NAME}) */
    public ResumeSidecar(Path target) {
        this.target = target;
        this.part = partFileOf(target);
        this.sidecar = target.resolveSibling(target.getFileName() + ".part.resume");
        this.temporary = target.resolveSibling(target.getFileName() + ".part.resume.tmp");
    }

    /** {@code NAME.part}: where the bytes go until the download is verified. */
    public static Path partFileOf(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    public Path target() {
        return target;
    }

    public Path partFile() {
        return part;
    }

    public Path path() {
        return sidecar;
    }

    public SidecarRead read() throws IOException {
        byte[] bytes;
        try {
            if (Files.size(sidecar) > MAX_BYTES) {
                return new SidecarRead.Unusable(sidecar.getFileName() + " is far too large to be a resume record");
            }
            bytes = Files.readAllBytes(sidecar);
        } catch (NoSuchFileException e) {
            return new SidecarRead.Absent();
        }
        return decode(bytes, sidecar.getFileName().toString());
    }

    /** Replaces the record atomically (see the class comment). */
    public void save(ResumeRecord record) throws IOException {
        byte[] bytes = encode(record);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            Files.move(temporary, sidecar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Same folder, so this only happens on exotic file systems; the CRC still guards reads.
            Files.move(temporary, sidecar, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes the record (after the download was verified and renamed, or to start over). */
    public void delete() throws IOException {
        Files.deleteIfExists(temporary);
        Files.deleteIfExists(sidecar);
    }

    static byte[] encode(ResumeRecord record) {
        String body = MAGIC + " " + VERSION + "\n"
                + "size " + record.fileSizeBytes() + "\n"
                + "sha256 " + record.sha256().hex() + "\n"
                + "have " + record.received() + "\n";
        byte[] bodyBytes = body.getBytes(StandardCharsets.US_ASCII);
        return (body + "crc32c " + crcOf(bodyBytes) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    static SidecarRead decode(byte[] bytes, String shownName) {
        String text;
        try {
            text = StandardCharsets.US_ASCII.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return unusable(shownName, "it is not text");
        }
        int crcLine = text.lastIndexOf("crc32c ");
        if (crcLine < 0 || !text.endsWith("\n")) {
            return unusable(shownName, "it is incomplete");
        }
        String expectedCrc = text.substring(crcLine + "crc32c ".length(), text.length() - 1);
        String body = text.substring(0, crcLine);
        if (!expectedCrc.equals(crcOf(body.getBytes(StandardCharsets.US_ASCII)))) {
            return unusable(shownName, "its checksum does not match (damaged or edited)");
        }
        String[] lines = body.split("\n", -1);
        if (lines.length != 5 || !lines[4].isEmpty()) {
            return unusable(shownName, "it has " + (lines.length - 1) + " lines instead of 4");
        }
        if (!lines[0].startsWith(MAGIC + " ")) {
            return unusable(shownName, "it is not a Messenger resume record");
        }
        if (!lines[0].equals(MAGIC + " " + VERSION)) {
            return unusable(shownName, "it was written by another version of Messenger (" + lines[0] + ")");
        }
        try {
            long size = Long.parseLong(field(lines[1], "size"));
            Sha256 sha256 = new Sha256(field(lines[2], "sha256"));
            ByteRanges have = ByteRanges.parse(field(lines[3], "have"));
            return new SidecarRead.Found(new ResumeRecord(size, sha256, have));
        } catch (IllegalArgumentException e) {
            return unusable(shownName, e.getMessage());
        }
    }

    private static String field(String line, String name) {
        if (!line.startsWith(name + " ")) {
            throw new IllegalArgumentException("expected a '" + name + "' line, found '" + line + "'");
        }
        return line.substring(name.length() + 1);
    }

    private static SidecarRead unusable(String shownName, String why) {
        return new SidecarRead.Unusable("The resume record " + shownName + " cannot be used: " + why + ".");
    }

    private static String crcOf(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }
}
