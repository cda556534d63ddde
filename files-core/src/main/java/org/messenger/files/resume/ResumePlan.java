package org.messenger.files.resume;

import java.util.Optional;
import org.messenger.transport.ByteRanges;

/**
 * What a download does about bytes already on disk.
 *
 * @param have       ranges of {@code NAME.part} that are kept
 * @param toRequest  ranges to ask the server for (the GET's ranges); empty when all is there
 * @param startOver  true when {@code NAME.part} must be emptied first
 * @param notice     one line for the user ("Resuming: 40% already on disk", "Starting over: ...")
 */
public record ResumePlan(ByteRanges have, ByteRanges toRequest, boolean startOver, Optional<String> notice) {
    public ResumePlan {
        have = have.copy(); // ByteRanges is mutable; the plan keeps its own
        toRequest = toRequest.copy();
    }
}
