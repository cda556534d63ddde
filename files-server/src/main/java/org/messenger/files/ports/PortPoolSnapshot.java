package org.messenger.files.ports;

import java.util.List;
import java.util.Map;

/**
 * The pool at one instant, for DOWNLOADS, logs and tests.
 *
 * @param free    ports nobody holds, in the order they will be handed out
 * @param leased  client id to the port it holds
 * @param waiting client ids in queue order
 */
public record PortPoolSnapshot(List<Integer> free, Map<String, Integer> leased, List<String> waiting) {
    public PortPoolSnapshot {
        free = List.copyOf(free);
        leased = Map.copyOf(leased);
        waiting = List.copyOf(waiting);
    }
}
