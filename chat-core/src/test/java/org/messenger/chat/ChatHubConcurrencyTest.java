package org.messenger.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Connections are served by several threads: the hub must stay consistent whatever the interleaving. */
class ChatHubConcurrencyTest {

    /** Counts deliveries; safe because the hub calls sessions under its lock. */
    private static final class CountingSession implements Session {
        final AtomicInteger events = new AtomicInteger();

        @Override
        public void deliver(HubEvent event) {
            events.incrementAndGet();
        }
    }

    @Test
    void usersJoiningTalkingAndQuittingFromManyThreadsLeaveNothingBehind() throws Exception {
        ChatHub hub = new LocalChatHub(ChatConfig.defaults());
        hub.createPermanentChannel("#lobby");
        int threads = 8;
        int usersPerThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < usersPerThread; i++) {
                        String nick = "u" + thread + "x" + i;
                        ChatUser user = hub.register(nick, "u", "U", "h", new CountingSession());
                        hub.join(user, "#lobby");
                        hub.join(user, "#room" + (i % 3));
                        hub.sendToChannel(user, "#lobby", MessageKind.MESSAGE, "hi from " + nick, Map.of());
                        hub.sendToUser(user, nick, MessageKind.MESSAGE, "note to self", Map.of());
                        hub.changeNick(user, nick + "z");
                        hub.quit(user, "done");
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(hub.userCount()).isZero();
        assertThat(hub.channels()).extracting(ChannelView::name).containsExactly("#lobby");
        assertThat(hub.channel("#lobby").orElseThrow().members()).isEmpty();
        assertThat(hub.privateConversationCount()).isZero();
        assertThat(hub.channelHistory("#lobby")).hasSize(ChatConfig.DEFAULT_HISTORY);
    }
}
