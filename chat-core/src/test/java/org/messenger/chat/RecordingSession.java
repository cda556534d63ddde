package org.messenger.chat;

import java.util.ArrayList;
import java.util.List;

/** A session that keeps what it is given, for assertions. */
final class RecordingSession implements Session {
    final List<ChatEvent> events = new ArrayList<>();

    @Override
    public void deliver(ChatEvent event) {
        events.add(event);
    }

    <T extends ChatEvent> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
