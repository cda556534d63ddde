package org.messenger.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A channel's mutable state in {@link LocalChatHub}: members, modes, bans, topic and the member
 * order its snapshots share. Only touched under the hub's lock; readers get a {@link ChannelView}.
 */
final class Channel implements PresenceWindows.Audience {
    final String name;
    final Instant createdAt;
    final ConversationHistory history;
    final Set<ChatUser> members = new LinkedHashSet<>();
    final Set<ChatUser> operators = new HashSet<>();
    final Set<ChatUser> voiced = new HashSet<>();
    final List<BanEntry> bans = new ArrayList<>();
    ChannelView.Topic topic;
    boolean permanent;
    boolean inviteOnly;
    String key;
    int limit;
    boolean moderated;
    boolean noExternalMessages = ChannelModes.DEFAULT.noExternalMessages();
    boolean secret;
    boolean topicLocked = ChannelModes.DEFAULT.topicLocked();
    boolean registeredOnly;
    /**
     * The members in order of joining, appended to as they join; a leave makes it stale and the
     * next snapshot rebuilds it. Snapshots are prefixes of it ({@link MemberSnapshot}).
     */
    private ChatUser[] order = new ChatUser[8];
    private int orderSize;
    private boolean orderStale;

    Channel(String name, Instant createdAt, ConversationHistory history) {
        this.name = name;
        this.createdAt = createdAt;
        this.history = history;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Iterable<ChatUser> members() {
        return members;
    }

    void add(ChatUser user) {
        members.add(user);
        if (!orderStale) {
            if (orderSize == order.length) {
                // A new array: snapshots of the old one keep it as it is.
                order = Arrays.copyOf(order, orderSize * 2);
            }
            order[orderSize++] = user;
        }
    }

    void remove(ChatUser user) {
        if (members.remove(user)) {
            orderStale = true;
        }
    }

    /** A member's nick, host or status changed: the next snapshot is a new array (see {@link MemberSnapshot#continues}). */
    void rosterChanged() {
        orderStale = true;
    }

    MemberSnapshot memberSnapshot() {
        if (orderStale) {
            ChatUser[] rebuilt = new ChatUser[Math.max(8, members.size() + members.size() / 2)];
            int i = 0;
            for (ChatUser member : members) {
                rebuilt[i++] = member;
            }
            order = rebuilt;
            orderSize = i;
            orderStale = false;
        }
        return new MemberSnapshot(order, orderSize);
    }

    ChannelView view() {
        List<ChannelView.Ban> banList = new ArrayList<>(bans.size());
        for (BanEntry ban : bans) {
            banList.add(ban.ban());
        }
        return new ChannelView(name, createdAt, topic, memberSnapshot(),
                new ChannelModes(inviteOnly, key, limit, moderated, noExternalMessages, secret, topicLocked, registeredOnly),
                operators, voiced, banList, permanent);
    }

    /** A ban with its mask folded once, for matching. */
    record BanEntry(ChannelView.Ban ban, String folded) {}
}
