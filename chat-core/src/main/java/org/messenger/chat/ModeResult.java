package org.messenger.chat;

import java.util.List;

/**
 * What became of a request to change channel modes: the changes applied (told to every member in
 * one event) and, one for each change refused, why.
 */
public record ModeResult(List<ModeChange> applied, List<Refusal> refused) {
    public ModeResult {
        applied = List.copyOf(applied);
        refused = List.copyOf(refused);
    }

    /** A change that was not made, and why. */
    public record Refusal(ModeChange change, ChatException reason) {}
}
