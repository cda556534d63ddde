package org.messenger.files.catalogue;

/**
 * A requested name that the shared folder will not serve, with a message meant for the person
 * who asked ("No file named 'x' in the shared folder ..."). The {@link Reason} lets the IRC glue
 * pick the right reply numeric without parsing the text.
 */
public final class FileRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a name was refused. */
    public enum Reason {
        /** Empty, too long, control characters, backslashes, empty path segments. */
        BAD_NAME,
        /** {@code ..}, an absolute path, or a link whose target lies outside the shared folder. */
        OUTSIDE_FOLDER,
        /** A name (or a folder on its way) that starts with a dot. */
        HIDDEN,
        /** Nothing by that name. */
        NOT_FOUND,
        /** A folder, device, pipe or socket: only regular files are shared. */
        NOT_A_REGULAR_FILE,
        /** It exists but this server cannot read it. */
        UNREADABLE
    }

    private final Reason reason;
    private final String requestedName;

    public FileRefusedException(Reason reason, String requestedName, String message) {
        super(message);
        this.reason = reason;
        this.requestedName = requestedName;
    }

    public Reason reason() {
        return reason;
    }

    /** The name as asked for, possibly with control characters: escape before echoing it. */
    public String requestedName() {
        return requestedName;
    }
}
