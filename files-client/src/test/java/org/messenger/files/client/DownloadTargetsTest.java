package org.messenger.files.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadTargetsTest {
    @TempDir
    Path out;

    private final DownloadTargets targets = new DownloadTargets();

    private ClientDownload start(String name) {
        return targets.start(out.resolve(name), target -> new ClientDownload(null, name, target, DownloadListener.NONE));
    }

    @Test
    void aNewNameIsDownloadedUnderItsOwnName() {
        assertThat(start("report.pdf").target()).isEqualTo(out.resolve("report.pdf"));
    }

    @Test
    void refusesASecondDownloadOfTheSameNameIntoTheSameFolderWhileTheFirstRuns() {
        ClientDownload first = start("report.pdf");

        assertThatThrownBy(() -> start("report.pdf")).isInstanceOf(AlreadyDownloadingException.class)
                .hasMessageStartingWith("Already downloading report.pdf into " + out.resolve("report.pdf"))
                .hasMessageContaining("Pause, resume or cancel that download")
                .satisfies(e -> assertThat(((AlreadyDownloadingException) e).running()).isSameAs(first));
    }

    @Test
    void acceptsItAgainOnceTheFirstEnded() {
        ClientDownload first = start("report.pdf");
        first.result.completeExceptionally(new FileClientException("cancelled"));

        // NAME.part alone is not a finished file: the new download continues it under the same name.
        assertThat(start("report.pdf").target()).isEqualTo(out.resolve("report.pdf"));
    }

    @Test
    void neverReplacesAFinishedFileButNumbersTheNewOne() throws Exception {
        Files.writeString(out.resolve("report.pdf"), "mine");
        Files.writeString(out.resolve("report (1).pdf"), "mine too");

        assertThat(start("report.pdf").target()).isEqualTo(out.resolve("report (2).pdf"));
    }

    @Test
    void aNumberedNameThatAnotherDownloadWritesIsNotFree() throws Exception {
        Files.writeString(out.resolve("a.txt"), "finished earlier");
        ClientDownload copy = start("a.txt");
        assertThat(copy.target()).isEqualTo(out.resolve("a (1).txt"));

        // A shared file literally named "a (1).txt" must not write the same a (1).txt.part.
        assertThat(start("a (1).txt").target()).isEqualTo(out.resolve("a (1) (1).txt"));
    }

    @Test
    void numbersGoBeforeTheExtension() {
        assertThat(DownloadTargets.numbered("report.pdf", 1)).isEqualTo("report (1).pdf");
        assertThat(DownloadTargets.numbered("backup.tar.gz", 2)).isEqualTo("backup (2).tar.gz");
        assertThat(DownloadTargets.numbered("v1.2.zip", 1)).isEqualTo("v1.2 (1).zip");
        assertThat(DownloadTargets.numbered("README", 3)).isEqualTo("README (3)");
        assertThat(DownloadTargets.numbered(".bashrc", 1)).isEqualTo(".bashrc (1)");
    }
}
