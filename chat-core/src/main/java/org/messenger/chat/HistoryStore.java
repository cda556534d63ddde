package org.messenger.chat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where conversation history is kept beyond the hub's in-memory rings: the durable record that
 * survives a restart and that history playback (IRCv3 CHATHISTORY) reads.
 *
 * <p>A conversation is named by a key the hub builds ({@link #channelKey}, {@link #privateKey}):
 * the casemapped channel name, or the two casemapped nicks of a private pair in order.
 *
 * <p>{@link #append} only queues: it is called by the hub while it delivers and must never block.
 * {@link #sync} is the barrier: its future completes once everything appended before it is
 * durable, which is when a sender may be shown its message as sent (echo-message).
 */
public interface HistoryStore extends AutoCloseable {
    /** Keeps nothing; {@code --history 0} and tests without a data folder. */
    HistoryStore NONE = new HistoryStore() {
        @Override
        public void append(String conversation, ChatMessage message) {}

        @Override
        public CompletableFuture<List<ChatMessage>> latest(String conversation, int limit) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletableFuture<List<Activity>> activity(List<String> channels, String foldedNick, Instant privateSince,
                Instant from, Instant to, int limit) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletableFuture<Void> sync() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {}
    };

    /**
     * A conversation's latest message in a time range (IRCv3 CHATHISTORY TARGETS): the
     * conversation's key, and the message, whose sender and target name the other side of a
     * private conversation.
     */
    record Activity(String conversation, ChatMessage latest) {}

    /** Queues {@code message} to be kept under {@code conversation}; never blocks. */
    void append(String conversation, ChatMessage message);

    /** The last {@code limit} messages of the conversation, oldest first. */
    CompletableFuture<List<ChatMessage>> latest(String conversation, int limit);

    /**
     * The conversations of one user with messages from {@code from} to {@code to} (both
     * included), with the latest message of each in that range, in order of that message's time,
     * at most {@code limit}: the {@code channels} given (keys), and the private conversations of
     * {@code foldedNick}, of which only messages at or after {@code privateSince} count.
     */
    CompletableFuture<List<Activity>> activity(List<String> channels, String foldedNick, Instant privateSince, Instant from,
            Instant to, int limit);

    /** Completes when every message appended before this call is on disk. */
    CompletableFuture<Void> sync();

    @Override
    void close();

    /** The key of a channel's conversation: its name under the hub's casemapping. */
    static String channelKey(String foldedChannel) {
        return foldedChannel;
    }

    /** The key of a private conversation: both casemapped nicks, in order, so alice→bob and bob→alice are one. */
    static String privateKey(String foldedNickA, String foldedNickB) {
        return foldedNickA.compareTo(foldedNickB) <= 0 ? foldedNickA + " " + foldedNickB : foldedNickB + " " + foldedNickA;
    }
}
