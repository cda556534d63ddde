package org.messenger.files.client;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.messenger.files.catalogue.Sha256;
import org.messenger.files.resume.ResumeSidecar;
import org.messenger.transport.ByteRanges;
import org.messenger.transport.ReceiveHandle;

/**
 * One download as the client runs it: the server's id once known, what was on disk before, the
 * transport's handle, and the result. Control it with {@link #pause}, {@link #resume} and
 * {@link #cancel}; wait on {@link #result}.
 */
public final class ClientDownload {
    private final FileClient owner;
    final String name;
    final Path target;
    final ResumeSidecar sidecar;
    final DownloadListener listener;
    final CompletableFuture<DownloadResult> result = new CompletableFuture<>();
    final CompletableFuture<String> completionLine = new CompletableFuture<>();
    /** The part file's digest so far; disk thread only. */
    final PrefixHasher hash = new PrefixHasher();

    // Guarded by this.
    long id;
    /** The size and digest a resume record promised (checked against the GET reply), else null. */
    Sha256 recordedSha256;
    long recordedSize = -1;
    Sha256 expectedSha256;
    long sizeBytes = -1;
    ByteRanges have = new ByteRanges();
    ByteRanges requested = new ByteRanges();
    FileChannel channel;
    ReceiveHandle handle;
    long lastSaveNanos;
    boolean cancelled;
    /** A hash-ahead step is waiting on the disk thread (one at a time is enough). */
    boolean hashQueued;

    ClientDownload(FileClient owner, String name, Path target, DownloadListener listener) {
        this.owner = owner;
        this.name = name;
        this.target = target;
        this.sidecar = new ResumeSidecar(target);
        this.listener = listener;
    }

    /** The shared file's name, as asked for. */
    public String name() {
        return name;
    }

    /** Where the file will be once verified. */
    public Path target() {
        return target;
    }

    /** The server's download id, or 0 before the server answered. */
    public synchronized long id() {
        return id;
    }

    /** Completes with the verified file, or fails with a {@link FileClientException} saying why. */
    public CompletableFuture<DownloadResult> result() {
        return result;
    }

    /**
     * Stops the flow at both ends (this receiver withholds credit at once, and PAUSE makes the
     * server's sender stop); everything is kept.
     */
    public void pause() {
        owner.pause(this);
    }

    public void resume() {
        owner.resume(this);
    }

    /** Gives up; {@code NAME.part} and its resume record stay, so a later download continues. */
    public void cancel() {
        owner.cancel(this);
    }
}
