package org.messenger.chat;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The last {@code capacity} messages of one conversation (a channel or a private pair). Older
 * messages are forgotten, so memory stays bounded however long the server runs. Not thread-safe:
 * the hub guards it with its lock.
 */
public final class ConversationHistory {
    private final int capacity;
    private final ArrayDeque<ChatMessage> messages;

    public ConversationHistory(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("history capacity must be >= 0, got " + capacity);
        }
        this.capacity = capacity;
        this.messages = new ArrayDeque<>(Math.min(capacity, 16));
    }

    public void add(ChatMessage message) {
        if (capacity == 0) {
            return;
        }
        if (messages.size() == capacity) {
            messages.removeFirst();
        }
        messages.addLast(message);
    }

    /** Oldest first. */
    public List<ChatMessage> snapshot() {
        return List.copyOf(messages);
    }

    public int size() {
        return messages.size();
    }

    public int capacity() {
        return capacity;
    }
}
