package org.messenger.gui.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.messenger.client.ChatEvent;

class ReplayingListenerTest {
    private static final Instant T = Instant.parse("2026-11-25T21:00:00Z");

    @Test
    void handsOverEarlyEventsBeforeLiveOnesInOrder() {
        ReplayingListener replaying = new ReplayingListener();
        ChatEvent join = new ChatEvent.UserJoined(T, "alice", "#lobby", true);
        ChatEvent names = new ChatEvent.UsersListed(T, "#lobby", List.of("alice", "bob"));
        ChatEvent live = new ChatEvent.LobbyMessage(T, "bob", "#lobby", "hi", false);
        List<ChatEvent> seen = new ArrayList<>();

        replaying.onEvent(join);
        replaying.onEvent(names);
        replaying.attach(seen::add);
        replaying.onEvent(live);

        assertThat(seen).containsExactly(join, names, live);
    }
}
