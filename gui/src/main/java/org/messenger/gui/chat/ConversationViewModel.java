package org.messenger.gui.chat;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The lobby or a private conversation with one user: its lines and its unread count.
 * Used on the UI thread only.
 */
public final class ConversationViewModel {
    /** Older lines are dropped beyond this, so a long session does not grow without end. */
    static final int MAX_LINES = 5000;

    private final boolean lobby;
    private final StringProperty name = new SimpleStringProperty();
    private final ObservableList<ChatLine> lines = FXCollections.observableArrayList();
    // One read-only view, kept: a view made per call would drop the listeners added to it when collected.
    private final ObservableList<ChatLine> linesReadOnly = FXCollections.unmodifiableObservableList(lines);
    private final IntegerProperty unread = new SimpleIntegerProperty();
    private final BooleanProperty peerOnline = new SimpleBooleanProperty(true);
    private final StringBinding tabTitle;

    ConversationViewModel(String name, boolean lobby) {
        this.lobby = lobby;
        this.name.set(name);
        this.tabTitle = Bindings.createStringBinding(
                () -> unread.get() == 0 ? this.name.get() : this.name.get() + " (" + unread.get() + ")",
                this.name, unread);
    }

    public boolean isLobby() {
        return lobby;
    }

    /** The channel name for the lobby, the other user's nick for a private conversation. */
    public String name() {
        return name.get();
    }

    public ReadOnlyStringProperty nameProperty() {
        return name;
    }

    /** The name with the unread count, e.g. {@code bob (3)}. */
    public StringBinding tabTitle() {
        return tabTitle;
    }

    public ObservableList<ChatLine> lines() {
        return linesReadOnly;
    }

    public int unread() {
        return unread.get();
    }

    public ReadOnlyIntegerProperty unreadProperty() {
        return unread;
    }

    /** False once the other user left the server (a private conversation only). */
    public ReadOnlyBooleanProperty peerOnlineProperty() {
        return peerOnline;
    }

    void rename(String newName) {
        name.set(newName);
    }

    void setPeerOnline(boolean online) {
        peerOnline.set(online);
    }

    void add(ChatLine line, boolean countAsUnread) {
        lines.add(line);
        if (lines.size() > MAX_LINES) {
            lines.remove(0, lines.size() - MAX_LINES);
        }
        if (countAsUnread) {
            unread.set(unread.get() + 1);
        }
    }

    /** Earlier lines (history), before every line already shown; oldest first. */
    void addHistory(java.util.List<ChatLine> earlier) {
        lines.addAll(0, earlier);
        if (lines.size() > MAX_LINES) {
            lines.remove(0, lines.size() - MAX_LINES);
        }
    }

    void markRead() {
        unread.set(0);
    }
}
