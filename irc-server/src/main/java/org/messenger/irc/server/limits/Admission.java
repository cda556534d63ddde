package org.messenger.irc.server.limits;

import java.time.Duration;

/**
 * What {@link ConnectionLimiter#admit} decided: let the connection in, or refuse it with a reason
 * the peer is told in its {@code ERROR :Closing Link} line.
 *
 * @param refusal null when admitted
 * @param retryAfterNanos for a throttle, how long until the address may try again
 */
public record Admission(Refusal refusal, long retryAfterNanos) {
    public static final Admission ADMITTED = new Admission(null, 0);

    public enum Refusal {
        SERVER_FULL,
        TOO_MANY_CONNECTIONS,
        CONNECTING_TOO_OFTEN,
        TOO_MANY_BAD_PASSWORDS
    }

    public boolean admitted() {
        return refusal == null;
    }

    /** The reason for the peer, in the words of ircd's Closing Link, saying what to do. */
    public String reason(ConnectionLimits limits) {
        long seconds = Math.max(1, Duration.ofNanos(retryAfterNanos).toSeconds() + (retryAfterNanos % 1_000_000_000L == 0 ? 0 : 1));
        return switch (refusal) {
            case null -> "admitted";
            case SERVER_FULL -> "server full";
            case TOO_MANY_CONNECTIONS -> "Too many connections from your address (at most " + limits.maxPerAddress()
                    + "): close one first";
            case CONNECTING_TOO_OFTEN -> "Connecting too often from your address: try again in " + seconds + " s";
            case TOO_MANY_BAD_PASSWORDS -> "Too many wrong passwords from your address: try again in " + seconds + " s";
        };
    }
}
