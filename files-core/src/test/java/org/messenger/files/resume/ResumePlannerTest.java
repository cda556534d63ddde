package org.messenger.files.resume;

import org.messenger.transport.ByteRanges;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.files.catalogue.Sha256;

class ResumePlannerTest {
    private static final Sha256 SHA = ResumeSidecarTest.SHA;
    private static final Sha256 OTHER_SHA = new Sha256("00".repeat(32));
    private static final long SIZE = 1000;

    @Test
    void aFirstDownloadAsksForTheWholeFile() {
        ResumePlan plan = ResumePlanner.plan(new SidecarRead.Absent(), -1, SIZE, SHA, "f.part");
        assertThat(plan).isEqualTo(new ResumePlan(new ByteRanges(), ByteRanges.whole(SIZE), false, Optional.empty()));
    }

    @Test
    void aResumedDownloadAsksOnlyForWhatIsMissing() {
        SidecarRead read = found(ByteRanges.parse("0-400,600-700"));

        ResumePlan plan = ResumePlanner.plan(read, SIZE, SIZE, SHA, "f.part");

        assertThat(plan.toRequest().toString()).isEqualTo("400-600,700-1000");
        assertThat(plan.startOver()).isFalse();
        assertThat(plan.notice()).contains("Resuming: 50% already on disk, 500 bytes to go.");
    }

    @Test
    void startsOverWhenTheFileOnTheServerChanged() {
        ResumePlan plan = ResumePlanner.plan(found(ByteRanges.whole(500)), SIZE, SIZE, OTHER_SHA, "f.part");

        assertThat(plan.startOver()).isTrue();
        assertThat(plan.toRequest()).isEqualTo(ByteRanges.whole(SIZE));
        assertThat(plan.notice()).contains("The file on the server changed since the earlier attempt; downloading it again from the start.");
    }

    @Test
    void startsOverWithTheReasonWhenTheRecordIsDamaged() {
        ResumePlan plan = ResumePlanner.plan(new SidecarRead.Unusable("The resume record f.part.resume cannot be used: it is incomplete."),
                SIZE, SIZE, SHA, "f.part");

        assertThat(plan.startOver()).isTrue();
        assertThat(plan.notice()).contains("The resume record f.part.resume cannot be used: it is incomplete. Downloading from the start.");
    }

    @Test
    void startsOverWhenAPartFileHasNoRecord() {
        ResumePlan plan = ResumePlanner.plan(new SidecarRead.Absent(), 300, SIZE, SHA, "f.part");
        assertThat(plan.startOver()).isTrue();
        assertThat(plan.notice().orElseThrow()).contains("without a record of what it holds");
    }

    @Test
    void startsOverWhenThePartFileIsGone() {
        ResumePlan plan = ResumePlanner.plan(found(ByteRanges.whole(500)), -1, SIZE, SHA, "f.part");
        assertThat(plan.startOver()).isTrue();
        assertThat(plan.notice().orElseThrow()).contains("f.part is gone");
    }

    @Test
    void trustsOnlyRecordedBytesThatAreReallyInThePartFile() {
        ResumePlan plan = ResumePlanner.plan(found(ByteRanges.parse("0-800")), 300, SIZE, SHA, "f.part");
        assertThat(plan.have()).isEqualTo(ByteRanges.whole(300));
        assertThat(plan.toRequest()).isEqualTo(ByteRanges.of(300, SIZE));
    }

    @Test
    void asksForNothingWhenEverythingIsThere() {
        ResumePlan plan = ResumePlanner.plan(found(ByteRanges.whole(SIZE)), SIZE, SIZE, SHA, "f.part");
        assertThat(plan.toRequest().isEmpty()).isTrue();
        assertThat(plan.notice()).contains("All 1000 bytes are already on disk; checking them.");
    }

    @Test
    void plansFromTheFilesOnDisk(@TempDir Path out) throws Exception {
        ResumeSidecar sidecar = new ResumeSidecar(out.resolve("f"));
        Files.write(sidecar.partFile(), new byte[(int) SIZE]);
        sidecar.save(new ResumeRecord(SIZE, SHA, ByteRanges.whole(250)));

        ResumePlan plan = ResumePlanner.plan(sidecar, SIZE, SHA);

        assertThat(plan.toRequest()).isEqualTo(ByteRanges.of(250, SIZE));
    }

    private static SidecarRead found(ByteRanges have) {
        return new SidecarRead.Found(new ResumeRecord(SIZE, SHA, have));
    }
}
