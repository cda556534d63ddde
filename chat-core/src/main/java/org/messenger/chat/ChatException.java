package org.messenger.chat;

/** A refused hub operation: {@link #error()} says why, {@link #subject()} names the nick or channel concerned. */
public final class ChatException extends Exception {
    private final ChatError error;
    private final String subject;
    private final String channel;

    public ChatException(ChatError error, String subject) {
        this(error, subject, null);
    }

    /** A refusal about {@code subject} (a nick, a mode argument) in {@code channel}. */
    public ChatException(ChatError error, String subject, String channel) {
        super(error + ": " + subject + (channel == null ? "" : " in " + channel), null, false, false);
        this.error = error;
        this.subject = subject;
        this.channel = channel;
    }

    public ChatError error() {
        return error;
    }

    public String subject() {
        return subject;
    }

    /** The channel concerned when {@link #subject()} is a nick or a mode argument, else null. */
    public String channel() {
        return channel;
    }
}
