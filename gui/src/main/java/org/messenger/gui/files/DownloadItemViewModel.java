package org.messenger.gui.files;

import org.messenger.files.progress.ByteUnits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One row of the download manager: progress, percent, rate, ETA, state and what may be done now. UI thread only. */
public final class DownloadItemViewModel {
    private final long id;
    private final String fileName;
    private final ObjectProperty<DownloadState> state = new SimpleObjectProperty<>(DownloadState.WAITING);
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty percent = new SimpleStringProperty("0 %");
    private final StringProperty details = new SimpleStringProperty("waiting for the server");
    private final StringProperty completion = new SimpleStringProperty("");
    private final BooleanProperty canPause = new SimpleBooleanProperty();
    private final BooleanProperty canResume = new SimpleBooleanProperty();
    private final BooleanProperty canCancel = new SimpleBooleanProperty(true);
    private final BooleanProperty canOpenFolder = new SimpleBooleanProperty();
    private Path savedTo;

    DownloadItemViewModel(long id, String fileName) {
        this.id = id;
        this.fileName = fileName;
    }

    public long id() {
        return id;
    }

    public String fileName() {
        return fileName;
    }

    public DownloadState state() {
        return state.get();
    }

    public ReadOnlyObjectProperty<DownloadState> stateProperty() {
        return state;
    }

    /** 0 to 1, for the progress bar. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    /** e.g. {@code 42 %}. */
    public ReadOnlyStringProperty percentProperty() {
        return percent;
    }

    /** e.g. {@code 4.01 MiB of 9.54 MiB · 977 KiB/s · 6 s left · downloading}. */
    public ReadOnlyStringProperty detailsProperty() {
        return details;
    }

    /** When complete: the completion line and "SHA-256 verified". */
    public ReadOnlyStringProperty completionProperty() {
        return completion;
    }

    public ReadOnlyBooleanProperty canPauseProperty() {
        return canPause;
    }

    public ReadOnlyBooleanProperty canResumeProperty() {
        return canResume;
    }

    public ReadOnlyBooleanProperty canCancelProperty() {
        return canCancel;
    }

    public ReadOnlyBooleanProperty canOpenFolderProperty() {
        return canOpenFolder;
    }

    /** The folder the file is saved in, once known. */
    public Path folder() {
        return savedTo == null ? null : savedTo.toAbsolutePath().getParent();
    }

    void update(DownloadProgress p) {
        state.set(p.state());
        if (p.savedTo() != null) {
            savedTo = p.savedTo();
        }
        double fraction = p.sizeBytes() <= 0 ? (p.state() == DownloadState.COMPLETE ? 1 : 0)
                : Math.min(1.0, (double) p.receivedBytes() / p.sizeBytes());
        progress.set(fraction);
        // Floor, so "100 %" only shows when every byte is there.
        percent.set((long) Math.floor(fraction * 100) + " %");
        String amount = ByteUnits.format(p.receivedBytes()) + " of " + ByteUnits.format(p.sizeBytes());
        details.set(switch (p.state()) {
            case WAITING -> "waiting for the server";
            case TRANSFERRING -> amount + " · " + (p.bytesPerSecond() > 0
                    ? Units.rate(p.bytesPerSecond()) + " · " + eta(p) + " left" : "starting") + " · downloading";
            case PAUSED -> amount + " · paused";
            case COMPLETE -> ByteUnits.format(p.sizeBytes()) + " · complete" + savedWhere(p);
            case CANCELLED -> amount + " · cancelled";
            case FAILED -> "failed: " + (p.error() == null ? "the transfer stopped" : p.error());
        });
        if (p.state() == DownloadState.COMPLETE) {
            String line = p.completionLine() == null ? "" : p.completionLine();
            completion.set(line + (p.sha256Verified() ? (line.isEmpty() ? "" : " · ") + "SHA-256 verified"
                    : (line.isEmpty() ? "" : " · ") + "SHA-256 not verified"));
        }
        canPause.set(p.state() == DownloadState.TRANSFERRING);
        canResume.set(p.state() == DownloadState.PAUSED);
        canCancel.set(!p.state().isFinal());
        canOpenFolder.set(p.state() == DownloadState.COMPLETE && savedTo != null);
    }

    /** " · saved in ~/Downloads", or " · saved as notes (1).txt in ~/Downloads" when a finished notes.txt was already there. */
    private String savedWhere(DownloadProgress p) {
        if (folder() == null) {
            return "";
        }
        String asShared = p.fileName().substring(p.fileName().lastIndexOf('/') + 1);
        String onDisk = savedTo.getFileName().toString();
        return (onDisk.equals(asShared) ? " · saved in " : " · saved as " + onDisk + " in ") + shortened(folder());
    }

    void failedLocally(String message) {
        details.set(message.toLowerCase(Locale.ROOT).startsWith("failed") ? message : "failed: " + message);
    }

    /** A folder under the home folder as {@code ~/Downloads}, as file managers and shells show it; the card is narrow. */
    static String shortened(Path folder) {
        Path home = Path.of(System.getProperty("user.home")).toAbsolutePath();
        return folder.startsWith(home) && !folder.equals(home)
                ? "~" + folder.getFileSystem().getSeparator() + home.relativize(folder) : folder.toString();
    }

    private static String eta(DownloadProgress p) {
        long remaining = Math.max(0, p.sizeBytes() - p.receivedBytes());
        return Units.duration(Duration.ofSeconds((remaining + p.bytesPerSecond() - 1) / p.bytesPerSecond()));
    }
}
