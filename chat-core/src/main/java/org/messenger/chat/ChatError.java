package org.messenger.chat;

/**
 * Why the hub refused an operation. Each protocol adapter maps these to its own replies (IRC:
 * the numerics in {@code org.messenger.irc.server.Numeric}).
 */
public enum ChatError {
    /** The nick is held by someone else (IRC ERR_NICKNAMEINUSE). */
    NICK_IN_USE,
    /** The nick breaks {@link NameRules#isValidNick} (IRC ERR_ERRONEUSNICKNAME). */
    ERRONEOUS_NICK,
    /** No connected user has that nick (IRC ERR_NOSUCHNICK). */
    NO_SUCH_NICK,
    /** No channel of that name exists, or the name is not a valid channel name (IRC ERR_NOSUCHCHANNEL). */
    NO_SUCH_CHANNEL,
    /** The user is not a member of the channel it acts on (IRC ERR_NOTONCHANNEL). */
    NOT_ON_CHANNEL,
    /** Only members may talk in a channel (IRC ERR_CANNOTSENDTOCHAN, channel mode +n). */
    CANNOT_SEND_TO_CHANNEL,
    /** The user already belongs to the most channels allowed (IRC ERR_TOOMANYCHANNELS). */
    TOO_MANY_CHANNELS,
    /** The user left or was never registered with this hub. */
    NOT_REGISTERED,
    /** Only channel operators may do that (IRC ERR_CHANOPRIVSNEEDED). */
    CHANOP_PRIVILEGES_NEEDED,
    /** The nick acted on is not in the channel (IRC ERR_USERNOTINCHANNEL); {@link ChatException#channel()} names it. */
    USER_NOT_IN_CHANNEL,
    /** The invited user is already in the channel (IRC ERR_USERONCHANNEL); {@link ChatException#channel()} names it. */
    USER_ON_CHANNEL,
    /** The channel already has a key: unset it first (IRC ERR_KEYSET). */
    KEY_ALREADY_SET,
    /** The channel has reached its member limit, +l (IRC ERR_CHANNELISFULL). */
    CHANNEL_IS_FULL,
    /** The channel is invite-only, +i, and the user was not invited (IRC ERR_INVITEONLYCHAN). */
    INVITE_ONLY,
    /** The user matches a ban mask of the channel (IRC ERR_BANNEDFROMCHAN). */
    BANNED,
    /** The key given does not open the channel, +k (IRC ERR_BADCHANNELKEY). */
    BAD_KEY,
    /** The channel's ban list is full (IRC ERR_BANLISTFULL). */
    BAN_LIST_FULL,
    /** The channel is moderated, +m, and the user is neither voiced nor an operator (IRC ERR_CANNOTSENDTOCHAN). */
    MODERATED,
    /** A banned member who is not voiced may not speak (IRC ERR_CANNOTSENDTOCHAN). */
    BANNED_FROM_SPEAKING,
    /** A mode argument that cannot be used (a limit that is not a positive number, a key with a space); IRC ERR_INVALIDMODEPARAM. */
    INVALID_MODE_PARAMETER,
    /** A permanent channel (the lobby) stays open to everyone: it cannot be made invite-only, keyed or limited (IRC ERR_INVALIDMODEPARAM). */
    PERMANENT_CHANNEL,
    /** The channel takes only users logged in to an account, +R (IRC ERR_NEEDREGGEDNICK). */
    NEEDS_ACCOUNT,
    /** Only server operators may do that (IRC ERR_NOPRIVILEGES). */
    NO_PRIVILEGES
}
