package org.messenger.files.client;

/**
 * A download refused because this client is already downloading the same file into the same
 * place: a second one would write the same {@code NAME.part}. {@link #running()} is that download,
 * so a caller can point at it (its id, pause, cancel).
 */
public final class AlreadyDownloadingException extends FileClientException {
    private static final long serialVersionUID = 1L;

    private final transient ClientDownload running;

    AlreadyDownloadingException(ClientDownload running) {
        super("Already downloading " + running.name() + " into " + running.target().toAbsolutePath().normalize()
                + (running.id() == 0 ? "" : " (download #" + running.id() + ")")
                + ". Pause, resume or cancel that download, or wait until it finishes; a cancelled download"
                + " continues where it stopped when you get the file again.");
        this.running = running;
    }

    /** The download already under way. */
    public ClientDownload running() {
        return running;
    }
}
