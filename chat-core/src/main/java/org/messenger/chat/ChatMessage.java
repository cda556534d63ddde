package org.messenger.chat;

import java.time.Instant;
import java.util.Map;

/**
 * One message as the hub stored and delivered it. {@code target} is a channel name or the
 * recipient's nick as the sender wrote it. {@code tags} are client-only tags (IRCv3
 * message-tags {@code +name}) that travel with the text and are relayed untouched.
 */
public record ChatMessage(Instant time, UserRef from, String target, MessageKind kind, String text, Map<String, String> tags) {
    public ChatMessage {
        tags = tags == null || tags.isEmpty() ? Map.of() : Map.copyOf(tags);
    }
}
