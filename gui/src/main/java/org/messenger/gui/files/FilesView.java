package org.messenger.gui.files;

import org.messenger.files.progress.ByteUnits;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The server's shared files with their sizes; Download (or Enter, or a double-click) starts one. */
public final class FilesView {
    private final VBox root = new VBox(6);
    private final ListView<RemoteFile> list;

    public FilesView(FilesViewModel model) {
        root.setPadding(new Insets(6));
        Label status = new Label();
        status.setId("files-status");
        status.setWrapText(true);
        status.getStyleClass().add("hint");
        status.textProperty().bind(model.statusProperty());

        list = new ListView<>(model.files());
        list.setId("files");
        list.setPlaceholder(new Label(model.isAvailable() ? "Refresh to see the server's files." : "No files here yet."));
        list.setCellFactory(view -> new ListCell<>() {
            private final Label name = new Label();
            private final Label size = new Label();
            private final Region spacer = new Region();
            private final HBox row = new HBox(8, name, spacer, size);

            {
                HBox.setHgrow(spacer, Priority.ALWAYS);
                size.getStyleClass().add("hint");
                row.setAlignment(Pos.CENTER_LEFT);
                setPrefWidth(0);
            }

            @Override
            protected void updateItem(RemoteFile file, boolean empty) {
                super.updateItem(file, empty);
                if (empty || file == null) {
                    setGraphic(null);
                } else {
                    name.setText(file.name());
                    size.setText(ByteUnits.format(file.sizeBytes()));
                    setGraphic(row);
                }
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                model.download(list.getSelectionModel().getSelectedItem());
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                model.download(list.getSelectionModel().getSelectedItem());
                e.consume();
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);

        Button refresh = new Button("_Refresh");
        refresh.setId("refresh-files");
        if (model.isAvailable()) {
            refresh.disableProperty().bind(model.loadingProperty());
        } else {
            refresh.setDisable(true);
        }
        refresh.setOnAction(e -> model.refresh());
        Button download = new Button("Do_wnload");
        download.setId("download");
        download.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        download.setOnAction(e -> model.download(list.getSelectionModel().getSelectedItem()));
        HBox buttons = new HBox(8, refresh, download);
        root.getChildren().addAll(status, list, buttons);
        // The first look at the pane fetches the list.
        root.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null && model.files().isEmpty()) {
                model.refresh();
            }
        });
    }

    public Parent root() {
        return root;
    }

    /** The file list, for the keyboard: arrows pick a file, Enter downloads it. Selects the first file. */
    public Node list() {
        if (list.getSelectionModel().isEmpty() && !list.getItems().isEmpty()) {
            list.getSelectionModel().select(0);
        }
        return list;
    }
}
