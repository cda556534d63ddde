package org.messenger.files.resume;

/** What reading a resume sidecar found. */
public sealed interface SidecarRead {
    /** No sidecar: nothing was downloaded before (or it finished and was cleaned up). */
    record Absent() implements SidecarRead {
    }

    /** A sound sidecar. */
    record Found(ResumeRecord record) implements SidecarRead {
    }

    /** A sidecar that cannot be trusted; {@code reason} says why, for the user. */
    record Unusable(String reason) implements SidecarRead {
    }
}
