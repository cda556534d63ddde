package org.messenger.client;

import org.messenger.client.ChatClientException.Problem;
import org.messenger.irc.codec.IrcMessage;
import org.messenger.irc.codec.Numeric;

/** Turns the server's error replies into exceptions whose message a person understands. */
final class ServerReplies {
    private ServerReplies() {}

    static ChatClientException toException(IrcMessage reply) {
        String subject = reply.params().size() > 2 ? reply.param(1) : null;
        String text = reply.lastParam() == null ? "" : reply.lastParam();
        if ("ERROR".equals(reply.verb())) {
            return new ChatClientException(Problem.REFUSED, "the server closed the connection: " + text);
        }
        if ("FAIL".equals(reply.verb()) && !text.isEmpty()) {
            // IRCv3 standard replies (https://ircv3.net/specs/extensions/standard-replies): the description is for people.
            return new ChatClientException(Problem.REFUSED, text);
        }
        // No `case null`: see IrcSession.trackNumeric.
        Numeric numeric = reply.numeric();
        if (numeric == null) {
            return refused(reply, text);
        }
        return switch (numeric) {
            case ERR_NOSUCHNICK -> subject != null && subject.startsWith("#")
                    ? new ChatClientException(Problem.NO_SUCH_TARGET, "channel " + subject + " does not exist")
                    : new ChatClientException(Problem.NO_SUCH_TARGET, "nick " + subject + " is not online");
            case ERR_NOSUCHCHANNEL ->
                    new ChatClientException(Problem.NO_SUCH_TARGET, "channel " + subject + " does not exist");
            case ERR_CANNOTSENDTOCHAN ->
                    new ChatClientException(Problem.REFUSED, "cannot send to " + subject + ": " + text);
            case ERR_NICKNAMEINUSE, ERR_NICKCOLLISION -> new NickTakenException(subject);
            case ERR_ERRONEUSNICKNAME ->
                    new ChatClientException(Problem.NICK_INVALID, "nick " + subject + " is not allowed: " + text);
            case ERR_NONICKNAMEGIVEN -> new ChatClientException(Problem.NICK_INVALID, "a nick is required");
            case ERR_NOTEXTTOSEND -> new ChatClientException(Problem.REFUSED, "there is no text to send");
            default -> refused(reply, text);
        };
    }

    private static ChatClientException refused(IrcMessage reply, String text) {
        return new ChatClientException(Problem.REFUSED,
                "the server refused: " + (text.isEmpty() ? "error" : text) + " (" + reply.command() + ")");
    }
}
