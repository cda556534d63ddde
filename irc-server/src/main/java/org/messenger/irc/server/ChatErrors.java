package org.messenger.irc.server;

import org.messenger.chat.ChatError;
import org.messenger.irc.codec.Numeric;

/** How a refusal of the chat core reaches an IRC client: which numeric names it. */
final class ChatErrors {
    private ChatErrors() {}

    static Numeric numeric(ChatError error) {
        return switch (error) {
            case NICK_IN_USE -> Numeric.ERR_NICKNAMEINUSE;
            case ERRONEOUS_NICK -> Numeric.ERR_ERRONEUSNICKNAME;
            case NO_SUCH_NICK -> Numeric.ERR_NOSUCHNICK;
            case NO_SUCH_CHANNEL -> Numeric.ERR_NOSUCHCHANNEL;
            case NOT_ON_CHANNEL -> Numeric.ERR_NOTONCHANNEL;
            case CANNOT_SEND_TO_CHANNEL -> Numeric.ERR_CANNOTSENDTOCHAN;
            case TOO_MANY_CHANNELS -> Numeric.ERR_TOOMANYCHANNELS;
            case NOT_REGISTERED -> Numeric.ERR_NOTREGISTERED;
        };
    }
}
