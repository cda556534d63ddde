package org.messenger.chat;

import java.util.ArrayList;
import java.util.List;

/** A session that keeps what it is given, for assertions. */
final class RecordingSession implements Session {
    final List<HubEvent> events = new ArrayList<>();

    @Override
    public void deliver(HubEvent event) {
        events.add(event);
    }

    <T extends HubEvent> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
