package org.messenger.gui.files;

import java.nio.file.Path;
import org.messenger.files.download.DownloadState;

/**
 * One report about one download.
 *
 * @param savedTo        where the file is written (its folder is what "Open folder" shows)
 * @param bytesPerSecond the current rate, 0 when unknown or not moving
 * @param completionLine when complete: the server's line, e.g. "User alice downloaded 100% out of file a.txt. Last byte is: 10"
 * @param sha256Verified when complete: the received file's SHA-256 matched the server's
 * @param error          when failed: what went wrong, for people
 */
public record DownloadProgress(long id, String fileName, long sizeBytes, long receivedBytes, long bytesPerSecond,
                               DownloadState state, Path savedTo, String completionLine, boolean sha256Verified,
                               String error) {

    public static DownloadProgress of(long id, String fileName, long sizeBytes, long receivedBytes,
                                      long bytesPerSecond, DownloadState state, Path savedTo) {
        return new DownloadProgress(id, fileName, sizeBytes, receivedBytes, bytesPerSecond, state, savedTo, null, false, null);
    }
}
