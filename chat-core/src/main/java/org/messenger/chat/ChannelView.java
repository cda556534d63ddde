package org.messenger.chat;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of a channel: members in order of joining, and its topic (null when none is set).
 */
public record ChannelView(String name, Instant createdAt, Topic topic, List<ChatUser> members) {
    public ChannelView {
        members = List.copyOf(members);
    }

    /** A channel topic with who set it and when (RPL_TOPICWHOTIME). */
    public record Topic(String text, String setBy, Instant setAt) {}
}
