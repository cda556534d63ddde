package org.messenger.irc.codec;

/**
 * What {@link IrcFrameDecoder} cuts out of the byte stream: a line of text, or the reason a line
 * could not become text. Bad lines are values rather than exceptions so that the connection
 * handler answers each with its numeric, in order with good lines, and carries on.
 */
public sealed interface IrcFrame {

    /** A complete line without its CR LF, decoded as UTF-8. May be empty. */
    record Line(String text) implements IrcFrame {}

    /** A line longer than the limits; its bytes were discarded. */
    record TooLong(long bytesDiscarded) implements IrcFrame {}

    /** A line that was not valid UTF-8; its bytes were discarded. */
    record NotUtf8() implements IrcFrame {}
}
