package org.messenger.gui.service;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.messenger.client.ChatClientException;
import org.messenger.client.NickTakenException;

/** What went wrong with a request, in words for people; shared by the connect dialog and {@code /nick}. */
public final class Failures {
    private Failures() {
    }

    /** The failure inside the CompletionException / ExecutionException wrappers futures add. */
    public static Throwable unwrap(Throwable failure) {
        Throwable e = failure;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /**
     * Why the server would not let us use {@code nick}, or empty when {@code failure} is about
     * something else. The server's own text for ERR_ERRONEUSNICKNAME is written for IRC clients
     * (and names its limit "NICKLEN"), so people get the rule instead.
     */
    public static Optional<String> nickRefusal(Throwable failure, String nick) {
        Throwable e = unwrap(failure);
        if (e instanceof NickTakenException taken) {
            return Optional.of("The nickname " + (taken.nick() == null ? nick : taken.nick()) + " is already taken. Choose another one.");
        }
        if (e instanceof ChatClientException chat && chat.problem() == ChatClientException.Problem.NICK_INVALID) {
            return Optional.of("The server does not accept the nickname " + nick
                    + ". A nickname starts with a letter and holds only letters, digits and - _ [ ] { } \\ ` | ^.");
        }
        return Optional.empty();
    }
}
