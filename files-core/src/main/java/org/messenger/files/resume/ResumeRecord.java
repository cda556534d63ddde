package org.messenger.files.resume;

import org.messenger.files.catalogue.Sha256;
import org.messenger.transport.ByteRanges;

/**
 * What a sidecar remembers: which file (by size and SHA-256, so a file changed on the server is not
 * stitched onto old bytes) and which of its byte ranges are safely in {@code NAME.part}.
 */
public record ResumeRecord(long fileSizeBytes, Sha256 sha256, ByteRanges received) {
    public ResumeRecord {
        received = received.copy(); // ByteRanges is mutable; the record keeps its own
        if (fileSizeBytes < 0) {
            throw new IllegalArgumentException("file size cannot be negative: " + fileSizeBytes);
        }
        if (!received.isEmpty() && received.upperBound() > fileSizeBytes) {
            throw new IllegalArgumentException("received ranges " + received + " run past the file's " + fileSizeBytes + " bytes");
        }
    }

    /** A copy: the caller may change it. */
    @Override
    public ByteRanges received() {
        return received.copy();
    }

    public boolean isComplete() {
        return received.containsAll(0, fileSizeBytes);
    }
}
