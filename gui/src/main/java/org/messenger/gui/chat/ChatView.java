package org.messenger.gui.chat;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import org.messenger.client.Member;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.messenger.gui.files.DownloadItemViewModel;
import org.messenger.gui.files.DownloadsView;
import org.messenger.gui.files.DownloadsViewModel;
import org.messenger.gui.files.FilesView;
import org.messenger.gui.files.FilesViewModel;

/**
 * The main window: conversation tabs with the input line on the left; users, files and downloads
 * on the right; who and where we are, the theme switch and Disconnect on top.
 */
public final class ChatView {
    private final BorderPane root = new BorderPane();
    private final ChatViewModel model;
    private final TabPane conversations = new TabPane();
    private final Map<ConversationViewModel, Tab> tabs = new HashMap<>();
    private final TextField input = new TextField();
    private final TabPane sidebar = new TabPane();
    private final ListView<String> users;
    private final ZoneId zone;

    public ChatView(ChatViewModel model, FilesViewModel files, DownloadsViewModel downloads, ZoneId zone,
                    Node themeSwitch, Runnable disconnect) {
        this.model = model;
        this.zone = zone;
        root.getStyleClass().add("chat-view");

        // ---- top bar ----
        Label who = new Label();
        who.setId("who");
        who.getStyleClass().add("who");
        who.textProperty().bind(Bindings.createStringBinding(
                () -> model.nick() + "  ·  " + model.serverLabel() + (model.connectedProperty().get() ? "" : "  ·  disconnected"),
                model.nickProperty(), model.connectedProperty()));
        Button disconnectButton = new Button("_Disconnect");
        disconnectButton.setId("disconnect");
        disconnectButton.setOnAction(e -> disconnect.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(10, who, spacer, themeSwitch, disconnectButton);
        top.getStyleClass().add("top-bar");
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(6, 10, 6, 12));
        root.setTop(top);

        // ---- conversations ----
        conversations.setId("conversations");
        conversations.setTabClosingPolicy(TabPane.TabClosingPolicy.SELECTED_TAB);
        model.conversations().forEach(this::addTab);
        model.conversations().addListener((ListChangeListener<ConversationViewModel>) change -> {
            while (change.next()) {
                change.getRemoved().forEach(c -> conversations.getTabs().remove(tabs.remove(c)));
                change.getAddedSubList().forEach(this::addTab);
            }
        });
        conversations.getSelectionModel().selectedItemProperty().addListener((obs, old, tab) -> {
            if (tab != null) {
                model.selectedProperty().set((ConversationViewModel) tab.getUserData());
                input.requestFocus();
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> {
            Tab tab = tabs.get(now);
            if (tab != null) {
                conversations.getSelectionModel().select(tab);
            }
        });

        input.setId("input");
        // Follows the conversation on screen, and its partner's nick changes.
        InvalidationListener renamed = o -> input.setPromptText(prompt(model.selected()));
        model.selectedProperty().addListener((obs, old, now) -> {
            if (old != null) {
                old.nameProperty().removeListener(renamed);
            }
            if (now != null) {
                now.nameProperty().addListener(renamed);
            }
            input.setPromptText(prompt(now));
        });
        if (model.selected() != null) {
            model.selected().nameProperty().addListener(renamed);
        }
        input.setPromptText(prompt(model.selected()));
        input.disableProperty().bind(model.connectedProperty().not());
        input.setOnAction(e -> sendInput());
        input.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.TAB && !e.isControlDown() && !e.isShiftDown() && !input.getText().isEmpty()) {
                NickCompleter.Result r = model.completeNick(input.getText(), input.getCaretPosition());
                if (r != null) {
                    input.setText(r.text());
                    input.positionCaret(r.caret());
                }
                e.consume();
            } else if (e.getCode() != KeyCode.TAB && !e.getCode().isModifierKey()) {
                model.typingContinued();
            }
        });
        Button send = new Button("Send");
        send.setId("send");
        send.disableProperty().bind(input.textProperty().isEmpty().or(model.connectedProperty().not()));
        send.setOnAction(e -> sendInput());
        send.setFocusTraversable(false);
        HBox.setHgrow(input, Priority.ALWAYS);
        HBox inputRow = new HBox(8, input, send);
        inputRow.setAlignment(Pos.CENTER);
        Label keys = new Label("Ctrl+W closes a private tab · Ctrl+Tab next conversation · Ctrl+1/2/3 users, files, downloads · Ctrl+L here");
        keys.getStyleClass().add("hint");
        VBox.setVgrow(conversations, Priority.ALWAYS);
        VBox left = new VBox(6, conversations, inputRow, keys);
        left.setPadding(new Insets(6, 6, 8, 8));

        // ---- sidebar ----
        users = new ListView<>(model.users());
        users.setId("users");
        users.getStyleClass().add("users");
        users.setCellFactory(view -> new ListCell<>() {
            // Prefixes and away state change without the list of nicks changing: each cell redraws itself
            // (a refresh of the whole list would replace the cells under the mouse). Weak: cells may be discarded.
            private final InvalidationListener membersChanged = changed -> render(getItem());
            {
                model.membersVersion().addListener(new javafx.beans.WeakInvalidationListener(membersChanged));
            }

            @Override
            protected void updateItem(String nick, boolean empty) {
                super.updateItem(nick, empty);
                render(empty ? null : nick);
            }

            private void render(String nick) {
                getStyleClass().removeAll("self", "away", "operator", "voiced");
                setTooltip(null);
                if (nick == null) {
                    setText(null);
                    return;
                }
                // "@alice" for an operator, "+bob" for a voiced member, as IRC clients show them.
                Member member = model.member(nick).orElse(Member.of(nick));
                String text = member.highestPrefix() + nick;
                if (member.isOperator()) {
                    getStyleClass().add("operator");
                } else if (member.isVoiced()) {
                    getStyleClass().add("voiced");
                }
                if (model.isSelf(nick)) {
                    text += "  (you)";
                    getStyleClass().add("self");
                }
                if (member.isAway()) {
                    text += "  (away)";
                    getStyleClass().add("away");
                    setTooltip(new Tooltip(member.awayMessage().isEmpty() ? nick + " is away"
                            : nick + " is away: " + member.awayMessage()));
                }
                setText(text);
            }
        });
        users.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                openSelectedUser();
            }
        });
        users.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openSelectedUser();
                e.consume();
            }
        });
        Label usersHint = new Label("Double-click or Enter: private conversation");
        usersHint.getStyleClass().add("hint");
        usersHint.setWrapText(true);
        VBox.setVgrow(users, Priority.ALWAYS);
        VBox usersPane = new VBox(6, users, usersHint);
        usersPane.setPadding(new Insets(6));
        Tab usersTab = new Tab();
        usersTab.setId("users-tab");
        usersTab.textProperty().bind(Bindings.concat("Users (", Bindings.size(model.users()), ")"));
        usersTab.setContent(usersPane);

        FilesView filesView = new FilesView(files);
        Tab filesTab = new Tab("Files", filesView.root());
        filesTab.setId("files-tab");
        Tab downloadsTab = new Tab();
        downloadsTab.setId("downloads-tab");
        downloadsTab.textProperty().bind(Bindings.createStringBinding(() -> downloads.downloads().isEmpty()
                ? "Downloads" : "Downloads (" + downloads.downloads().size() + ")", downloads.downloads()));
        DownloadsView downloadsView = new DownloadsView(downloads);
        downloadsTab.setContent(downloadsView.root());
        sidebar.getTabs().addAll(usersTab, filesTab, downloadsTab);
        // A download just started shows itself, so Download visibly did something; the keyboard lands on its Pause.
        downloads.downloads().addListener((ListChangeListener<DownloadItemViewModel>) change -> {
            while (change.next()) {
                if (change.wasAdded()) {
                    sidebar.getSelectionModel().select(2);
                    downloadsView.focusNew(change.getAddedSubList().get(change.getAddedSize() - 1));
                    return;
                }
            }
        });
        sidebar.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        // Wide enough for the three tab headers and a download card's buttons.
        sidebar.setMinWidth(300);
        sidebar.setPrefWidth(320);
        left.setMinWidth(360);
        sidebar.getStyleClass().add("sidebar");

        SplitPane split = new SplitPane(left, sidebar);
        split.setDividerPositions(0.70);
        SplitPane.setResizableWithParent(sidebar, false);
        root.setCenter(split);

        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (CLOSE.match(e)) {
                model.close(model.selected());
            } else if (NEXT.match(e) || NEXT_PAGE.match(e)) {
                step(1);
            } else if (PREVIOUS.match(e) || PREVIOUS_PAGE.match(e)) {
                step(-1);
            } else if (FOCUS_INPUT.match(e)) {
                input.requestFocus();
            } else if (USERS.match(e)) {
                showSidebar(0, users);
            } else if (FILES.match(e)) {
                showSidebar(1, filesView.list());
            } else if (DOWNLOADS.match(e)) {
                showSidebar(2, downloadsView.firstButton());
            } else {
                return;
            }
            e.consume();
        });
    }

    private static final KeyCombination CLOSE = new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN);
    // TabPane only knows Ctrl+Tab while it has the focus; the input line usually has it.
    private static final KeyCombination NEXT = new KeyCodeCombination(KeyCode.TAB, KeyCombination.CONTROL_DOWN);
    private static final KeyCombination PREVIOUS = new KeyCodeCombination(KeyCode.TAB, KeyCombination.CONTROL_DOWN, KeyCombination.SHIFT_DOWN);
    private static final KeyCombination NEXT_PAGE = new KeyCodeCombination(KeyCode.PAGE_DOWN, KeyCombination.CONTROL_DOWN);
    private static final KeyCombination PREVIOUS_PAGE = new KeyCodeCombination(KeyCode.PAGE_UP, KeyCombination.CONTROL_DOWN);
    private static final KeyCombination FOCUS_INPUT = new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination USERS = new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination FILES = new KeyCodeCombination(KeyCode.DIGIT2, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination DOWNLOADS = new KeyCodeCombination(KeyCode.DIGIT3, KeyCombination.SHORTCUT_DOWN);

    public Parent root() {
        return root;
    }

    /** The input line, which has the focus whenever the window opens. */
    public Node input() {
        return input;
    }

    private void showSidebar(int index, Node focus) {
        sidebar.getSelectionModel().select(index);
        Node target = focus != null ? focus : sidebar.getTabs().get(index).getContent();
        target.requestFocus();
    }

    private void step(int by) {
        int count = conversations.getTabs().size();
        int at = conversations.getSelectionModel().getSelectedIndex();
        conversations.getSelectionModel().select(Math.floorMod(at + by, count));
        input.requestFocus();
    }

    private static String prompt(ConversationViewModel conversation) {
        return conversation == null ? "" : "Message " + conversation.name() + " — Enter sends, Tab completes nicks, /me for actions";
    }

    private void sendInput() {
        if (model.send(model.selected(), input.getText())) {
            input.clear();
        }
    }

    private void openSelectedUser() {
        String nick = users.getSelectionModel().getSelectedItem();
        if (nick != null && model.openPrivate(nick).isPresent()) {
            input.requestFocus();
        }
    }

    private void addTab(ConversationViewModel conversation) {
        Tab tab = new Tab();
        tab.setUserData(conversation);
        tab.setId(conversation.isLobby() ? "lobby-tab" : "private-tab");
        tab.textProperty().bind(conversation.tabTitle());
        tab.setClosable(!conversation.isLobby());
        tab.setContent(new ConversationView(conversation, zone).node());
        tab.setOnClosed(e -> model.close(conversation));
        // A private partner who left stays readable, but the tab shows they are gone.
        if (!conversation.peerOnlineProperty().get()) {
            tab.getStyleClass().add("offline");
        }
        conversation.peerOnlineProperty().addListener((obs, old, online) -> {
            tab.getStyleClass().remove("offline");
            if (!online) {
                tab.getStyleClass().add("offline");
            }
        });
        conversation.unreadProperty().addListener((obs, old, now) -> {
            if (now.intValue() > 0) {
                if (!tab.getStyleClass().contains("unread")) {
                    tab.getStyleClass().add("unread");
                }
            } else {
                tab.getStyleClass().remove("unread");
            }
        });
        tabs.put(conversation, tab);
        conversations.getTabs().add(tab);
    }
}
