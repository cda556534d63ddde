package org.messenger.files.resume;

import org.messenger.files.catalogue.Sha256;

/**
 * What a sidecar remembers: which file (by size and SHA-256, so a file changed on the server is not
 * stitched onto old bytes) and which of its byte ranges are safely in {@code NAME.part}.
 */
public record ResumeRecord(long fileSizeBytes, Sha256 sha256, RangeSet received) {
    public ResumeRecord {
        if (fileSizeBytes < 0) {
            throw new IllegalArgumentException("file size cannot be negative: " + fileSizeBytes);
        }
        if (!received.isEmpty() && received.end() > fileSizeBytes) {
            throw new IllegalArgumentException("received ranges " + received + " run past the file's " + fileSizeBytes + " bytes");
        }
    }

    public boolean isComplete() {
        return received.missingFrom(fileSizeBytes).isEmpty();
    }
}
