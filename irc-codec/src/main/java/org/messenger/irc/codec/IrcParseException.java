package org.messenger.irc.codec;

/** A line that is not a well-formed IRC message. The message is fit to show the peer. */
public final class IrcParseException extends RuntimeException {
    public IrcParseException(String reason) {
        super(reason, null, false, false);
    }
}
