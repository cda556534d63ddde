package org.messenger.files.download;

import java.util.Objects;
import java.util.Optional;

/**
 * One download as the server tracks it: an immutable value, each step returns the next value and
 * refuses steps the state diagram does not allow ({@link DownloadState}), with a message the user
 * can act on.
 *
 * @param id             the transfer id: unique on this server, used by PAUSE/RESUME/CANCEL
 * @param nick           who asked (as of the request; the completion message uses it)
 * @param fileName       the shared file's name
 * @param sizeBytes      the file's size
 * @param requestedBytes how many bytes the GET asked for (less than the size on a resume)
 * @param state          where it is
 * @param port           the UDP port it uses, 0 before one is leased
 * @param portReleased   true once a final download has let go of its port
 * @param sentBytes      how many of the requested bytes the receiver acknowledged
 * @param failure        why it failed, only in {@link DownloadState#FAILED}
 */
public record Download(long id, String nick, String fileName, long sizeBytes, long requestedBytes,
        DownloadState state, int port, boolean portReleased, long sentBytes, Optional<String> failure) {

    public Download {
        Objects.requireNonNull(nick, "nick");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(failure, "failure");
        if (sizeBytes < 0 || requestedBytes < 0 || requestedBytes > sizeBytes || sentBytes < 0 || sentBytes > requestedBytes) {
            throw new IllegalArgumentException("inconsistent byte counts: size " + sizeBytes + ", requested "
                    + requestedBytes + ", sent " + sentBytes);
        }
    }

    /** A new request for {@code requestedBytes} of a file. */
    public static Download requested(long id, String nick, String fileName, long sizeBytes, long requestedBytes) {
        return new Download(id, nick, fileName, sizeBytes, requestedBytes, DownloadState.REQUESTED, 0, false, 0, Optional.empty());
    }

    /**
     * A request with nothing to send (an empty file, or a resume that already has every byte): it
     * is complete at once and never holds a port.
     */
    public static Download nothingToSend(long id, String nick, String fileName, long sizeBytes) {
        return new Download(id, nick, fileName, sizeBytes, 0, DownloadState.COMPLETE, 0, true, 0, Optional.empty());
    }

    /** No port was free; the request waits in the pool's queue. */
    public Download waitForPort() {
        return to(DownloadState.WAITING_FOR_PORT, "wait for a port");
    }

    public Download portLeased(int leasedPort) {
        if (leasedPort < 1 || leasedPort > 65535) {
            throw new IllegalArgumentException("not a UDP port: " + leasedPort);
        }
        Download next = to(DownloadState.PORT_LEASED, "lease a port");
        return new Download(id, nick, fileName, sizeBytes, requestedBytes, next.state, leasedPort, false, sentBytes, failure);
    }

    /** The client was told port and token; the transport waits for its handshake. */
    public Download handshake() {
        return to(DownloadState.HANDSHAKE, "start the handshake");
    }

    /** The handshake succeeded; data flows. */
    public Download transferring() {
        return to(DownloadState.TRANSFERRING, "start sending");
    }

    public Download pause() {
        if (state == DownloadState.PAUSED) {
            throw refused("Download " + id + " is already paused; RESUME " + id + " continues it.");
        }
        if (!state.isFinal() && state != DownloadState.TRANSFERRING) {
            throw refused("Download " + id + " has not started sending yet (" + state.word() + "); it can be cancelled, or paused once it runs.");
        }
        return to(DownloadState.PAUSED, "pause");
    }

    public Download resume() {
        if (state == DownloadState.TRANSFERRING) {
            throw refused("Download " + id + " is not paused; it is already running.");
        }
        if (state != DownloadState.PAUSED && !state.isFinal()) {
            throw refused("Download " + id + " is not paused (" + state.word() + ").");
        }
        return to(DownloadState.TRANSFERRING, "resume");
    }

    /** The receiver acknowledged {@code acknowledgedBytes} of the requested bytes in all. */
    public Download progress(long acknowledgedBytes) {
        if (acknowledgedBytes < sentBytes || acknowledgedBytes > requestedBytes) {
            throw new IllegalArgumentException("download " + id + ": progress " + acknowledgedBytes
                    + " outside " + sentBytes + ".." + requestedBytes);
        }
        return new Download(id, nick, fileName, sizeBytes, requestedBytes, state, port, portReleased, acknowledgedBytes, failure);
    }

    public Download complete() {
        Download next = to(DownloadState.COMPLETE, "complete");
        return new Download(id, nick, fileName, sizeBytes, requestedBytes, next.state, port, false, requestedBytes, failure);
    }

    public Download cancel() {
        return to(DownloadState.CANCELLED, "cancel");
    }

    public Download fail(String reason) {
        Download next = to(DownloadState.FAILED, "fail");
        return new Download(id, nick, fileName, sizeBytes, requestedBytes, next.state, port, false, sentBytes, Optional.of(reason));
    }

    /** The download's hold on the port ended (the port itself returns when the client has no other). */
    public Download releasePort() {
        if (!state.isFinal()) {
            throw new DownloadTransitionException(id, state, "Download " + id + " is still " + state.word() + "; it keeps its port until it ends.");
        }
        if (portReleased) {
            throw new DownloadTransitionException(id, state, "Download " + id + " already released its port.");
        }
        return new Download(id, nick, fileName, sizeBytes, requestedBytes, state, port, true, sentBytes, failure);
    }

    /** True while the download counts against the client's port lease. */
    public boolean holdsPort() {
        return port != 0 && !portReleased;
    }

    private Download to(DownloadState target, String action) {
        if (!state.canMoveTo(target)) {
            throw refused(state.isFinal()
                    ? "Download " + id + " is " + state.word() + " already; there is nothing to " + action + "."
                    : "Download " + id + " cannot " + action + " while it is " + state.word() + ".");
        }
        return new Download(id, nick, fileName, sizeBytes, requestedBytes, target, port, portReleased, sentBytes, failure);
    }

    private DownloadTransitionException refused(String message) {
        return new DownloadTransitionException(id, state, message);
    }
}
