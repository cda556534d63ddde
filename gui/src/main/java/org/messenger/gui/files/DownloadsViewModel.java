package org.messenger.gui.files;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The download manager: every transfer of this session, newest last, with pause/resume/cancel. UI thread only. */
public final class DownloadsViewModel {
    private final FileDownloads files;
    private final Executor ui;
    private final FolderOpener folderOpener;
    private final ObservableList<DownloadItemViewModel> downloads = FXCollections.observableArrayList();
    // One read-only view, kept: a view made per call would drop the listeners added to it when collected.
    private final ObservableList<DownloadItemViewModel> downloadsReadOnly = FXCollections.unmodifiableObservableList(downloads);
    private final StringProperty message = new SimpleStringProperty("");

    /**
     * @param folderOpener shows a folder in the desktop's file manager
     */
    public DownloadsViewModel(FileDownloads files, Executor ui, FolderOpener folderOpener) {
        this.files = files;
        this.ui = ui;
        this.folderOpener = folderOpener;
        files.addProgressListener(progress -> ui.execute(() -> onProgress(progress)));
    }

    public ObservableList<DownloadItemViewModel> downloads() {
        return downloadsReadOnly;
    }

    /** Empty, or the last thing that went wrong outside any one download. */
    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public void start(RemoteFile file) {
        message.set("");
        files.download(file).whenCompleteAsync((id, error) -> {
            if (error != null) {
                message.set("Could not download " + file.name() + ": " + reason(error));
            } else {
                item(id, file.name());
            }
        }, ui);
    }

    public void pause(DownloadItemViewModel item) {
        act(item, files.pause(item.id()), "pause");
    }

    public void resume(DownloadItemViewModel item) {
        act(item, files.resume(item.id()), "resume");
    }

    public void cancel(DownloadItemViewModel item) {
        act(item, files.cancel(item.id()), "cancel");
    }

    /** Shows the item's folder in the file manager; where there is none, says so and where the file is. */
    public void openFolder(DownloadItemViewModel item) {
        Path folder = item.folder();
        if (folder == null) {
            return;
        }
        message.set("");
        folderOpener.open(folder).whenCompleteAsync((ok, error) -> {
            if (error != null) {
                message.set("Could not open the folder: " + reason(error) + ". " + item.fileName() + " is in " + folder + ".");
            }
        }, ui);
    }

    /** Forgets finished downloads. */
    public void clearFinished() {
        downloads.removeIf(d -> d.state().isFinal());
    }

    private void act(DownloadItemViewModel item, CompletableFuture<Void> action, String verb) {
        action.whenCompleteAsync((ok, error) -> {
            if (error != null) {
                message.set("Could not " + verb + " " + item.fileName() + ": " + reason(error));
            }
        }, ui);
    }

    void onProgress(DownloadProgress progress) {
        item(progress.id(), progress.fileName()).update(progress);
    }

    private DownloadItemViewModel item(long id, String fileName) {
        for (DownloadItemViewModel d : downloads) {
            if (d.id() == id) {
                return d;
            }
        }
        DownloadItemViewModel created = new DownloadItemViewModel(id, fileName);
        downloads.add(created);
        return created;
    }

    static String reason(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
