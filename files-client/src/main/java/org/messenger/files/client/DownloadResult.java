package org.messenger.files.client;

import java.nio.file.Path;
import java.util.Optional;
import org.messenger.files.catalogue.Sha256;

/**
 * A finished, verified download.
 *
 * @param file            where it is now (renamed from {@code NAME.part})
 * @param sizeBytes       its size
 * @param sha256          its SHA-256, equal to the server's
 * @param transferredBytes bytes that crossed the network this time (less than the size after a resume)
 * @param completionLine  the server's "User ... downloaded 100% ..." line, when it arrived
 */
public record DownloadResult(Path file, long sizeBytes, Sha256 sha256, long transferredBytes, Optional<String> completionLine) {
}
