package org.messenger.files.client;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import org.messenger.files.catalogue.Sha256;
import org.messenger.files.protocol.RangeRequest;
import org.messenger.files.resume.ResumePlan;
import org.messenger.files.resume.ResumePlanner;
import org.messenger.files.resume.ResumeRecord;
import org.messenger.files.resume.SidecarRead;
import org.messenger.transport.ByteRanges;

/**
 * How a download starts from what an earlier attempt left on disk ({@code NAME.part} and its
 * resume record; docs/files.md, Resuming): which ranges to ask for, or that nothing is missing.
 * Runs on the file client's disk thread.
 */
final class ResumeStart {
    private ResumeStart() {
    }

    /** What the download does first. */
    sealed interface Next permits Get, Complete {
    }

    /** Ask the server for these ranges; empty for the whole file. */
    record Get(Optional<RangeRequest> ranges) implements Next {
    }

    /** Every byte the record promised is on disk: check it and move it into place. */
    record Complete(long sizeBytes, Sha256 sha256) implements Next {
    }

    /**
     * Reads the record and the part file, keeps what can be trusted (noting on the download what
     * the record promised, to check against the server's reply) and deletes what cannot, telling
     * the listener why.
     */
    static Next plan(ClientDownload d) throws IOException {
        Files.createDirectories(d.target.getParent());
        SidecarRead read = d.sidecar.read();
        long partLength = PartFiles.partLength(d);
        String partName = d.sidecar.partFile().getFileName().toString();
        if (read instanceof SidecarRead.Found found) {
            ResumeRecord record = found.record();
            ResumePlan plan = ResumePlanner.plan(read, partLength, record.fileSizeBytes(), record.sha256(), partName);
            plan.notice().ifPresent(d.listener::onNotice);
            if (!plan.startOver()) {
                synchronized (d) {
                    d.recordedSize = record.fileSizeBytes();
                    d.recordedSha256 = record.sha256();
                    d.have = plan.have();
                }
                return plan.toRequest().isEmpty()
                        ? new Complete(record.fileSizeBytes(), record.sha256())
                        : new Get(Optional.of(RangeRequest.of(plan.toRequest())));
            }
            PartFiles.discardPartial(d);
        } else {
            // The size and digest do not matter here: without a sound record nothing is kept.
            ResumePlan fresh = ResumePlanner.plan(read, partLength, 0, new Sha256("0".repeat(64)), partName);
            if (fresh.startOver()) {
                fresh.notice().ifPresent(d.listener::onNotice);
                PartFiles.discardPartial(d);
            }
        }
        return new Get(Optional.empty());
    }

    /** True when the server's file is not the one the record was written for (its size or SHA-256 changed). */
    static boolean recordContradicts(ClientDownload d, long sizeBytes, Sha256 sha256) {
        synchronized (d) {
            return d.recordedSha256 != null && (d.recordedSize != sizeBytes || !d.recordedSha256.equals(sha256));
        }
    }

    /** Forgets the record and the bytes kept under it, so the download can start from scratch. */
    static void forget(ClientDownload d) throws IOException {
        synchronized (d) {
            d.id = 0;
            d.recordedSha256 = null;
            d.recordedSize = -1;
            d.have = new ByteRanges();
        }
        PartFiles.discardPartial(d);
    }
}
