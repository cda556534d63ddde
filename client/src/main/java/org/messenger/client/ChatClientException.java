package org.messenger.client;

/**
 * A chat operation failed. The message is meant for people ("nick bob is not online"); the
 * {@link Problem} lets code react to the kind of failure without parsing text.
 */
public class ChatClientException extends RuntimeException {
    public enum Problem {
        /** The TCP connection could not be opened. */
        UNREACHABLE,
        /** The server did not answer in time. */
        TIMEOUT,
        /** ERR_NICKNAMEINUSE / ERR_NICKCOLLISION: the nick belongs to someone else. */
        NICK_TAKEN,
        /** ERR_ERRONEUSNICKNAME / ERR_NONICKNAMEGIVEN: the server does not accept this nick. */
        NICK_INVALID,
        /** ERR_NOSUCHNICK / ERR_NOSUCHCHANNEL: the recipient is not there. */
        NO_SUCH_TARGET,
        /** The server refused a request with some other error numeric or an ERROR line. */
        REFUSED,
        /** The server's TLS certificate was not accepted (see {@code UntrustedServerException}). */
        UNTRUSTED_CERTIFICATE,
        /** The connection is closed (or was never opened). */
        NOT_CONNECTED,
    }

    private final Problem problem;

    public ChatClientException(Problem problem, String message) {
        this(problem, message, null);
    }

    public ChatClientException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
