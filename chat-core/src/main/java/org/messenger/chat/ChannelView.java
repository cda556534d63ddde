package org.messenger.chat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A snapshot of a channel: members in order of joining, its topic (null when none is set), its
 * modes, operators, voiced members and ban list, and whether it is permanent (server-owned, like
 * the lobby: nobody is its operator by joining it, server operators moderate it).
 */
public record ChannelView(String name, Instant createdAt, Topic topic, List<ChatUser> members, ChannelModes modes,
        Set<ChatUser> operators, Set<ChatUser> voiced, List<Ban> bans, boolean permanent) {
    public ChannelView {
        // A hub's snapshot never changes: copying it again would cost what it saves (MemberSnapshot).
        members = members instanceof MemberSnapshot ? members : List.copyOf(members);
        operators = Set.copyOf(operators);
        voiced = Set.copyOf(voiced);
        bans = List.copyOf(bans);
    }

    /** A channel with default modes and nobody holding a status. */
    public ChannelView(String name, Instant createdAt, Topic topic, List<ChatUser> members) {
        this(name, createdAt, topic, members, ChannelModes.DEFAULT, Set.of(), Set.of(), List.of(), false);
    }

    public boolean isOperator(ChatUser user) {
        return operators.contains(user);
    }

    public boolean isVoiced(ChatUser user) {
        return voiced.contains(user);
    }

    public boolean isMember(ChatUser user) {
        return members.contains(user);
    }

    /** A channel topic with who set it and when (RPL_TOPICWHOTIME). */
    public record Topic(String text, String setBy, Instant setAt) {}

    /** A ban mask with who set it and when (RPL_BANLIST). */
    public record Ban(String mask, String setBy, Instant setAt) {}
}
