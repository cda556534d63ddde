package org.messenger.gui.chat;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/** The lines of one conversation: time, nick (coloured per person), text; wraps and follows new lines. */
public final class ConversationView {
    private static final int NICK_COLOURS = 8;
    private final ListView<ChatLine> list;

    public ConversationView(ConversationViewModel model, ZoneId zone) {
        DateTimeFormatter timeFormat = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
        // History can be days old: its lines carry the date.
        DateTimeFormatter historyFormat = DateTimeFormatter.ofPattern("d MMM HH:mm").withZone(zone);
        list = new ListView<>(model.lines());
        list.getStyleClass().add("conversation");
        list.setId(model.isLobby() ? "lobby-lines" : "private-lines-" + model.name());
        list.setPlaceholder(new Text(model.isLobby() ? "Nobody has said anything yet." : "Say hello to " + model.name() + "."));
        list.setCellFactory(view -> new ListCell<>() {
            // The time stands in its own column, so a long line wraps under the text, not under the time.
            private final Text time = styled("", "line-time");
            private final TextFlow flow = new TextFlow();
            private final HBox row = new HBox(time, flow);

            {
                row.maxWidthProperty().bind(view.widthProperty().subtract(28));
                row.prefWidthProperty().bind(row.maxWidthProperty());
                row.setAlignment(Pos.BASELINE_LEFT);
                HBox.setHgrow(flow, Priority.ALWAYS);
                flow.setMinWidth(0);
                setPrefWidth(0);
            }

            @Override
            protected void updateItem(ChatLine line, boolean empty) {
                super.updateItem(line, empty);
                if (empty || line == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                time.setText((line.history() ? historyFormat : timeFormat).format(line.time()) + "  ");
                row.getStyleClass().remove("history");
                if (line.history()) {
                    row.getStyleClass().add("history");
                }
                Text body = styled(line.text(), "line-text");
                flow.getChildren().clear();
                switch (line.kind()) {
                    case MESSAGE, OWN_MESSAGE -> flow.getChildren().addAll(
                            styled(line.from(), "line-nick", nickColour(line.from()),
                                    line.kind() == ChatLine.Kind.OWN_MESSAGE ? "own" : "other"),
                            styled("  ", "line-text"), body);
                    case ACTION -> {
                        body.setText("* " + line.from() + " " + line.text());
                        body.getStyleClass().add("line-action");
                        flow.getChildren().addAll(body);
                    }
                    case NOTICE -> {
                        body.getStyleClass().add("line-notice");
                        flow.getChildren().addAll(body);
                    }
                    case ERROR -> {
                        body.getStyleClass().add("line-error");
                        flow.getChildren().addAll(body);
                    }
                }
                setText(null);
                setGraphic(row);
            }
        });
        model.lines().addListener((ListChangeListener<ChatLine>) change -> {
            if (!model.lines().isEmpty()) {
                list.scrollTo(model.lines().size() - 1);
            }
        });
    }

    public ListView<ChatLine> node() {
        return list;
    }

    /** The same person gets the same colour in every conversation and every session. */
    static String nickColour(String nick) {
        return "nick-" + Math.floorMod(nick == null ? 0 : nick.toLowerCase(java.util.Locale.ROOT).hashCode(), NICK_COLOURS);
    }

    private static Text styled(String text, String... classes) {
        Text node = new Text(text);
        node.getStyleClass().addAll(classes);
        return node;
    }
}
