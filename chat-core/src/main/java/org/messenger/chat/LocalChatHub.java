package org.messenger.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The chat hub of a single server: the whole state in this process, behind one lock.
 *
 * <p>Thread-safe: every public method takes the hub's lock, so connections served by different
 * threads see one consistent order of events. Sessions are called with the lock held and must
 * only queue what they get (see {@link Session}).
 *
 * <p>Channels are created by the first join and disappear with their last member (RFC 2812
 * §3.2.1), except permanent ones such as the lobby. Private histories are keyed by user identity,
 * not nick, and are dropped when either side quits: a vanished client leaves nothing behind.
 */
public final class LocalChatHub implements ChatHub {
    private final ChatConfig config;
    private final HistoryStore historyStore;
    private final Map<String, ChatUser> usersByFoldedNick = new HashMap<>();
    private final Map<ChatUser, Set<Channel>> channelsByUser = new HashMap<>();
    private final Map<String, Channel> channelsByFoldedName = new LinkedHashMap<>();
    private final Map<PairKey, ConversationHistory> privateHistories = new HashMap<>();
    private long nextUserId = 1;

    public LocalChatHub(ChatConfig config) {
        this(config, HistoryStore.NONE);
    }

    /**
     * A hub that also writes every message to {@code historyStore} (queued, never waiting for it),
     * and reads a permanent channel's history back from it when the channel is created.
     */
    public LocalChatHub(ChatConfig config, HistoryStore historyStore) {
        this.config = Objects.requireNonNull(config, "config");
        this.historyStore = Objects.requireNonNull(historyStore, "historyStore");
    }

    @Override
    public HistoryStore historyStore() {
        return historyStore;
    }

    public ChatConfig config() {
        return config;
    }

    public String fold(String name) {
        return config.caseMapping().fold(name);
    }

    /**
     * Creates a channel that stays when empty (the lobby). Does nothing when it exists. Its last
     * messages are read back from the history store, so the lobby's history survives a restart;
     * this waits for the store, which is why it is for start-up.
     */
    public synchronized void createPermanentChannel(String name) {
        if (!config.names().isValidChannel(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a valid channel name: it must start with '#', be at most "
                    + config.names().channelLength() + " characters and contain no space, comma or colon");
        }
        boolean existed = channelsByFoldedName.containsKey(fold(name));
        Channel channel = channelOrCreate(name);
        channel.permanent = true;
        if (!existed) {
            for (ChatMessage message : historyStore.latest(HistoryStore.channelKey(fold(name)), config.historyPerConversation()).join()) {
                channel.history.add(message);
            }
        }
    }

    /** True when {@code nick} is valid and nobody holds it. */
    public synchronized boolean isNickAvailable(String nick) {
        return config.names().isValidNick(nick) && !usersByFoldedNick.containsKey(fold(nick));
    }

    public synchronized ChatUser register(String nick, String username, String realname, String host, Session session)
            throws ChatException {
        requireValidNick(nick);
        String folded = fold(nick);
        if (usersByFoldedNick.containsKey(folded)) {
            throw new ChatException(ChatError.NICK_IN_USE, nick);
        }
        ChatUser user = new ChatUser(nextUserId++, nick, username, realname, host, now(), Objects.requireNonNull(session));
        usersByFoldedNick.put(folded, user);
        channelsByUser.put(user, new LinkedHashSet<>());
        return user;
    }

    /** Renames {@code user}; a change of case only is allowed. Everyone sharing a channel is told once. */
    public synchronized void changeNick(ChatUser user, String newNick) throws ChatException {
        Set<Channel> channels = requireRegistered(user);
        requireValidNick(newNick);
        String oldFolded = fold(user.nick());
        String newFolded = fold(newNick);
        ChatUser holder = usersByFoldedNick.get(newFolded);
        if (holder != null && holder != user) {
            throw new ChatException(ChatError.NICK_IN_USE, newNick);
        }
        if (newNick.equals(user.nick())) {
            return;
        }
        HubEvent event = new HubEvent.NickChanged(now(), user.ref(), newNick);
        usersByFoldedNick.remove(oldFolded);
        usersByFoldedNick.put(newFolded, user);
        user.nick(newNick);
        Set<ChatUser> told = neighbours(channels);
        told.add(user);
        for (ChatUser u : told) {
            u.session().deliver(event);
        }
    }

    /**
     * Adds {@code user} to {@code channelName}, creating the channel if needed, and tells every
     * member (the joiner included). Returns false when the user was already a member.
     */
    public synchronized boolean join(ChatUser user, String channelName) throws ChatException {
        Set<Channel> channels = requireRegistered(user);
        if (!config.names().isValidChannel(channelName)) {
            throw new ChatException(ChatError.NO_SUCH_CHANNEL, channelName);
        }
        Channel existing = channelsByFoldedName.get(fold(channelName));
        if (existing != null && existing.members.contains(user)) {
            return false;
        }
        if (channels.size() >= config.maxChannelsPerUser()) {
            throw new ChatException(ChatError.TOO_MANY_CHANNELS, channelName);
        }
        Channel channel = existing != null ? existing : channelOrCreate(channelName);
        channel.members.add(user);
        channels.add(channel);
        HubEvent event = new HubEvent.Joined(now(), user.ref(), channel.name);
        for (ChatUser member : channel.members) {
            member.session().deliver(event);
        }
        return true;
    }

    public synchronized void part(ChatUser user, String channelName, String reason) throws ChatException {
        Set<Channel> channels = requireRegistered(user);
        Channel channel = requireChannel(channelName);
        if (!channel.members.contains(user)) {
            throw new ChatException(ChatError.NOT_ON_CHANNEL, channel.name);
        }
        HubEvent event = new HubEvent.Parted(now(), user.ref(), channel.name, reason);
        for (ChatUser member : channel.members) {
            member.session().deliver(event);
        }
        channel.members.remove(user);
        channels.remove(channel);
        dropIfEmpty(channel);
    }

    /**
     * Removes {@code user} from the hub: every channel it was in, its nick and its private
     * histories. Users that shared a channel get one Quit event each. Safe to call twice.
     */
    public synchronized void quit(ChatUser user, String reason) {
        Set<Channel> channels = channelsByUser.remove(user);
        if (channels == null) {
            return;
        }
        HubEvent event = new HubEvent.Quit(now(), user.ref(), reason);
        Set<ChatUser> told = neighbours(channels);
        told.remove(user);
        for (Channel channel : channels) {
            channel.members.remove(user);
            dropIfEmpty(channel);
        }
        usersByFoldedNick.remove(fold(user.nick()), user);
        privateHistories.keySet().removeIf(key -> key.involves(user.id()));
        for (ChatUser u : told) {
            u.session().deliver(event);
        }
    }

    /** Sends to every member of the channel except the sender (RFC 2812 §3.3.1); the sender must be a member (+n). */
    public synchronized ChatMessage sendToChannel(ChatUser from, String channelName, MessageKind kind, String text,
            Map<String, String> tags) throws ChatException {
        requireRegistered(from);
        Channel channel = requireChannel(channelName);
        if (!channel.members.contains(from)) {
            throw new ChatException(ChatError.CANNOT_SEND_TO_CHANNEL, channel.name);
        }
        ChatMessage message = new ChatMessage(now(), from.ref(), channel.name, kind, text, tags);
        if (kind != MessageKind.TAGS_ONLY) {
            channel.history.add(message);
            historyStore.append(HistoryStore.channelKey(fold(channel.name)), message);
            from.spoke(message.time());
        }
        HubEvent event = new HubEvent.MessageReceived(message);
        for (ChatUser member : channel.members) {
            if (member != from) {
                member.session().deliver(event);
            }
        }
        return message;
    }

    public synchronized ChatMessage sendToUser(ChatUser from, String nick, MessageKind kind, String text,
            Map<String, String> tags) throws ChatException {
        requireRegistered(from);
        ChatUser to = usersByFoldedNick.get(fold(nick));
        if (to == null) {
            throw new ChatException(ChatError.NO_SUCH_NICK, nick);
        }
        ChatMessage message = new ChatMessage(now(), from.ref(), to.nick(), kind, text, tags);
        if (kind != MessageKind.TAGS_ONLY) {
            from.spoke(message.time());
            privateHistories.computeIfAbsent(new PairKey(from.id(), to.id()),
                    k -> new ConversationHistory(config.historyPerConversation())).add(message);
            historyStore.append(HistoryStore.privateKey(fold(from.nick()), fold(to.nick())), message);
        }
        to.session().deliver(new HubEvent.MessageReceived(message));
        return message;
    }

    /** Sets (or with an empty text clears) the topic; every member is told. Topic length is cut to the limit. */
    public synchronized void setTopic(ChatUser user, String channelName, String topic) throws ChatException {
        requireRegistered(user);
        Channel channel = requireChannel(channelName);
        if (!channel.members.contains(user)) {
            throw new ChatException(ChatError.NOT_ON_CHANNEL, channel.name);
        }
        String text = topic.length() > config.names().topicLength() ? topic.substring(0, config.names().topicLength()) : topic;
        Instant now = now();
        channel.topic = text.isEmpty() ? null : new ChannelView.Topic(text, user.nick(), now);
        HubEvent event = new HubEvent.TopicChanged(now, user.ref(), channel.name, text);
        for (ChatUser member : channel.members) {
            member.session().deliver(event);
        }
    }

    public synchronized void setAccount(ChatUser user, String account) {
        Set<Channel> channels = channelsByUser.get(user);
        if (channels == null || Objects.equals(user.account(), account)) {
            return;
        }
        user.account(account);
        HubEvent event = new HubEvent.AccountChanged(now(), user.ref(), account);
        Set<ChatUser> told = neighbours(channels);
        told.add(user);
        for (ChatUser u : told) {
            u.session().deliver(event);
        }
    }

    /** Marks the user away with {@code message}, or back when it is null or empty. */
    public synchronized void setAway(ChatUser user, String message) {
        if (message == null || message.isEmpty()) {
            user.awayMessage(null);
        } else {
            int limit = config.names().awayLength();
            user.awayMessage(message.length() > limit ? message.substring(0, limit) : message);
        }
    }

    public synchronized Optional<ChatUser> findUser(String nick) {
        return Optional.ofNullable(usersByFoldedNick.get(fold(nick)));
    }

    /** Every registered user, in no particular order. */
    public synchronized List<ChatUser> users() {
        return new ArrayList<>(usersByFoldedNick.values());
    }

    public synchronized int userCount() {
        return usersByFoldedNick.size();
    }

    public synchronized Optional<ChannelView> channel(String name) {
        Channel channel = channelsByFoldedName.get(fold(name));
        return Optional.ofNullable(channel == null ? null : channel.view());
    }

    /** Every channel, oldest first. */
    public synchronized List<ChannelView> channels() {
        List<ChannelView> views = new ArrayList<>(channelsByFoldedName.size());
        for (Channel channel : channelsByFoldedName.values()) {
            views.add(channel.view());
        }
        return views;
    }

    /** Names of the channels {@code user} is in, in order of joining. */
    public synchronized List<String> channelsOf(ChatUser user) {
        Set<Channel> channels = channelsByUser.get(user);
        List<String> names = new ArrayList<>();
        if (channels != null) {
            for (Channel channel : channels) {
                names.add(channel.name);
            }
        }
        return names;
    }

    public synchronized boolean isMember(ChatUser user, String channelName) {
        Channel channel = channelsByFoldedName.get(fold(channelName));
        return channel != null && channel.members.contains(user);
    }

    /** The channel's last messages, oldest first; empty when the channel does not exist. */
    public synchronized List<ChatMessage> channelHistory(String channelName) {
        Channel channel = channelsByFoldedName.get(fold(channelName));
        return channel == null ? List.of() : channel.history.snapshot();
    }

    /** The last messages between two users in either direction, oldest first. */
    public synchronized List<ChatMessage> privateHistory(ChatUser a, ChatUser b) {
        ConversationHistory history = privateHistories.get(new PairKey(a.id(), b.id()));
        return history == null ? List.of() : history.snapshot();
    }

    /** How many private conversations are remembered (to check that quitting users leave nothing behind). */
    public synchronized int privateConversationCount() {
        return privateHistories.size();
    }

    private Instant now() {
        return config.clock().instant();
    }

    private void requireValidNick(String nick) throws ChatException {
        if (!config.names().isValidNick(nick)) {
            throw new ChatException(ChatError.ERRONEOUS_NICK, nick);
        }
    }

    private Set<Channel> requireRegistered(ChatUser user) throws ChatException {
        Set<Channel> channels = channelsByUser.get(user);
        if (channels == null) {
            throw new ChatException(ChatError.NOT_REGISTERED, user.nick());
        }
        return channels;
    }

    private Channel requireChannel(String name) throws ChatException {
        Channel channel = channelsByFoldedName.get(fold(name));
        if (channel == null) {
            throw new ChatException(ChatError.NO_SUCH_CHANNEL, name);
        }
        return channel;
    }

    private Channel channelOrCreate(String name) {
        return channelsByFoldedName.computeIfAbsent(fold(name),
                k -> new Channel(name, now(), new ConversationHistory(config.historyPerConversation())));
    }

    private void dropIfEmpty(Channel channel) {
        if (channel.members.isEmpty() && !channel.permanent) {
            channelsByFoldedName.remove(fold(channel.name));
        }
    }

    private static Set<ChatUser> neighbours(Set<Channel> channels) {
        Set<ChatUser> users = new LinkedHashSet<>();
        for (Channel channel : channels) {
            users.addAll(channel.members);
        }
        return users;
    }

    /** Mutable channel state, only touched under the hub's lock. */
    private static final class Channel {
        final String name;
        final Instant createdAt;
        final ConversationHistory history;
        final Set<ChatUser> members = new LinkedHashSet<>();
        ChannelView.Topic topic;
        boolean permanent;

        Channel(String name, Instant createdAt, ConversationHistory history) {
            this.name = name;
            this.createdAt = createdAt;
            this.history = history;
        }

        ChannelView view() {
            return new ChannelView(name, createdAt, topic, new ArrayList<>(members));
        }
    }

    /** An unordered pair of user ids: alice→bob and bob→alice are one conversation. */
    private record PairKey(long low, long high) {
        PairKey {
            if (low > high) {
                long t = low;
                low = high;
                high = t;
            }
        }

        boolean involves(long id) {
            return low == id || high == id;
        }
    }
}
