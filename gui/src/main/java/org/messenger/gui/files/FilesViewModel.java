package org.messenger.gui.files;

import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The Files pane: the server's shared files and a Download action. UI thread only. */
public final class FilesViewModel {
    private final FileDownloads files;
    private final Executor ui;
    private final DownloadsViewModel downloads;
    private final ObservableList<RemoteFile> shared = FXCollections.observableArrayList();
    // One read-only view, kept: a view made per call would drop the listeners added to it when collected.
    private final ObservableList<RemoteFile> sharedReadOnly = FXCollections.unmodifiableObservableList(shared);
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty loading = new SimpleBooleanProperty();

    public FilesViewModel(FileDownloads files, Executor ui, DownloadsViewModel downloads) {
        this.files = files;
        this.ui = ui;
        this.downloads = downloads;
        if (!files.isAvailable()) {
            status.set(files.unavailableReason());
        }
    }

    public boolean isAvailable() {
        return files.isAvailable();
    }

    public ObservableList<RemoteFile> files() {
        return sharedReadOnly;
    }

    /** What the pane says above the list: how many files, or why there are none. */
    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    /** Asks the server for its files again. */
    public void refresh() {
        if (!files.isAvailable() || loading.get()) {
            return;
        }
        loading.set(true);
        status.set("Asking the server for its files…");
        files.listFiles().whenCompleteAsync((list, error) -> {
            loading.set(false);
            if (error != null) {
                status.set("Could not list the files: " + DownloadsViewModel.reason(error));
                return;
            }
            shared.setAll(list);
            status.set(list.isEmpty() ? "The server shares no files." : list.size() == 1 ? "1 shared file" : list.size() + " shared files");
        }, ui);
    }

    public void download(RemoteFile file) {
        if (file != null && files.isAvailable()) {
            downloads.start(file);
        }
    }
}
