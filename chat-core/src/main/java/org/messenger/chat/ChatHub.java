package org.messenger.chat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chat hub: who is connected under which nick, which channels exist and who is in them,
 * delivery of messages and membership changes to {@link Session}s, and a bounded history per
 * conversation. Protocol front ends (the IRC server) talk only to this interface.
 *
 * <p>{@link LocalChatHub} is the one implementation today: the whole state in this process. The
 * interface is the seam where a clustered hub would plug in, one that shares presence, channel
 * membership and delivery with other servers through a broker (docs/architecture.md, "The chat
 * hub's seam").
 */
public interface ChatHub {
    /** Name rules, casemapping, limits and history size this hub enforces. */
    ChatConfig config();

    /** {@code name} under the hub's casemapping: two names are the same when their folds are equal. */
    String fold(String name);

    /** Creates a channel that stays when empty (the lobby). Does nothing when it exists. */
    void createPermanentChannel(String name);

    /** True when {@code nick} is valid and nobody holds it. */
    boolean isNickAvailable(String nick);

    /** Claims {@code nick} for a new user whose events go to {@code session}; refused when the nick is invalid or taken. */
    ChatUser register(String nick, String username, String realname, String host, Session session) throws ChatException;

    /** Renames {@code user}; a change of case only is allowed. Everyone sharing a channel is told once. */
    void changeNick(ChatUser user, String newNick) throws ChatException;

    /**
     * Adds {@code user} to {@code channelName}, creating the channel if needed, and tells every
     * member (the joiner included; the others, with a {@link PresenceWindow}, at the end of the
     * window in a {@link HubEvent.PresenceBatch}). Returns false when the user was already a member.
     */
    default boolean join(ChatUser user, String channelName) throws ChatException {
        return join(user, channelName, null);
    }

    /**
     * {@link #join(ChatUser, String)} with a key for a channel that has one (+k). The creator of
     * a new channel becomes its operator, except in permanent channels. An existing channel
     * refuses with INVITE_ONLY, BAD_KEY, CHANNEL_IS_FULL or BANNED unless the user was invited.
     */
    boolean join(ChatUser user, String channelName, String key) throws ChatException;

    /** Removes {@code user} from {@code channelName}; every member, the leaver included, is told. */
    void part(ChatUser user, String channelName, String reason) throws ChatException;

    /**
     * Removes {@code user} from the hub: every channel it was in, its nick and its private
     * histories. Users that shared a channel get one Quit event each. Safe to call twice.
     */
    void quit(ChatUser user, String reason);

    /** Delivers to every member but the sender, keeps it in the channel's history and returns it as stored. */
    ChatMessage sendToChannel(ChatUser from, String channelName, MessageKind kind, String text, Map<String, String> tags) throws ChatException;

    /**
     * Delivers to the channel's members holding at least {@code status} (OPERATOR or VOICE), with
     * the sender's right to speak checked as for {@link #sendToChannel}; not kept in history.
     */
    ChatMessage sendToChannelStatus(ChatUser from, String channelName, ChannelMode status, MessageKind kind, String text,
            Map<String, String> tags) throws ChatException;

    /** Delivers to the user now holding {@code nick}, keeps it in the pair's history and returns it as stored. */
    ChatMessage sendToUser(ChatUser from, String nick, MessageKind kind, String text, Map<String, String> tags) throws ChatException;

    /** Sets (or with an empty text clears) the topic; every member is told. Topic length is cut to the limit. */
    void setTopic(ChatUser user, String channelName, String topic) throws ChatException;

    /**
     * Records that {@code user} logged in to {@code account} (null: logged out). Everyone sharing a
     * channel, and the user, is told; nothing happens when it is already so.
     */
    void setAccount(ChatUser user, String account);

    /** Changes the user's real name (already checked by the adapter); the user and everyone sharing a channel get RealnameChanged. */
    void setRealname(ChatUser user, String realname);

    /**
     * Changes the user name and host others see (already checked, and allowed, by the adapter);
     * the user and everyone sharing a channel get HostChanged. Nothing happens when they are the same.
     */
    void changeUserHost(ChatUser user, String username, String host);

    /** Marks the user away with {@code message}, or back when it is null or empty; users sharing a channel get AwayChanged. */
    void setAway(ChatUser user, String message);

    /**
     * Changes channel modes in order; only channel operators may (and server operators in a
     * permanent channel). Changes that cannot be made are refused one by one; the applied ones
     * reach every member as one ChannelModesChanged event.
     */
    ModeResult changeChannelModes(ChatUser by, String channelName, List<ModeChange> changes) throws ChatException;

    /** An operator of the channel removes {@code nick} from it; every member, the victim included, is told. */
    void kick(ChatUser by, String channelName, String nick, String reason) throws ChatException;

    /** A member invites {@code nick} to an existing channel (an operator, when it is invite-only); the invite lets it in once. */
    void invite(ChatUser by, String nick, String channelName) throws ChatException;

    /** Makes {@code user} a server operator (or no longer one). Who may become one is the protocol adapter's business. */
    void setServerOperator(ChatUser user, boolean operator);

    /** Hides {@code user} from listings of users who share no channel with it, or shows it again. */
    void setInvisible(ChatUser user, boolean invisible);

    /** Whether {@code user} gets server operators' broadcasts. */
    void setReceivesWallops(ChatUser user, boolean receives);

    /** A server operator disconnects {@code nick}; its session gets a Killed event. */
    void kill(ChatUser by, String nick, String reason) throws ChatException;

    /** A server operator's broadcast to users that receive them. */
    void wallops(ChatUser by, String text) throws ChatException;

    /** The channels {@code user} is in, in order of joining, with its status in each. */
    List<ChannelMembership> membershipsOf(ChatUser user);

    /** True when the two users are in at least one channel together. */
    boolean sharesChannel(ChatUser a, ChatUser b);

    /** The user holding {@code nick} under the casemapping, if any. */
    Optional<ChatUser> findUser(String nick);

    /** Every registered user, in no particular order. */
    List<ChatUser> users();

    int userCount();

    Optional<ChannelView> channel(String name);

    /** Every channel, oldest first. */
    List<ChannelView> channels();

    /** How many channels exist (LUSERS), without a snapshot of each: every registration asks. */
    int channelCount();

    /** Names of the channels {@code user} is in, in order of joining. */
    List<String> channelsOf(ChatUser user);

    boolean isMember(ChatUser user, String channelName);

    /** Where history is kept beyond this process: {@link HistoryStore#NONE} when nowhere. */
    HistoryStore historyStore();

    /** The channel's last messages, oldest first; empty when the channel does not exist. */
    List<ChatMessage> channelHistory(String channelName);

    /**
     * The last messages between two users in either direction, oldest first, while both are
     * connected; only without a history store ({@link HistoryStore#NONE}): with one, private
     * history is read from the store instead and none is kept in memory.
     */
    List<ChatMessage> privateHistory(ChatUser a, ChatUser b);

    /** How many private conversations are remembered (to check that quitting users leave nothing behind). */
    int privateConversationCount();
}
