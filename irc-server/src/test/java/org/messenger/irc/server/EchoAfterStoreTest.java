package org.messenger.irc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.messenger.chat.ChatMessage;
import org.messenger.chat.HistoryStore;

/** With a history store, the sender's echo-message waits until the store says the message is on disk. */
class EchoAfterStoreTest extends IrcServerTestBase {
    /** A store whose commits the test releases by hand. */
    static final class HeldStore implements HistoryStore {
        final List<String> appended = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<Void>> syncs = new CopyOnWriteArrayList<>();

        @Override
        public void append(String conversation, ChatMessage message) {
            appended.add(conversation + ": " + message.text());
        }

        @Override
        public CompletableFuture<List<ChatMessage>> latest(String conversation, int limit) {
            return CompletableFuture.completedFuture(new ArrayList<>());
        }

        @Override
        public CompletableFuture<List<Activity>> activity(List<String> channels, String foldedNick, java.time.Instant privateSince,
                java.time.Instant from, java.time.Instant to, int limit) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletableFuture<Void> sync() {
            CompletableFuture<Void> f = new CompletableFuture<>();
            syncs.add(f);
            return f;
        }

        @Override
        public void close() {}
    }

    @Test
    void senderSeesItsEchoOnlyOnceTheMessageIsStored() {
        HeldStore store = new HeldStore();
        start(IrcServerConfig.builder().history(store));
        RawIrcClient bob = registered("bob");
        RawIrcClient alice = connect();
        alice.send("CAP REQ :echo-message");
        alice.expect("ACK");
        alice.send("CAP END");
        alice.register("alice");
        alice.send("PRIVMSG #lobby :kept");
        bob.expect("alice!~alice@127.0.0.1 PRIVMSG #lobby :kept");
        alice.send("PRIVMSG bob :private");
        bob.expect("PRIVMSG bob :private");
        assertThat(store.appended).containsExactly("#lobby: kept", "alice bob: private");
        alice.send("PING :before-commit");
        alice.expect("PONG test.server :before-commit");
        assertThat(alice.hasSeen("PRIVMSG")).as("no echo before the commit").isFalse();
        store.syncs.forEach(f -> f.complete(null));
        alice.expect("^:alice!~alice@127.0.0.1 PRIVMSG #lobby :kept$");
        alice.expect("^:alice!~alice@127.0.0.1 PRIVMSG bob :private$");
    }
}
