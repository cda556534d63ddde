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
    /**
     * The private conversations each user id is in, so that a quit forgets its own without
     * scanning everyone's (10,000 quits over 50,000 conversations were 500 million key checks).
     */
    private final Map<Long, List<PairKey>> conversationsByUserId = new HashMap<>();
    /** Channels each user was invited to and has not joined yet (RFC 2812 §3.2.7), oldest first. */
    private final Map<ChatUser, LinkedHashSet<Channel>> invitesByUser = new HashMap<>();
    private long nextUserId = 1;
    /** Message ids are this hub's random prefix and a counter: unique across restarts without coordination. */
    private final String messageIdPrefix = Long.toString(new java.security.SecureRandom().nextLong() & Long.MAX_VALUE, 36);
    private long nextMessageNumber = 1;
    /** Bystanders' JOINs, PARTs and QUITs waiting to be told together; null: each told at once. */
    private final PresenceWindows windows;

    public LocalChatHub(ChatConfig config) {
        this(config, HistoryStore.NONE);
    }

    /**
     * A hub that also writes every message to {@code historyStore} (queued, never waiting for it),
     * and reads a permanent channel's history back from it when the channel is created.
     */
    public LocalChatHub(ChatConfig config, HistoryStore historyStore) {
        this(config, historyStore, null);
    }

    /**
     * As {@link #LocalChatHub(ChatConfig, HistoryStore)}; with a {@code presenceWindow}, members
     * are told of other users' JOINs and PARTs in one {@link HubEvent.PresenceBatch} per channel
     * per window, and null tells each at once.
     */
    public LocalChatHub(ChatConfig config, HistoryStore historyStore, PresenceWindow presenceWindow) {
        this.config = Objects.requireNonNull(config, "config");
        this.historyStore = Objects.requireNonNull(historyStore, "historyStore");
        this.windows = presenceWindow == null ? null : new PresenceWindows(presenceWindow, this::endPresenceWindow);
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
        HubEvent.NickChanged event = new HubEvent.NickChanged(now(), user.ref(), newNick);
        usersByFoldedNick.remove(oldFolded);
        usersByFoldedNick.put(newFolded, user);
        user.nick(newNick, oldFolded.equals(newFolded) ? user.nickSince() : event.time());
        channels.forEach(Channel::rosterChanged);
        tellNeighbours(channels, user, event, true);
    }

    /**
     * Adds {@code user} to {@code channelName}, creating the channel if needed, and tells every
     * member (the joiner included). The first member of a new channel becomes its operator,
     * except in permanent channels (the lobby), which are server-owned. Returns false when the
     * user was already a member.
     *
     * <p>An existing channel refuses a user who is not invited when it is invite-only (+i), the
     * key is wrong (+k), it is full (+l) or a ban mask matches; an invite lets the user past all
     * four, as InspIRCd does, and is used up by the join.
     */
    public synchronized boolean join(ChatUser user, String channelName, String key) throws ChatException {
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
        Set<Channel> invites = invitesByUser.get(user);
        boolean invited = existing != null && invites != null && invites.contains(existing);
        if (existing != null && !invited) {
            if (existing.inviteOnly) {
                throw new ChatException(ChatError.INVITE_ONLY, existing.name);
            }
            if (existing.key != null && !existing.key.equals(key)) {
                throw new ChatException(ChatError.BAD_KEY, existing.name);
            }
            if (existing.limit > 0 && existing.members.size() >= existing.limit) {
                throw new ChatException(ChatError.CHANNEL_IS_FULL, existing.name);
            }
            if (isBanned(existing, user)) {
                throw new ChatException(ChatError.BANNED, existing.name);
            }
            if (existing.registeredOnly && user.account() == null) {
                throw new ChatException(ChatError.NEEDS_ACCOUNT, existing.name);
            }
        }
        if (invited) {
            invites.remove(existing);
        }
        Channel channel = existing != null ? existing : channelOrCreate(channelName);
        if (existing == null && !channel.permanent) {
            // RFC 2812 §3.2.1 / modern.ircdocs.horse: the creator of a channel is its operator.
            channel.operators.add(user);
        }
        if (windows != null) {
            windows.beforeEventAbout(user, channel);
        }
        channel.add(user);
        channels.add(channel);
        HubEvent event = new HubEvent.Joined(now(), user.ref(), channel.name);
        if (windows == null) {
            for (ChatUser member : channel.members) {
                deliver(member, event);
            }
            return true;
        }
        // The joiner is told at once (its NAMES reply, next, lists everyone who joined before it,
        // this window too); the others with the window.
        user.session().deliver(event);
        windows.joined(channel, user, event);
        return true;
    }

    public synchronized void part(ChatUser user, String channelName, String reason) throws ChatException {
        Set<Channel> channels = requireRegistered(user);
        Channel channel = requireChannel(channelName);
        if (!channel.members.contains(user)) {
            throw new ChatException(ChatError.NOT_ON_CHANNEL, channel.name);
        }
        HubEvent event = new HubEvent.Parted(now(), user.ref(), channel.name, reason);
        if (windows == null) {
            for (ChatUser member : channel.members) {
                deliver(member, event);
            }
        } else {
            windows.beforeEventAbout(user, channel);
            windows.parting(channel, user, event);
            user.session().deliver(event);
        }
        leave(channel, user);
        channels.remove(channel);
        if (windows != null) {
            windows.endIfFull(channel);
        }
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
        Channel[] left = channels.toArray(new Channel[0]);
        for (Channel channel : left) {
            leave(channel, user);
        }
        invitesByUser.remove(user);
        usersByFoldedNick.remove(fold(user.nick()), user);
        forgetConversations(user);
        if (windows != null && left.length == 1) {
            // Everyone it shared a channel with is in that one channel: they learn of it with the
            // window, so a disconnect storm, too, visits each member once per window. A user in
            // several channels is told at once, each neighbour once (tellNeighbours).
            if (!left[0].members.isEmpty()) {
                windows.beforeEventAbout(user, left[0]);
                windows.quit(left[0], user, event);
            }
            return;
        }
        tellNeighbours(left, user, event, false);
    }

    private void tellNeighbours(Set<Channel> channels, ChatUser user, HubEvent event, boolean alsoUser) {
        tellNeighbours(channels.toArray(new Channel[0]), user, event, alsoUser);
    }

    /**
     * Tells everyone sharing one of {@code channels} with {@code user} once, in the first of those
     * channels they are in, then the user itself when {@code alsoUser}. No set of them is built: a
     * set per quit made a storm of 10,000 quits from a 10,000-member lobby insert 100 million
     * entries; a user is in few channels, so looking in the earlier ones is cheap.
     */
    private void tellNeighbours(Channel[] channels, ChatUser user, HubEvent event, boolean alsoUser) {
        for (int i = 0; i < channels.length; i++) {
            for (ChatUser member : channels[i].members) {
                if (member != user && !inAnyBefore(channels, i, member)) {
                    deliver(member, event);
                }
            }
        }
        if (alsoUser) {
            deliver(user, event);
        }
    }

    private static boolean inAnyBefore(Channel[] channels, int end, ChatUser user) {
        for (int j = 0; j < end; j++) {
            if (channels[j].members.contains(user)) {
                return true;
            }
        }
        return false;
    }

    private void rememberConversation(PairKey key) {
        conversationsByUserId.computeIfAbsent(key.low(), id -> new ArrayList<>(2)).add(key);
        if (key.high() != key.low()) {
            conversationsByUserId.computeIfAbsent(key.high(), id -> new ArrayList<>(2)).add(key);
        }
    }

    private void forgetConversations(ChatUser user) {
        List<PairKey> keys = conversationsByUserId.remove(user.id());
        if (keys == null) {
            return;
        }
        for (PairKey key : keys) {
            privateHistories.remove(key);
            long other = key.low() == user.id() ? key.high() : key.low();
            List<PairKey> theirs = conversationsByUserId.get(other);
            if (theirs != null && theirs.remove(key) && theirs.isEmpty()) {
                conversationsByUserId.remove(other);
            }
        }
    }

    /**
     * Sends to every member of the channel except the sender (RFC 2812 §3.3.1). Under +n the
     * sender must be a member; under +m it must be voiced or an operator; a banned member who is
     * neither may not speak (as in InspIRCd and Ergo).
     */
    public synchronized ChatMessage sendToChannel(ChatUser from, String channelName, MessageKind kind, String text,
            Map<String, String> tags) throws ChatException {
        requireRegistered(from);
        Channel channel = requireChannel(channelName);
        if (channel.noExternalMessages && !channel.members.contains(from)) {
            throw new ChatException(ChatError.CANNOT_SEND_TO_CHANNEL, channel.name);
        }
        if (!channel.voiced.contains(from) && !hasOperatorPowers(channel, from)) {
            if (channel.moderated) {
                throw new ChatException(ChatError.MODERATED, channel.name);
            }
            if (isBanned(channel, from)) {
                throw new ChatException(ChatError.BANNED_FROM_SPEAKING, channel.name);
            }
        }
        ChatMessage message = new ChatMessage(now(), from.ref(), channel.name, kind, text, tags, nextMessageId());
        if (kind != MessageKind.TAGS_ONLY) {
            channel.history.add(message);
            historyStore.append(HistoryStore.channelKey(fold(channel.name)), message);
            from.spoke(message.time());
        }
        HubEvent event = new HubEvent.MessageReceived(message);
        for (ChatUser member : channel.members) {
            if (member != from) {
                deliver(member, event);
            }
        }
        return message;
    }

    /**
     * Sends to the members of the channel holding at least {@code status} (OPERATOR: operators;
     * VOICE: operators and voiced), IRC's STATUSMSG ({@code PRIVMSG @#chan}). The sender needs
     * the same right to speak as for {@link #sendToChannel}. The message's target is the
     * channel name behind the status mark ("@#chan", "+#chan"); it is not kept in history,
     * since not every member could read it.
     */
    public synchronized ChatMessage sendToChannelStatus(ChatUser from, String channelName, ChannelMode status, MessageKind kind,
            String text, Map<String, String> tags) throws ChatException {
        if (status != ChannelMode.OPERATOR && status != ChannelMode.VOICE) {
            throw new IllegalArgumentException("a status message goes to OPERATOR or VOICE, not " + status);
        }
        requireRegistered(from);
        Channel channel = requireChannel(channelName);
        if (channel.noExternalMessages && !channel.members.contains(from)) {
            throw new ChatException(ChatError.CANNOT_SEND_TO_CHANNEL, channel.name);
        }
        if (!channel.voiced.contains(from) && !hasOperatorPowers(channel, from)) {
            if (channel.moderated) {
                throw new ChatException(ChatError.MODERATED, channel.name);
            }
            if (isBanned(channel, from)) {
                throw new ChatException(ChatError.BANNED_FROM_SPEAKING, channel.name);
            }
        }
        String target = (status == ChannelMode.OPERATOR ? "@" : "+") + channel.name;
        ChatMessage message = new ChatMessage(now(), from.ref(), target, kind, text, tags, nextMessageId());
        HubEvent event = new HubEvent.MessageReceived(message);
        for (ChatUser member : channel.members) {
            boolean reaches = channel.operators.contains(member) || (status == ChannelMode.VOICE && channel.voiced.contains(member));
            if (member != from && reaches) {
                deliver(member, event);
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
        ChatMessage message = new ChatMessage(now(), from.ref(), to.nick(), kind, text, tags, nextMessageId());
        if (kind != MessageKind.TAGS_ONLY) {
            from.spoke(message.time());
            if (historyStore == HistoryStore.NONE) {
                // With a store, private history is read from it on request (CHATHISTORY), never kept
                // here: 10,000 users in pairs would otherwise hold a ring per pair in memory.
                privateHistories.computeIfAbsent(new PairKey(from.id(), to.id()), k -> {
                    rememberConversation(k);
                    return new ConversationHistory(config.historyPerConversation());
                }).add(message);
            }
            historyStore.append(HistoryStore.privateKey(fold(from.nick()), fold(to.nick())), message);
        }
        deliver(to, new HubEvent.MessageReceived(message));
        return message;
    }

    /** Sets (or with an empty text clears) the topic; every member is told. Topic length is cut to the limit. */
    public synchronized void setTopic(ChatUser user, String channelName, String topic) throws ChatException {
        requireRegistered(user);
        Channel channel = requireChannel(channelName);
        if (!channel.members.contains(user)) {
            throw new ChatException(ChatError.NOT_ON_CHANNEL, channel.name);
        }
        if (channel.topicLocked && !hasOperatorPowers(channel, user)) {
            throw new ChatException(ChatError.CHANOP_PRIVILEGES_NEEDED, channel.name);
        }
        String text = topic.length() > config.names().topicLength() ? topic.substring(0, config.names().topicLength()) : topic;
        Instant now = now();
        channel.topic = text.isEmpty() ? null : new ChannelView.Topic(text, user.nick(), now);
        HubEvent event = new HubEvent.TopicChanged(now, user.ref(), channel.name, text);
        for (ChatUser member : channel.members) {
            deliver(member, event);
        }
    }

    public synchronized void setAccount(ChatUser user, String account) {
        Set<Channel> channels = channelsByUser.get(user);
        if (channels == null || Objects.equals(user.account(), account)) {
            return;
        }
        user.account(account);
        HubEvent event = new HubEvent.AccountChanged(now(), user.ref(), account);
        tellNeighbours(channels, user, event, true);
    }

    /**
     * Marks the user away with {@code message}, or back when it is null or empty. When that
     * changes anything, everyone sharing a channel with the user is told (IRCv3 away-notify).
     */
    public synchronized void setRealname(ChatUser user, String realname) {
        Set<Channel> channels = channelsByUser.get(user);
        if (channels == null || realname.equals(user.realname())) {
            return;
        }
        user.realname(realname);
        HubEvent event = new HubEvent.RealnameChanged(now(), user.ref(), realname);
        tellNeighbours(channels, user, event, true);
    }

    public synchronized void changeUserHost(ChatUser user, String username, String host) {
        Set<Channel> channels = channelsByUser.get(user);
        if (channels == null || (username.equals(user.username()) && host.equals(user.host()))) {
            return;
        }
        UserRef before = user.ref();
        user.userHost(username, host);
        channels.forEach(Channel::rosterChanged);
        UserRef after = user.ref();
        Instant time = now();
        Map<ChatUser, List<ChannelMembership>> sharedBy = new LinkedHashMap<>();
        List<ChannelMembership> all = new ArrayList<>();
        for (Channel channel : channels) {
            ChannelMembership membership = new ChannelMembership(channel.name, channel.operators.contains(user),
                    channel.voiced.contains(user), channel.secret);
            all.add(membership);
            for (ChatUser member : channel.members) {
                if (member != user) {
                    sharedBy.computeIfAbsent(member, k -> new ArrayList<>()).add(membership);
                }
            }
        }
        String away = user.awayMessage();
        deliver(user, new HubEvent.HostChanged(time, before, after, all, away));
        sharedBy.forEach((member, shared) -> deliver(member, new HubEvent.HostChanged(time, before, after, shared, away)));
    }

    public synchronized void setAway(ChatUser user, String message) {
        String next;
        if (message == null || message.isEmpty()) {
            next = null;
        } else {
            int limit = config.names().awayLength();
            next = message.length() > limit ? message.substring(0, limit) : message;
        }
        if (Objects.equals(next, user.awayMessage())) {
            return;
        }
        user.awayMessage(next);
        Set<Channel> channels = channelsByUser.get(user);
        if (channels == null) {
            return;
        }
        HubEvent event = new HubEvent.AwayChanged(now(), user.ref(), next);
        tellNeighbours(channels, user, event, false);
    }

    /**
     * Applies channel mode changes in order (RFC 2812 §3.2.3). Only the channel's operators may
     * change modes (in a permanent channel, server operators too); a change that cannot be made
     * is refused on its own and the others still apply. What changed is told to every member
     * in one event.
     */
    public synchronized ModeResult changeChannelModes(ChatUser by, String channelName, List<ModeChange> changes)
            throws ChatException {
        requireRegistered(by);
        Channel channel = requireChannel(channelName);
        if (!hasOperatorPowers(channel, by)) {
            throw new ChatException(ChatError.CHANOP_PRIVILEGES_NEEDED, channel.name);
        }
        List<ModeChange> applied = new ArrayList<>();
        List<ModeResult.Refusal> refused = new ArrayList<>();
        for (ModeChange change : changes) {
            try {
                ModeChange done = apply(channel, by, change);
                if (done != null) {
                    applied.add(done);
                }
            } catch (ChatException e) {
                refused.add(new ModeResult.Refusal(change, e));
            }
        }
        if (!applied.isEmpty()) {
            HubEvent event = new HubEvent.ChannelModesChanged(now(), by.ref(), channel.name, applied);
            for (ChatUser member : channel.members) {
                deliver(member, event);
            }
        }
        return new ModeResult(applied, refused);
    }

    /** One change; returns it as applied, or null when it changes nothing (already so). */
    private ModeChange apply(Channel channel, ChatUser by, ModeChange change) throws ChatException {
        boolean adding = change.adding();
        String argument = change.argument();
        if (change.mode().takesArgument(adding) && (argument == null || argument.isEmpty())) {
            throw new ChatException(ChatError.INVALID_MODE_PARAMETER, "", channel.name);
        }
        switch (change.mode()) {
            case BAN -> {
                return adding ? addBan(channel, by, argument) : removeBan(channel, argument);
            }
            case OPERATOR, VOICE -> {
                ChatUser target = usersByFoldedNick.get(fold(argument));
                if (target == null) {
                    throw new ChatException(ChatError.NO_SUCH_NICK, argument);
                }
                if (!channel.members.contains(target)) {
                    throw new ChatException(ChatError.USER_NOT_IN_CHANNEL, target.nick(), channel.name);
                }
                Set<ChatUser> holders = change.mode() == ChannelMode.OPERATOR ? channel.operators : channel.voiced;
                boolean changed = adding ? holders.add(target) : holders.remove(target);
                if (changed) {
                    channel.rosterChanged();
                }
                return changed ? new ModeChange(adding, change.mode(), target.nick()) : null;
            }
            case KEY -> {
                if (!adding) {
                    String old = channel.key;
                    channel.key = null;
                    return old == null ? null : ModeChange.unset(ChannelMode.KEY, old);
                }
                keepsChannelOpen(channel);
                if (!config.names().isValidKey(argument)) {
                    throw new ChatException(ChatError.INVALID_MODE_PARAMETER, argument, channel.name);
                }
                if (channel.key != null) {
                    throw new ChatException(ChatError.KEY_ALREADY_SET, argument, channel.name);
                }
                channel.key = argument;
                return ModeChange.set(ChannelMode.KEY, argument);
            }
            case LIMIT -> {
                if (!adding) {
                    boolean had = channel.limit > 0;
                    channel.limit = 0;
                    return had ? ModeChange.unset(ChannelMode.LIMIT, null) : null;
                }
                keepsChannelOpen(channel);
                int limit = parseLimit(argument);
                if (limit < 1) {
                    throw new ChatException(ChatError.INVALID_MODE_PARAMETER, argument, channel.name);
                }
                if (limit == channel.limit) {
                    return null;
                }
                channel.limit = limit;
                return ModeChange.set(ChannelMode.LIMIT, Integer.toString(limit));
            }
            case INVITE_ONLY -> {
                if (adding) {
                    keepsChannelOpen(channel);
                }
                boolean was = channel.inviteOnly;
                channel.inviteOnly = adding;
                return flag(was, adding, change.mode());
            }
            case MODERATED -> {
                boolean was = channel.moderated;
                channel.moderated = adding;
                return flag(was, adding, change.mode());
            }
            case NO_EXTERNAL_MESSAGES -> {
                boolean was = channel.noExternalMessages;
                channel.noExternalMessages = adding;
                return flag(was, adding, change.mode());
            }
            case SECRET -> {
                boolean was = channel.secret;
                channel.secret = adding;
                return flag(was, adding, change.mode());
            }
            case REGISTERED_ONLY -> {
                if (adding) {
                    keepsChannelOpen(channel);
                }
                boolean was = channel.registeredOnly;
                channel.registeredOnly = adding;
                return flag(was, adding, change.mode());
            }
            case TOPIC_LOCK -> {
                boolean was = channel.topicLocked;
                channel.topicLocked = adding;
                return flag(was, adding, change.mode());
            }
        }
        throw new IllegalStateException("unhandled channel mode " + change.mode());
    }

    private static ModeChange flag(boolean was, boolean now, ChannelMode mode) {
        return was == now ? null : new ModeChange(now, mode, null);
    }

    /** The lobby reaches everyone: it cannot be made invite-only, keyed or limited. */
    private static void keepsChannelOpen(Channel channel) throws ChatException {
        if (channel.permanent) {
            throw new ChatException(ChatError.PERMANENT_CHANNEL, channel.name, channel.name);
        }
    }

    /** A member limit: decimal digits only, 1 to {@link ChatConfig#MAX_CHANNEL_LIMIT}; anything else is -1. */
    private static int parseLimit(String text) {
        int value = Decimal.parse(text, 7);
        return value >= 1 && value <= ChatConfig.MAX_CHANNEL_LIMIT ? value : -1;
    }

    private ModeChange addBan(Channel channel, ChatUser by, String rawMask) throws ChatException {
        String mask = BanMask.normalize(rawMask);
        if (mask == null) {
            throw new ChatException(ChatError.INVALID_MODE_PARAMETER, rawMask, channel.name);
        }
        String folded = fold(mask);
        for (Channel.BanEntry ban : channel.bans) {
            if (ban.folded().equals(folded)) {
                return null;
            }
        }
        if (channel.bans.size() >= ChatConfig.MAX_BANS_PER_CHANNEL) {
            throw new ChatException(ChatError.BAN_LIST_FULL, mask, channel.name);
        }
        channel.bans.add(new Channel.BanEntry(new ChannelView.Ban(mask, by.nick(), now()), folded));
        return ModeChange.set(ChannelMode.BAN, mask);
    }

    private ModeChange removeBan(Channel channel, String rawMask) {
        String normalized = BanMask.normalize(rawMask);
        String folded = fold(normalized == null ? rawMask : normalized);
        for (int i = 0; i < channel.bans.size(); i++) {
            if (channel.bans.get(i).folded().equals(folded)) {
                return ModeChange.unset(ChannelMode.BAN, channel.bans.remove(i).ban().mask());
            }
        }
        return null;
    }

    /**
     * Removes {@code nick} from the channel on behalf of one of its operators (RFC 2812 §3.2.8);
     * every member, the victim included, is told. The reason is cut to {@link NameRules#KICK_LENGTH}.
     */
    public synchronized void kick(ChatUser by, String channelName, String nick, String reason) throws ChatException {
        requireRegistered(by);
        Channel channel = requireChannel(channelName);
        boolean moderator = hasOperatorPowers(channel, by);
        if (!channel.members.contains(by) && !moderator) {
            throw new ChatException(ChatError.NOT_ON_CHANNEL, channel.name);
        }
        if (!moderator) {
            throw new ChatException(ChatError.CHANOP_PRIVILEGES_NEEDED, channel.name);
        }
        ChatUser victim = usersByFoldedNick.get(fold(nick));
        if (victim == null) {
            throw new ChatException(ChatError.NO_SUCH_NICK, nick);
        }
        if (!channel.members.contains(victim)) {
            throw new ChatException(ChatError.USER_NOT_IN_CHANNEL, victim.nick(), channel.name);
        }
        String text = reason == null ? "" : reason.length() > NameRules.KICK_LENGTH ? reason.substring(0, NameRules.KICK_LENGTH) : reason;
        HubEvent event = new HubEvent.Kicked(now(), by.ref(), channel.name, victim.nick(), text);
        for (ChatUser member : channel.members) {
            deliver(member, event);
        }
        leave(channel, victim);
        channelsByUser.get(victim).remove(channel);
    }

    /**
     * Invites {@code nick} to an existing channel (RFC 2812 §3.2.7): the inviter must be a member,
     * and an operator when the channel is invite-only. The invite lets the user join past +i, +k,
     * +l and bans once. The invitee is told, and so are the channel's operators (invite-notify).
     */
    public synchronized void invite(ChatUser by, String nick, String channelName) throws ChatException {
        requireRegistered(by);
        ChatUser invitee = usersByFoldedNick.get(fold(nick));
        if (invitee == null) {
            throw new ChatException(ChatError.NO_SUCH_NICK, nick);
        }
        Channel channel = requireChannel(channelName);
        if (!channel.members.contains(by)) {
            throw new ChatException(ChatError.NOT_ON_CHANNEL, channel.name);
        }
        if (channel.inviteOnly && !hasOperatorPowers(channel, by)) {
            throw new ChatException(ChatError.CHANOP_PRIVILEGES_NEEDED, channel.name);
        }
        if (channel.members.contains(invitee)) {
            throw new ChatException(ChatError.USER_ON_CHANNEL, invitee.nick(), channel.name);
        }
        LinkedHashSet<Channel> invites = invitesByUser.computeIfAbsent(invitee, u -> new LinkedHashSet<>());
        invites.remove(channel);
        invites.add(channel);
        if (invites.size() > ChatConfig.MAX_INVITES_PER_USER) {
            invites.remove(invites.iterator().next());
        }
        HubEvent event = new HubEvent.Invited(now(), by.ref(), channel.name, invitee.nick());
        deliver(invitee, event);
        for (ChatUser operator : channel.operators) {
            if (operator != by) {
                deliver(operator, event);
            }
        }
    }

    /** Makes {@code user} a server operator, or no longer one. */
    public synchronized void setServerOperator(ChatUser user, boolean operator) {
        user.serverOperator(operator);
    }

    /** User mode +i: hidden from WHO and NAMES of users who share no channel with it. */
    public synchronized void setInvisible(ChatUser user, boolean invisible) {
        user.invisible(invisible);
    }

    /** User mode +w: gets server operators' broadcasts. */
    public synchronized void setReceivesWallops(ChatUser user, boolean receives) {
        user.receivesWallops(receives);
    }

    /** A server operator disconnects {@code nick} (RFC 2812 §3.7.1): its session is told and closes the connection. */
    public synchronized void kill(ChatUser by, String nick, String reason) throws ChatException {
        requireRegistered(by);
        if (!by.isServerOperator()) {
            throw new ChatException(ChatError.NO_PRIVILEGES, by.nick());
        }
        ChatUser victim = usersByFoldedNick.get(fold(nick));
        if (victim == null) {
            throw new ChatException(ChatError.NO_SUCH_NICK, nick);
        }
        deliver(victim, new HubEvent.Killed(now(), by.ref(), reason == null ? "" : reason));
    }

    /** A server operator's broadcast (RFC 2812 §4.7) to every user that receives wallops, the sender included. */
    public synchronized void wallops(ChatUser by, String text) throws ChatException {
        requireRegistered(by);
        if (!by.isServerOperator()) {
            throw new ChatException(ChatError.NO_PRIVILEGES, by.nick());
        }
        HubEvent event = new HubEvent.Wallops(now(), by.ref(), text);
        for (ChatUser user : usersByFoldedNick.values()) {
            if (user.receivesWallops()) {
                deliver(user, event);
            }
        }
    }

    /** The channels {@code user} is in, in order of joining, with its status in each. */
    public synchronized List<ChannelMembership> membershipsOf(ChatUser user) {
        Set<Channel> channels = channelsByUser.get(user);
        List<ChannelMembership> result = new ArrayList<>();
        if (channels != null) {
            for (Channel channel : channels) {
                result.add(new ChannelMembership(channel.name, channel.operators.contains(user), channel.voiced.contains(user),
                        channel.secret));
            }
        }
        return result;
    }

    /** True when {@code a} and {@code b} are in at least one channel together. */
    public synchronized boolean sharesChannel(ChatUser a, ChatUser b) {
        Set<Channel> channels = channelsByUser.get(a);
        if (channels == null) {
            return false;
        }
        for (Channel channel : channels) {
            if (channel.members.contains(b)) {
                return true;
            }
        }
        return false;
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

    public synchronized int channelCount() {
        return channelsByFoldedName.size();
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

    private String nextMessageId() {
        return messageIdPrefix + "-" + Long.toString(nextMessageNumber++, 36);
    }

    private Instant now() {
        return config.clock().instant();
    }

    /**
     * Every delivery but a window's JOINs, PARTs and QUITs goes through here: what the windows
     * hold is told first, so that no one hears from a user (a message, a QUIT, a KICK) before
     * hearing it join.
     */
    private void deliver(ChatUser to, HubEvent event) {
        if (windows != null && !windows.isEmpty()) {
            windows.tellAll();
        }
        to.session().deliver(event);
    }

    private synchronized void endPresenceWindow() {
        windows.ended();
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

    /** In a permanent channel server operators have the powers of channel operators: the lobby is theirs. */
    private static boolean hasOperatorPowers(Channel channel, ChatUser user) {
        return channel.operators.contains(user) || (channel.permanent && user.isServerOperator());
    }

    private boolean isBanned(Channel channel, ChatUser user) {
        if (channel.bans.isEmpty()) {
            return false;
        }
        String full = fold(user.nick() + "!" + user.username() + "@" + user.host());
        for (Channel.BanEntry ban : channel.bans) {
            if (Wildcard.matches(ban.folded(), full)) {
                return true;
            }
        }
        return false;
    }

    /** Takes {@code user} out of the channel with its statuses; the channel goes when empty. */
    private void leave(Channel channel, ChatUser user) {
        channel.remove(user);
        channel.operators.remove(user);
        channel.voiced.remove(user);
        dropIfEmpty(channel);
    }

    private void dropIfEmpty(Channel channel) {
        if (channel.members.isEmpty() && !channel.permanent) {
            channelsByFoldedName.remove(fold(channel.name));
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
    }
}
