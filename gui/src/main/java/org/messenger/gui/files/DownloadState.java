package org.messenger.gui.files;

/** A download's state as the download manager shows it; the files module's finer states map onto these. */
public enum DownloadState {
    /** Asked for; waiting for the server (a free transfer port, the handshake). */
    WAITING("waiting"),
    TRANSFERRING("downloading"),
    PAUSED("paused"),
    COMPLETE("complete"),
    CANCELLED("cancelled"),
    FAILED("failed");

    private final String label;

    DownloadState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isFinal() {
        return this == COMPLETE || this == CANCELLED || this == FAILED;
    }
}
