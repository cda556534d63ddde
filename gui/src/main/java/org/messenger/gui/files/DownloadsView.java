package org.messenger.gui.files;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The download manager: one card per transfer with a progress bar, percent, rate, ETA and state,
 * and Pause / Resume / Cancel / Open folder. Cards are plain nodes (not list cells) so Tab reaches
 * every button.
 */
public final class DownloadsView {
    private final VBox root = new VBox(6);
    private final VBox cards = new VBox(8);
    private final Map<DownloadItemViewModel, Node> cardOf = new HashMap<>();
    private final Map<DownloadItemViewModel, Button> pauseOf = new HashMap<>();
    private final ScrollPane scroll;
    private final Button clear;

    public DownloadsView(DownloadsViewModel model) {
        root.setPadding(new Insets(6));
        Label message = new Label();
        message.setId("downloads-message");
        message.getStyleClass().add("error-text");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(model.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());

        Label empty = new Label("Nothing downloaded yet. Pick a file in Files and press Download.");
        empty.setWrapText(true);
        empty.getStyleClass().add("hint");
        cards.getChildren().add(empty);
        cards.setPadding(new Insets(2));
        cards.setFillWidth(true);
        model.downloads().forEach(d -> add(model, d, empty));
        model.downloads().addListener((ListChangeListener<DownloadItemViewModel>) change -> {
            while (change.next()) {
                change.getRemoved().forEach(d -> {
                    cards.getChildren().remove(cardOf.remove(d));
                    pauseOf.remove(d);
                });
                change.getAddedSubList().forEach(d -> add(model, d, empty));
            }
            if (model.downloads().isEmpty() && !cards.getChildren().contains(empty)) {
                cards.getChildren().add(empty);
            }
        });
        scroll = new ScrollPane(cards);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("downloads-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);

        clear = new Button("C_lear finished");
        clear.setId("clear-finished");
        clear.setOnAction(e -> model.clearFinished());
        root.getChildren().addAll(message, scroll, clear);
    }

    public Parent root() {
        return root;
    }

    /**
     * Where the keyboard starts in the manager: Pause or Resume of the first download still
     * running, else the first button there is, else Clear finished.
     */
    public Node firstButton() {
        List<Node> usable = cards.lookupAll(".button").stream()
                .filter(n -> n.isVisible() && !n.isDisabled() && n.getId() != null)
                .toList();
        // Never Cancel: a Space meant for Pause must not throw a download away.
        return usable.stream().filter(n -> n.getId().startsWith("pause-") || n.getId().startsWith("resume-")).findFirst()
                .or(() -> usable.stream().filter(n -> n.getId().startsWith("open-")).findFirst())
                .orElse(clear);
    }

    /**
     * Gives the keyboard to a download just started: its Pause once it can pause (the server may
     * first make it wait), the list meanwhile, so no key lands on Cancel by accident.
     */
    public void focusNew(DownloadItemViewModel item) {
        Button pause = pauseOf.get(item);
        if (pause == null) {
            return;
        }
        if (item.canPauseProperty().get()) {
            pause.requestFocus();
            return;
        }
        scroll.requestFocus();
        item.canPauseProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> observable, Boolean was, Boolean can) {
                if (can || item.state().isFinal()) {
                    observable.removeListener(this);
                    if (can && scroll.isFocused()) {
                        pause.requestFocus();
                    }
                }
            }
        });
    }

    private void add(DownloadsViewModel model, DownloadItemViewModel item, Node empty) {
        cards.getChildren().remove(empty);
        Node card = card(model, item);
        cardOf.put(item, card);
        cards.getChildren().add(card);
    }

    private Node card(DownloadsViewModel model, DownloadItemViewModel item) {
        Label name = new Label(item.fileName());
        name.getStyleClass().add("download-name");
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(item.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Label percent = new Label();
        percent.getStyleClass().add("download-percent");
        percent.textProperty().bind(item.percentProperty());
        percent.setMinWidth(Region.USE_PREF_SIZE);
        HBox barRow = new HBox(8, bar, percent);
        barRow.setAlignment(Pos.CENTER_LEFT);

        Label details = new Label();
        details.getStyleClass().add("hint");
        details.setWrapText(true);
        details.textProperty().bind(item.detailsProperty());
        Label completion = new Label();
        completion.getStyleClass().add("download-complete");
        completion.setWrapText(true);
        completion.textProperty().bind(item.completionProperty());
        completion.visibleProperty().bind(item.completionProperty().isNotEmpty());
        completion.managedProperty().bind(completion.visibleProperty());

        // Only what can still be done shows: Pause or Resume while it runs, Open folder when it is done.
        Button pause = button("Pause", "pause-" + item.id(), () -> model.pause(item));
        pause.visibleProperty().bind(item.canResumeProperty().not().and(item.canCancelProperty()));
        pause.managedProperty().bind(pause.visibleProperty());
        pause.disableProperty().bind(item.canPauseProperty().not());
        Button resume = button("Resume", "resume-" + item.id(), () -> model.resume(item));
        resume.visibleProperty().bind(item.canResumeProperty());
        resume.managedProperty().bind(resume.visibleProperty());
        Button cancel = button("Cancel", "cancel-" + item.id(), () -> model.cancel(item));
        cancel.visibleProperty().bind(item.canCancelProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        Button open = button("Open folder", "open-" + item.id(), () -> model.openFolder(item));
        open.visibleProperty().bind(item.canOpenFolderProperty());
        open.managedProperty().bind(open.visibleProperty());
        // Pause and Resume take each other's place; the focus goes along instead of sliding on to Cancel.
        item.canResumeProperty().addListener((obs, was, paused) -> {
            Button from = paused ? pause : resume;
            Button to = paused ? resume : pause;
            if (from.isFocused()) {
                to.requestFocus();
            }
        });
        pauseOf.put(item, pause);
        HBox buttons = new HBox(6, pause, resume, cancel, open);

        VBox card = new VBox(4, name, barRow, details, completion, buttons);
        card.getStyleClass().add("download-card");
        card.setId("download-" + item.id());
        return card;
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }
}
