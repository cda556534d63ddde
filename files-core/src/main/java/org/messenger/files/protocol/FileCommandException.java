package org.messenger.files.protocol;

/** A file command that cannot be carried out; {@link #reply()} is the error to send back. */
public final class FileCommandException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient FileReply reply;

    public FileCommandException(FileReply reply) {
        super(reply.toString());
        this.reply = reply;
    }

    public FileReply reply() {
        return reply;
    }
}
