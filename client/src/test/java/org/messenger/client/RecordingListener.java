package org.messenger.client;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event (and the thread it came on) for assertions. */
final class RecordingListener implements ChatListener {
    final List<ChatEvent> events = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(ChatEvent event) {
        threads.add(Thread.currentThread().getName());
        events.add(event);
    }

    <T extends ChatEvent> T awaitEvent(Class<T> type) {
        // Checked at once, then often: most events are already there.
        return await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                .until(() -> first(type), e -> e != null);
    }

    <T extends ChatEvent> T first(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
    }

    <T extends ChatEvent> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
