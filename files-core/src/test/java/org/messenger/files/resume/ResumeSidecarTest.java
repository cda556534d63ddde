package org.messenger.files.resume;

import org.messenger.transport.ByteRanges;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.files.catalogue.Sha256;

class ResumeSidecarTest {
    static final Sha256 SHA = new Sha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    static final ResumeRecord RECORD = new ResumeRecord(10_485_760, SHA, ByteRanges.parse("0-4194304,5242880-6291456"));

    @TempDir
    Path out;

    @Test
    void livesBesideThePartFile() {
        ResumeSidecar sidecar = new ResumeSidecar(out.resolve("movie.mkv"));
        assertThat(sidecar.partFile()).isEqualTo(out.resolve("movie.mkv.part"));
        assertThat(sidecar.path()).isEqualTo(out.resolve("movie.mkv.part.resume"));
    }

    @Test
    void readsBackWhatItSaved() throws Exception {
        ResumeSidecar sidecar = new ResumeSidecar(out.resolve("movie.mkv"));

        sidecar.save(RECORD);

        assertThat(sidecar.read()).isEqualTo(new SidecarRead.Found(RECORD));
        assertThat(Files.readString(sidecar.path())).startsWith("messenger-resume 1\nsize 10485760\n");
    }

    @Test
    void aNewSaveReplacesTheOldAndLeavesNoTemporaryFile() throws Exception {
        ResumeSidecar sidecar = new ResumeSidecar(out.resolve("movie.mkv"));
        sidecar.save(RECORD);
        ResumeRecord more = new ResumeRecord(RECORD.fileSizeBytes(), SHA, ByteRanges.whole(8_000_000));

        sidecar.save(more);

        assertThat(sidecar.read()).isEqualTo(new SidecarRead.Found(more));
        try (var files = Files.list(out)) {
            assertThat(files).containsExactly(sidecar.path());
        }
    }

    @Test
    void isAbsentBeforeTheFirstSave() throws Exception {
        assertThat(new ResumeSidecar(out.resolve("x")).read()).isEqualTo(new SidecarRead.Absent());
    }

    @Test
    void aDamagedRecordIsUnusableWithAReason() throws Exception {
        ResumeSidecar sidecar = new ResumeSidecar(out.resolve("movie.mkv"));
        sidecar.save(RECORD);
        String text = Files.readString(sidecar.path()).replace("have 0-4194304", "have 0-9194304");
        Files.writeString(sidecar.path(), text);

        assertThat(sidecar.read()).isEqualTo(new SidecarRead.Unusable(
                "The resume record movie.mkv.part.resume cannot be used: its checksum does not match (damaged or edited)."));
    }

    @Test
    void aTruncatedRecordIsUnusable() throws Exception {
        ResumeSidecar sidecar = new ResumeSidecar(out.resolve("movie.mkv"));
        sidecar.save(RECORD);
        byte[] bytes = Files.readAllBytes(sidecar.path());
        Files.write(sidecar.path(), java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertThat(sidecar.read()).isInstanceOfSatisfying(SidecarRead.Unusable.class,
                u -> assertThat(u.reason()).contains("incomplete"));
    }

    @Test
    void aRecordFromAnotherVersionIsUnusable() {
        String body = "messenger-resume 2\nsize 1\nsha256 " + SHA.hex() + "\nhave 0-1\n";
        SidecarRead read = ResumeSidecar.decode(withCrc(body), "x.part.resume");
        assertThat(read).isInstanceOfSatisfying(SidecarRead.Unusable.class,
                u -> assertThat(u.reason()).contains("another version of Messenger"));
    }

    @Test
    void aRecordClaimingBytesPastTheEndIsUnusable() {
        String body = "messenger-resume 1\nsize 10\nsha256 " + SHA.hex() + "\nhave 0-20\n";
        SidecarRead read = ResumeSidecar.decode(withCrc(body), "x.part.resume");
        assertThat(read).isInstanceOfSatisfying(SidecarRead.Unusable.class,
                u -> assertThat(u.reason()).contains("run past the file's 10 bytes"));
    }

    @Test
    void binaryGarbageIsUnusable() {
        SidecarRead read = ResumeSidecar.decode(new byte[] {(byte) 0xff, 0, 1, 2}, "x.part.resume");
        assertThat(read).isInstanceOf(SidecarRead.Unusable.class);
    }

    @Test
    void deleteRemovesTheRecord() throws Exception {
        ResumeSidecar sidecar = new ResumeSidecar(out.resolve("movie.mkv"));
        sidecar.save(RECORD);
        sidecar.delete();
        assertThat(sidecar.read()).isEqualTo(new SidecarRead.Absent());
    }

    private static byte[] withCrc(String body) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return (body + "crc32c " + java.util.HexFormat.of().toHexDigits((int) crc.getValue()) + "\n").getBytes(StandardCharsets.US_ASCII);
    }
}
