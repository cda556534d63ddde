package org.messenger.files.client;

/** A download or listing that did not work, with a message for the user ("No file named 'x' ..."). */
public class FileClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FileClientException(String message) {
        super(message);
    }

    public FileClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
