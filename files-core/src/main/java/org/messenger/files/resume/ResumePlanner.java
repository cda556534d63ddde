package org.messenger.files.resume;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import org.messenger.files.catalogue.Sha256;
import org.messenger.transport.ByteRanges;

/**
 * Turns "what I have" into "what to ask for": reads the sidecar and the part file, checks they
 * describe the file the server offers now, and plans the GET.
 */
public final class ResumePlanner {
    private ResumePlanner() {
    }

    /** Plans from the disk beside {@code sidecar.target()}. */
    public static ResumePlan plan(ResumeSidecar sidecar, long sizeBytes, Sha256 sha256) throws IOException {
        long partLength;
        try {
            partLength = Files.size(sidecar.partFile());
        } catch (NoSuchFileException e) {
            partLength = -1;
        }
        return plan(sidecar.read(), partLength, sizeBytes, sha256, sidecar.partFile().getFileName().toString());
    }

    /**
     * The decision itself, without I/O.
     *
     * @param partLength length of {@code NAME.part}, or -1 when there is none
     */
    public static ResumePlan plan(SidecarRead read, long partLength, long sizeBytes, Sha256 sha256, String partName) {
        ByteRanges whole = ByteRanges.whole(sizeBytes);
        return switch (read) {
            case SidecarRead.Absent absent -> partLength < 0
                    ? new ResumePlan(new ByteRanges(), whole, false, Optional.empty())
                    : startOver(whole, "Found " + partName + " without a record of what it holds; downloading from the start.");
            case SidecarRead.Unusable unusable -> startOver(whole, unusable.reason() + " Downloading from the start.");
            case SidecarRead.Found found -> fromRecord(found.record(), partLength, sizeBytes, sha256, partName);
        };
    }

    private static ResumePlan fromRecord(ResumeRecord record, long partLength, long sizeBytes, Sha256 sha256, String partName) {
        ByteRanges whole = ByteRanges.whole(sizeBytes);
        if (record.fileSizeBytes() != sizeBytes || !record.sha256().equals(sha256)) {
            return startOver(whole, "The file on the server changed since the earlier attempt; downloading it again from the start.");
        }
        if (partLength < 0) {
            return startOver(whole, partName + " is gone; downloading from the start.");
        }
        // Only bytes that are really in the part file count: a record can claim more when the
        // machine crashed between writing data and forcing it to disk.
        ByteRanges have = record.received().copy();
        have.remove(Math.min(partLength, sizeBytes), Long.MAX_VALUE);
        ByteRanges missing = have.missingFrom(ByteRanges.whole(sizeBytes));
        if (have.isEmpty()) {
            return new ResumePlan(have, missing, false, Optional.empty());
        }
        String notice = missing.isEmpty()
                ? "All " + sizeBytes + " bytes are already on disk; checking them."
                : "Resuming: " + percent(have.totalBytes(), sizeBytes) + " already on disk, "
                        + missing.totalBytes() + " bytes to go.";
        return new ResumePlan(have, missing, false, Optional.of(notice));
    }

    private static ResumePlan startOver(ByteRanges whole, String why) {
        return new ResumePlan(new ByteRanges(), whole, true, Optional.of(why));
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "100%" : (part * 100 / whole) + "%";
    }
}
