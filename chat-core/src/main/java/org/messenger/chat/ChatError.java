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
    NOT_REGISTERED
}
