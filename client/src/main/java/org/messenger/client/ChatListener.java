package org.messenger.client;

/** Receives {@link ChatEvent}s on the client's event thread, one at a time, in arrival order. */
@FunctionalInterface
public interface ChatListener {
    void onEvent(ChatEvent event);
}
