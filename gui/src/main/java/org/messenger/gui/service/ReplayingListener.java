package org.messenger.gui.service;

import java.util.ArrayList;
import java.util.List;
import org.messenger.client.ChatEvent;
import org.messenger.client.ChatListener;

/**
 * Keeps the events that arrive before anyone listens (registration happens before the main window
 * exists), then hands them over in order and forwards the rest. Called on the client's event thread.
 */
final class ReplayingListener implements ChatListener {
    private final List<ChatEvent> early = new ArrayList<>();
    private ChatListener target;

    @Override
    public void onEvent(ChatEvent event) {
        ChatListener current;
        synchronized (this) {
            if (target == null) {
                early.add(event);
                return;
            }
            current = target;
        }
        current.onEvent(event);
    }

    synchronized void attach(ChatListener listener) {
        if (target != null) {
            throw new IllegalStateException("a session has one listener");
        }
        // Replaying under the lock keeps order: a live event waits until the early ones are out.
        early.forEach(listener::onEvent);
        early.clear();
        target = listener;
    }
}
