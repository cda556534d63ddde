package org.messenger.files.download;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a download is in its life (docs/files.md draws the diagram):
 *
 * <pre>
 * REQUESTED ─┬─────────────────────▶ PORT_LEASED ─▶ HANDSHAKE ─▶ TRANSFERRING ⇄ PAUSED
 *            └▶ WAITING_FOR_PORT ──▶ ┘                                │
 *                                                  COMPLETE / CANCELLED / FAILED ─▶ port released
 * </pre>
 *
 * Any state before an end can be cancelled or fail. The port is not a state of its own: a
 * finished download keeps its outcome and records that it let go of the port.
 */
public enum DownloadState {
    REQUESTED,
    WAITING_FOR_PORT,
    PORT_LEASED,
    HANDSHAKE,
    TRANSFERRING,
    PAUSED,
    COMPLETE,
    CANCELLED,
    FAILED;

    private Set<DownloadState> next;

    static {
        REQUESTED.next = EnumSet.of(WAITING_FOR_PORT, PORT_LEASED, CANCELLED, FAILED);
        WAITING_FOR_PORT.next = EnumSet.of(PORT_LEASED, CANCELLED, FAILED);
        PORT_LEASED.next = EnumSet.of(HANDSHAKE, CANCELLED, FAILED);
        HANDSHAKE.next = EnumSet.of(TRANSFERRING, CANCELLED, FAILED);
        TRANSFERRING.next = EnumSet.of(PAUSED, COMPLETE, CANCELLED, FAILED);
        PAUSED.next = EnumSet.of(TRANSFERRING, CANCELLED, FAILED);
        COMPLETE.next = EnumSet.noneOf(DownloadState.class);
        CANCELLED.next = EnumSet.noneOf(DownloadState.class);
        FAILED.next = EnumSet.noneOf(DownloadState.class);
    }

    public boolean canMoveTo(DownloadState target) {
        return next.contains(target);
    }

    /** Complete, cancelled or failed: nothing more will happen but releasing the port. */
    public boolean isFinal() {
        return next.isEmpty();
    }

    /** The lower-case word used on the wire (DOWNLOADS) and in messages: {@code waiting-for-port}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The inverse of {@link #word()}. */
    public static DownloadState fromWord(String word) {
        for (DownloadState state : values()) {
            if (state.word().equals(word)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown download state '" + word + "'");
    }
}
