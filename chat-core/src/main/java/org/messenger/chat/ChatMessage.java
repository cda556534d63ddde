package org.messenger.chat;

import java.time.Instant;
import java.util.Map;

/**
 * One message as the hub stored and delivered it. {@code target} is a channel name or the
 * recipient's nick as the sender wrote it. {@code tags} are client-only tags (IRCv3
 * message-tags {@code +name}) that travel with the text and are relayed untouched. {@code id}
 * names the message for good (IRCv3 msgid; history is looked up by it); null only for messages
 * made outside a hub.
 */
public record ChatMessage(Instant time, UserRef from, String target, MessageKind kind, String text, Map<String, String> tags,
        String id) {
    public ChatMessage {
        tags = tags == null || tags.isEmpty() ? Map.of() : Map.copyOf(tags);
    }

    public ChatMessage(Instant time, UserRef from, String target, MessageKind kind, String text, Map<String, String> tags) {
        this(time, from, target, kind, text, tags, null);
    }
}
