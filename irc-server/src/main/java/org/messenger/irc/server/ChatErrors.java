package org.messenger.irc.server;

import org.messenger.chat.ChatError;
import org.messenger.chat.ChatException;
import org.messenger.irc.codec.Numeric;

/** How a refusal of the chat core reaches an IRC client: which numeric names it, with which parameters. */
final class ChatErrors {
    private ChatErrors() {}

    static Numeric numeric(ChatError error) {
        return switch (error) {
            case NICK_IN_USE -> Numeric.ERR_NICKNAMEINUSE;
            case ERRONEOUS_NICK -> Numeric.ERR_ERRONEUSNICKNAME;
            case NO_SUCH_NICK -> Numeric.ERR_NOSUCHNICK;
            case NO_SUCH_CHANNEL -> Numeric.ERR_NOSUCHCHANNEL;
            case NOT_ON_CHANNEL -> Numeric.ERR_NOTONCHANNEL;
            case CANNOT_SEND_TO_CHANNEL, MODERATED, BANNED_FROM_SPEAKING -> Numeric.ERR_CANNOTSENDTOCHAN;
            case TOO_MANY_CHANNELS -> Numeric.ERR_TOOMANYCHANNELS;
            case NOT_REGISTERED -> Numeric.ERR_NOTREGISTERED;
            case CHANOP_PRIVILEGES_NEEDED -> Numeric.ERR_CHANOPRIVSNEEDED;
            case USER_NOT_IN_CHANNEL -> Numeric.ERR_USERNOTINCHANNEL;
            case USER_ON_CHANNEL -> Numeric.ERR_USERONCHANNEL;
            case KEY_ALREADY_SET -> Numeric.ERR_KEYSET;
            case CHANNEL_IS_FULL -> Numeric.ERR_CHANNELISFULL;
            case INVITE_ONLY -> Numeric.ERR_INVITEONLYCHAN;
            case BANNED -> Numeric.ERR_BANNEDFROMCHAN;
            case BAD_KEY -> Numeric.ERR_BADCHANNELKEY;
            case BAN_LIST_FULL -> Numeric.ERR_BANLISTFULL;
            case INVALID_MODE_PARAMETER, PERMANENT_CHANNEL -> Numeric.ERR_INVALIDMODEPARAM;
            case NEEDS_ACCOUNT -> Numeric.ERR_NEEDREGGEDNICK;
            case NO_PRIVILEGES -> Numeric.ERR_NOPRIVILEGES;
        };
    }

    /**
     * Sends the numeric for {@code e}. {@code subject} names what the command acted on when the
     * refusal does not (the target as the client wrote it).
     */
    static void reply(IrcConnection c, ChatException e, String subject) {
        Numeric numeric = numeric(e.error());
        switch (e.error()) {
            // "<client> <nick> <channel> :They aren't on that channel" (modern.ircdocs.horse), 443 alike.
            case USER_NOT_IN_CHANNEL, USER_ON_CHANNEL -> c.reply(numeric, e.subject(), e.channel());
            case KEY_ALREADY_SET, BAN_LIST_FULL -> c.reply(numeric, e.channel() == null ? subject : e.channel());
            case MODERATED -> c.sendNumeric(numeric.code(), e.subject(), "Cannot send to channel (+m): you need voice (+v)");
            case BANNED_FROM_SPEAKING -> c.sendNumeric(numeric.code(), e.subject(), "Cannot send to channel: you are banned (+b)");
            case NO_PRIVILEGES -> c.reply(numeric);
            default -> c.reply(numeric, e.subject() == null || e.subject().isEmpty() ? subject : e.subject());
        }
    }
}
