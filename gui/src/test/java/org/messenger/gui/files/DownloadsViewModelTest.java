package org.messenger.gui.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.messenger.gui.fakes.FakeFileService;

class DownloadsViewModelTest {
    private static final RemoteFile NOTES = new RemoteFile("notes.txt", 10_000_000);
    private final FakeFileService service = new FakeFileService(Path.of("/tmp/downloads"), NOTES);
    private final List<Path> opened = new ArrayList<>();
    private CompletableFuture<Void> openerOutcome = CompletableFuture.completedFuture(null);
    private final DownloadsViewModel downloads = new DownloadsViewModel(service, Runnable::run, folder -> {
        opened.add(folder);
        return openerOutcome;
    });
    private final FilesViewModel files = new FilesViewModel(service, Runnable::run, downloads);

    private DownloadItemViewModel started() {
        files.download(NOTES);
        return downloads.downloads().get(0);
    }

    @Test
    void listsTheSharedFilesOnRefresh() {
        files.refresh();

        assertThat(files.files()).containsExactly(NOTES);
        assertThat(files.statusProperty().get()).isEqualTo("1 shared file");
    }

    @Test
    void aNewDownloadWaitsForTheServer() {
        DownloadItemViewModel item = started();

        assertThat(item.fileName()).isEqualTo("notes.txt");
        assertThat(item.state()).isEqualTo(DownloadState.WAITING);
        assertThat(item.canPauseProperty().get()).isFalse();
        assertThat(item.canCancelProperty().get()).isTrue();
    }

    @Test
    void showsPercentRateAndTimeLeftWhileTransferring() {
        DownloadItemViewModel item = started();

        service.progress(item.id(), 4_200_000, 1_000_000);

        assertThat(item.progressProperty().get()).isEqualTo(0.42);
        assertThat(item.percentProperty().get()).isEqualTo("42 %");
        assertThat(item.detailsProperty().get()).isEqualTo("4.01 MiB of 9.54 MiB · 977 KiB/s · 6 s left · downloading");
        assertThat(item.canPauseProperty().get()).isTrue();
    }

    @Test
    void showsNinetyNinePercentUntilTheLastByteIsIn() {
        DownloadItemViewModel item = started();

        service.progress(item.id(), 9_999_999, 1_000_000);

        assertThat(item.percentProperty().get()).isEqualTo("99 %");
    }

    @Test
    void pauseAndResumeSwapWhatCanBeDone() {
        DownloadItemViewModel item = started();
        service.progress(item.id(), 1_000_000, 500_000);

        downloads.pause(item);
        assertThat(item.state()).isEqualTo(DownloadState.PAUSED);
        assertThat(item.canResumeProperty().get()).isTrue();
        assertThat(item.canPauseProperty().get()).isFalse();

        downloads.resume(item);
        assertThat(item.state()).isEqualTo(DownloadState.TRANSFERRING);
        assertThat(service.calls()).containsSubsequence("pause 1", "resume 1");
    }

    @Test
    void aCompleteDownloadShowsTheCompletionLineAndTheVerifiedChecksum() {
        DownloadItemViewModel item = started();

        service.complete(item.id(), "User alice downloaded 100% out of file notes.txt. Last byte is: 10");

        assertThat(item.percentProperty().get()).isEqualTo("100 %");
        assertThat(item.completionProperty().get())
                .isEqualTo("User alice downloaded 100% out of file notes.txt. Last byte is: 10 · SHA-256 verified");
        assertThat(item.canCancelProperty().get()).isFalse();
        assertThat(item.canOpenFolderProperty().get()).isTrue();
        downloads.openFolder(item);
        assertThat(opened).containsExactly(Path.of("/tmp/downloads"));
        assertThat(downloads.messageProperty().get()).isEmpty();
    }

    @Test
    void aCompleteDownloadSaysWhichFolderItIsIn() {
        DownloadItemViewModel item = started();

        service.complete(item.id(), "done");

        assertThat(item.detailsProperty().get()).isEqualTo("9.54 MiB · complete · saved in " + Path.of("/tmp/downloads"));
    }

    @Test
    void aCopySavedUnderANumberedNameSaysItsName() {
        DownloadItemViewModel item = started();

        service.completeAs(item.id(), Path.of("/tmp/downloads/notes (1).txt"));

        assertThat(item.detailsProperty().get()).isEqualTo("9.54 MiB · complete · saved as notes (1).txt in " + Path.of("/tmp/downloads"));
    }

    @Test
    void showsAFolderUnderTheHomeFolderWithATilde() {
        Path home = Path.of(System.getProperty("user.home")).toAbsolutePath();

        assertThat(DownloadItemViewModel.shortened(home.resolve("Downloads"))).isEqualTo("~" + java.io.File.separator + "Downloads");
        assertThat(DownloadItemViewModel.shortened(home)).isEqualTo(home.toString());
    }

    @Test
    void saysWhereTheFileIsWhenNoFileManagerCanShowTheFolder() {
        DownloadItemViewModel item = started();
        service.complete(item.id(), "done");
        openerOutcome = CompletableFuture.failedFuture(new java.io.IOException("no file manager to show it with (xdg-open is not installed)"));

        downloads.openFolder(item);

        assertThat(downloads.messageProperty().get()).isEqualTo("Could not open the folder: no file manager to show it with"
                + " (xdg-open is not installed). notes.txt is in " + Path.of("/tmp/downloads") + ".");
    }

    @Test
    void clearFinishedForgetsOnlyFinishedDownloads() {
        DownloadItemViewModel done = started();
        service.complete(done.id(), "done");
        started();

        downloads.clearFinished();

        assertThat(downloads.downloads()).extracting(DownloadItemViewModel::id).containsExactly(2L);
    }

    @Test
    void saysPlainlyWhenDownloadsAreNotAvailable() {
        FilesViewModel none = new FilesViewModel(new NoFileService("File downloads are not in this build yet."),
                Runnable::run, downloads);

        none.refresh();

        assertThat(none.isAvailable()).isFalse();
        assertThat(none.statusProperty().get()).isEqualTo("File downloads are not in this build yet.");
    }
}
