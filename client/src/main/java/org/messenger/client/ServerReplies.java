package org.messenger.client;

import org.messenger.client.ChatClientException.Problem;
import org.messenger.irc.codec.IrcMessage;

/** Turns the server's error replies into exceptions whose message a person understands. */
final class ServerReplies {
    private ServerReplies() {}

    static ChatClientException toException(IrcMessage reply) {
        String subject = reply.params().size() > 2 ? reply.param(1) : null;
        String text = reply.lastParam() == null ? "" : reply.lastParam();
        return switch (reply.verb()) {
            case Numerics.ERR_NOSUCHNICK -> subject != null && subject.startsWith("#")
                    ? new ChatClientException(Problem.NO_SUCH_TARGET, "channel " + subject + " does not exist")
                    : new ChatClientException(Problem.NO_SUCH_TARGET, "nick " + subject + " is not online");
            case Numerics.ERR_NOSUCHCHANNEL ->
                    new ChatClientException(Problem.NO_SUCH_TARGET, "channel " + subject + " does not exist");
            case Numerics.ERR_CANNOTSENDTOCHAN ->
                    new ChatClientException(Problem.REFUSED, "cannot send to " + subject + ": " + text);
            case Numerics.ERR_NICKNAMEINUSE, Numerics.ERR_NICKCOLLISION -> new NickTakenException(subject);
            case Numerics.ERR_ERRONEUSNICKNAME ->
                    new ChatClientException(Problem.NICK_INVALID, "nick " + subject + " is not allowed: " + text);
            case Numerics.ERR_NONICKNAMEGIVEN -> new ChatClientException(Problem.NICK_INVALID, "a nick is required");
            case Numerics.ERR_NOTEXTTOSEND -> new ChatClientException(Problem.REFUSED, "there is no text to send");
            case "ERROR" -> new ChatClientException(Problem.REFUSED, "the server closed the connection: " + text);
            default -> new ChatClientException(Problem.REFUSED,
                    "the server refused: " + (text.isEmpty() ? "error" : text) + " (" + reply.command() + ")");
        };
    }
}
