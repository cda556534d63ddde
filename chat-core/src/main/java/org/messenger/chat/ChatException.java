package org.messenger.chat;

/** A refused hub operation: {@link #error()} says why, {@link #subject()} names the nick or channel concerned. */
public final class ChatException extends Exception {
    private final ChatError error;
    private final String subject;

    public ChatException(ChatError error, String subject) {
        super(error + ": " + subject, null, false, false);
        this.error = error;
        this.subject = subject;
    }

    public ChatError error() {
        return error;
    }

    public String subject() {
        return subject;
    }
}
