package org.messenger.gui.chat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.messenger.client.SlashCommand;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.messenger.client.SlashCommand;
import org.messenger.client.ChatEvent;
import org.messenger.client.Member;
import org.messenger.gui.service.ChatSession;
import org.messenger.gui.service.Failures;

/**
 * The main window's state and behaviour without the window: conversations (the lobby first, then
 * one per private partner), the live user list, sending, and nick completion.
 *
 * <p>Every method runs on the UI thread. Events from the session come in on the client's event
 * thread and are handed over through {@code ui} (Platform.runLater in the app, a direct call in tests).
 */
public final class ChatViewModel {
    private static final Comparator<String> BY_NICK =
            Comparator.comparing((String n) -> n.toLowerCase(Locale.ROOT)).thenComparing(Comparator.naturalOrder());

    private static final java.util.regex.Pattern CLOSING_LINK =
            java.util.regex.Pattern.compile("(?i)Closing Link: \\S+ \\((.*)\\)");

    private final ChatSession session;
    private final Executor ui;
    private final Clock clock;
    private final Consumer<String> connectionLost;
    private final ConversationViewModel lobby;
    private final ObservableList<ConversationViewModel> conversations = FXCollections.observableArrayList();
    // One read-only view, kept: a view made per call would drop the listeners added to it when collected.
    private final ObservableList<ConversationViewModel> conversationsReadOnly = FXCollections.unmodifiableObservableList(conversations);
    private final ObservableList<String> users = FXCollections.observableArrayList();
    // One read-only view, kept: a view made per call would drop the listeners added to it when collected.
    private final ObservableList<String> usersReadOnly = FXCollections.unmodifiableObservableList(users);
    private final ObjectProperty<ConversationViewModel> selected = new SimpleObjectProperty<>();
    private final StringProperty nick = new SimpleStringProperty();
    private final BooleanProperty connected = new SimpleBooleanProperty(true);
    private final NickCompleter completer = new NickCompleter();
    /** Prefixes and away state of the lobby's members, by lower-case nick; {@link #membersVersion} counts changes. */
    private final java.util.Map<String, Member> members = new java.util.HashMap<>();
    private final javafx.beans.property.IntegerProperty membersVersion = new javafx.beans.property.SimpleIntegerProperty();

    /**
     * @param connectionLost told the reason when the server closed the connection without us asking
     */
    public ChatViewModel(ChatSession session, Executor ui, Clock clock, Consumer<String> connectionLost) {
        this.session = session;
        this.ui = ui;
        this.clock = clock;
        this.connectionLost = connectionLost;
        this.lobby = new ConversationViewModel(session.lobby() == null ? "#lobby" : session.lobby(), true);
        conversations.add(lobby);
        selected.set(lobby);
        selected.addListener((obs, old, now) -> {
            if (now != null) {
                now.markRead();
            }
        });
        nick.set(session.nick());
        users.setAll(sorted(session.users()));
        session.listen(event -> ui.execute(() -> onEvent(event)));
    }

    // ---- state for the view ----

    public ConversationViewModel lobby() {
        return lobby;
    }

    public ObservableList<ConversationViewModel> conversations() {
        return conversationsReadOnly;
    }

    /** Online users of the lobby, ourselves included, sorted case-insensitively. */
    public ObservableList<String> users() {
        return usersReadOnly;
    }

    /** What the server says of a member of the lobby: prefixes ({@code @} operator, {@code +} voiced) and away state. */
    public Optional<Member> member(String someone) {
        return someone == null ? Optional.empty() : Optional.ofNullable(members.get(someone.toLowerCase(Locale.ROOT)));
    }

    /** Changes whenever a member's prefixes or away state changed: the user list redraws. */
    public javafx.beans.value.ObservableIntegerValue membersVersion() {
        return membersVersion;
    }

    /** The conversation on screen; selecting one marks it read. */
    public ObjectProperty<ConversationViewModel> selectedProperty() {
        return selected;
    }

    public ConversationViewModel selected() {
        return selected.get();
    }

    public ReadOnlyStringProperty nickProperty() {
        return nick;
    }

    public String nick() {
        return nick.get();
    }

    public String serverLabel() {
        return session.server().toString();
    }

    public ReadOnlyBooleanProperty connectedProperty() {
        return connected;
    }

    public boolean isSelf(String someone) {
        return someone != null && someone.equalsIgnoreCase(nick.get());
    }

    // ---- actions ----

    /** Opens (or shows) the private conversation with {@code someone}; not with ourselves. */
    public Optional<ConversationViewModel> openPrivate(String someone) {
        if (someone == null || someone.isBlank() || isSelf(someone)) {
            return Optional.empty();
        }
        boolean opening = privateWith(someone, false).isEmpty();
        ConversationViewModel conversation = privateWith(someone, true).orElseThrow();
        if (opening) {
            // A new window for someone: their earlier lines first (a HistoryLoaded event).
            session.loadHistory(someone);
        }
        selected.set(conversation);
        return Optional.of(conversation);
    }

    /** Closes a private conversation; the lobby stays. */
    public void close(ConversationViewModel conversation) {
        if (conversation.isLobby()) {
            return;
        }
        int index = conversations.indexOf(conversation);
        conversations.remove(conversation);
        if (selected.get() == conversation) {
            selected.set(conversations.get(Math.max(0, index - 1)));
        }
    }

    /**
     * Sends what the user typed into {@code conversation}, parsed by the client library's
     * {@link SlashCommand} (the terminal chat's parser too): {@code /me}, {@code /msg},
     * {@code /nick}, and the channel commands {@code /kick /ban /mode /topic /invite /away /oper},
     * which act on the lobby unless a channel is named. Returns true when the input line may be cleared.
     */
    public boolean send(ConversationViewModel conversation, String typed) {
        if (typed == null || typed.isBlank() || !connected.get()) {
            return false;
        }
        SlashCommand command = SlashCommand.parse(typed, conversation.isLobby() ? target(conversation) : null);
        try {
            switch (command) {
                case SlashCommand.Nothing nothing -> {
                    return false;
                }
                case SlashCommand.Say say -> {
                    return sendText(conversation, say.text());
                }
                case SlashCommand.Action action -> {
                    session.sendAction(target(conversation), action.text());
                    conversation.add(line(ChatLine.Kind.ACTION, nick.get(), action.text()), false);
                }
                case SlashCommand.SayPrivately say -> {
                    if (isSelf(say.nick())) {
                        return usage(conversation, "Usage: /msg nick text, to someone other than you.");
                    }
                    sendPrivate(openPrivate(say.nick()).orElseThrow(), say.text());
                }
                case SlashCommand.ChangeNick change -> changeNick(conversation, change.nick());
                case SlashCommand.ServerRequest request -> session.sendRaw(request.toIrc());
                case SlashCommand.Invalid invalid -> {
                    return usage(conversation, invalid.problem() + " Start with // to send a line beginning with /.");
                }
                case SlashCommand.ListUsers list -> {
                    return usage(conversation, "The user list is on the right.");
                }
                case SlashCommand.Quit quit -> {
                    return usage(conversation, "Close the window to leave.");
                }
                case SlashCommand.RegisterAccount register -> registerAccount(conversation, register.password());
                case SlashCommand.RegisterAccountAskingPassword ask -> {
                    return usage(conversation, "Type /register and a password to make your nick an account, or tick"
                            + " \"Create this account\" in the connect dialog (its password is not shown).");
                }
                case SlashCommand.Help help -> {
                    SlashCommand.helpLines().forEach(text -> conversation.add(line(ChatLine.Kind.NOTICE, null, text.strip()), false));
                    return true;
                }
            }
        } catch (RuntimeException e) {
            conversation.add(line(ChatLine.Kind.ERROR, null, "Not sent: " + e.getMessage()), false);
            return false;
        }
        completer.reset();
        return true;
    }

    private boolean sendText(ConversationViewModel conversation, String message) {
        try {
            if (conversation.isLobby()) {
                session.sendToLobby(message);
                conversation.add(line(ChatLine.Kind.OWN_MESSAGE, nick.get(), message), false);
            } else {
                sendPrivate(conversation, message);
            }
        } catch (RuntimeException e) {
            conversation.add(line(ChatLine.Kind.ERROR, null, "Not sent: " + e.getMessage()), false);
            return false;
        }
        completer.reset();
        return true;
    }

    /** Explains a command typed wrongly; the input line keeps it for correcting. */
    private boolean usage(ConversationViewModel conversation, String text) {
        conversation.add(line(ChatLine.Kind.ERROR, null, text), false);
        return false;
    }

    private void sendPrivate(ConversationViewModel conversation, String message) {
        conversation.add(line(ChatLine.Kind.OWN_MESSAGE, nick.get(), message), false);
        // Refusals ("nick bob is not online") come back later; the UI does not wait for them.
        session.sendPrivate(conversation.name(), message).whenComplete((ok, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                onUi(() -> conversation.add(line(ChatLine.Kind.ERROR, null, "Not delivered: " + cause.getMessage()), false));
            }
        });
    }

    /** REGISTER with the current nick as the account; the outcome is said in the conversation. */
    private void registerAccount(ConversationViewModel conversation, String password) {
        String account = nick.get();
        conversation.add(line(ChatLine.Kind.NOTICE, null, "Registering account " + account + "…"), false);
        session.registerAccount(password).whenComplete((registered, error) -> onUi(() -> conversation.add(error == null
                ? line(ChatLine.Kind.NOTICE, null, "Account " + registered + " created; you are logged in. Next time, log in"
                        + " with it in the connect dialog.")
                : line(ChatLine.Kind.ERROR, null, "Account " + account + " not created: " + Failures.unwrap(error).getMessage()),
                false)));
    }

    /** The server's NickChanged event renames us everywhere; only a refusal needs saying here. */
    private void changeNick(ConversationViewModel conversation, String wanted) {
        session.changeNick(wanted).whenComplete((ok, error) -> {
            if (error != null) {
                String why = Failures.nickRefusal(error, wanted)
                        .orElseGet(() -> "Nick not changed: " + Failures.unwrap(error).getMessage());
                onUi(() -> conversation.add(line(ChatLine.Kind.ERROR, null, why), false));
            }
        });
    }

    private void onUi(Runnable work) {
        ui.execute(work);
    }

    private String target(ConversationViewModel conversation) {
        return conversation.isLobby() ? (session.lobby() == null ? conversation.name() : session.lobby()) : conversation.name();
    }

    /** Tab completion against the online users (others first, then us). Null when nothing matches. */
    public NickCompleter.Result completeNick(String text, int caret) {
        List<String> candidates = new ArrayList<>(users.stream().filter(u -> !isSelf(u)).toList());
        candidates.add(nick.get());
        return completer.complete(text, caret, candidates);
    }

    /** Any key other than Tab ends a completion cycle. */
    public void typingContinued() {
        completer.reset();
    }

    /** The user asked to leave: says goodbye to the server; completes off the UI thread. */
    public CompletableFuture<Void> disconnect() {
        connected.set(false);
        return session.disconnect();
    }

    // ---- events ----

    void onEvent(ChatEvent event) {
        switch (event) {
            case ChatEvent.Connected c -> nick.set(c.nick());
            case ChatEvent.MessageOfTheDay motd -> motd.lines().forEach(text ->
                    lobby.add(new ChatLine(motd.time(), ChatLine.Kind.NOTICE, null, text), false));
            case ChatEvent.LobbyMessage m -> {
                // Everyone is in the lobby only; a message to another channel we were put in still shows here.
                lobby.add(new ChatLine(m.time(), m.action() ? ChatLine.Kind.ACTION : ChatLine.Kind.MESSAGE, m.from(), m.text()),
                        selected.get() != lobby);
            }
            case ChatEvent.PrivateMessage m -> {
                ConversationViewModel conversation = privateWith(m.from(), true).orElseThrow();
                conversation.add(new ChatLine(m.time(), m.action() ? ChatLine.Kind.ACTION : ChatLine.Kind.MESSAGE, m.from(), m.text()),
                        selected.get() != conversation);
            }
            case ChatEvent.Notice n -> {
                ConversationViewModel into = n.from() == null ? lobby : privateWith(n.from(), false).orElse(lobby);
                String from = n.from() == null ? "server" : n.from();
                into.add(new ChatLine(n.time(), ChatLine.Kind.NOTICE, null, "-" + from + "- " + n.text()), false);
            }
            case ChatEvent.UserJoined j -> {
                if (j.you()) {
                    lobby.add(new ChatLine(j.time(), ChatLine.Kind.NOTICE, null, "You joined " + j.channel()), false);
                } else {
                    addUser(j.nick());
                    lobby.add(new ChatLine(j.time(), ChatLine.Kind.NOTICE, null, j.nick() + " joined"), false);
                    privateWith(j.nick(), false).ifPresent(p -> {
                        p.setPeerOnline(true);
                        p.add(new ChatLine(j.time(), ChatLine.Kind.NOTICE, null, j.nick() + " is back online"), false);
                    });
                }
            }
            case ChatEvent.UserLeft l -> {
                if (!isSelf(l.nick())) {
                    users.removeIf(u -> u.equalsIgnoreCase(l.nick()));
                    String why = l.reason() == null || l.reason().isBlank() ? "" : " (" + l.reason() + ")";
                    lobby.add(new ChatLine(l.time(), ChatLine.Kind.NOTICE, null, l.nick() + " left" + why), false);
                    privateWith(l.nick(), false).ifPresent(p -> {
                        p.setPeerOnline(false);
                        p.add(new ChatLine(l.time(), ChatLine.Kind.NOTICE, null, l.nick() + " left" + why), false);
                    });
                }
            }
            case ChatEvent.NickChanged c -> {
                if (c.you()) {
                    // First, so the user list already marks the new nick as ours when it shows it.
                    nick.set(c.newNick());
                }
                users.removeIf(u -> u.equalsIgnoreCase(c.oldNick()));
                addUser(c.newNick());
                if (c.you()) {
                    lobby.add(new ChatLine(c.time(), ChatLine.Kind.NOTICE, null, "You are now known as " + c.newNick()), false);
                } else {
                    lobby.add(new ChatLine(c.time(), ChatLine.Kind.NOTICE, null, c.oldNick() + " is now known as " + c.newNick()), false);
                    privateWith(c.oldNick(), false).ifPresent(p -> {
                        p.rename(c.newNick());
                        p.add(new ChatLine(c.time(), ChatLine.Kind.NOTICE, null, c.oldNick() + " is now known as " + c.newNick()), false);
                    });
                }
            }
            case ChatEvent.UsersListed l -> {
                if (l.channel() == null || l.channel().equalsIgnoreCase(lobby.name())) {
                    users.setAll(sorted(l.users()));
                    setMembers(l.members());
                }
            }
            case ChatEvent.MembersChanged m -> {
                if (m.channel() == null || m.channel().equalsIgnoreCase(lobby.name())) {
                    setMembers(m.members());
                }
            }
            case ChatEvent.ModeChanged m -> lobby.add(new ChatLine(m.time(), ChatLine.Kind.NOTICE, null,
                    (m.by() == null ? "The server" : m.by()) + " sets mode " + String.join(" ", m.modes())
                            + (m.target().equalsIgnoreCase(lobby.name()) ? "" : " on " + m.target())), false);
            case ChatEvent.AwayChanged a -> onAway(a);
            case ChatEvent.HistoryLoaded h -> {
                boolean channel = h.conversation().startsWith("#") || h.conversation().startsWith("&");
                ConversationViewModel into = channel ? lobby : privateWith(h.conversation(), true).orElseThrow();
                List<ChatLine> earlier = new ArrayList<>(h.lines().size() + 1);
                for (ChatEvent.HistoryLine line : h.lines()) {
                    ChatLine.Kind kind = line.notice() ? ChatLine.Kind.NOTICE
                            : line.action() ? ChatLine.Kind.ACTION
                            : isSelf(line.from()) ? ChatLine.Kind.OWN_MESSAGE : ChatLine.Kind.MESSAGE;
                    String text = line.notice() ? "-" + line.from() + "- " + line.text() : line.text();
                    earlier.add(new ChatLine(line.time(), kind, line.from(), text, true));
                }
                earlier.add(new ChatLine(h.time(), ChatLine.Kind.NOTICE, null,
                        "Earlier messages above (" + h.lines().size() + "), from the server's history", true));
                into.addHistory(earlier);
            }
            case ChatEvent.ServerError e -> {
                ConversationViewModel into = selected.get() == null ? lobby : selected.get();
                into.add(new ChatLine(e.time(), ChatLine.Kind.ERROR, null, e.text()), false);
            }
            case ChatEvent.Disconnected d -> {
                boolean wasConnected = connected.get();
                connected.set(false);
                if (!d.requested() && wasConnected) {
                    String reason = d.reason() == null || d.reason().isBlank() ? "the connection closed"
                            // IRC's "Closing Link: host (why)" (RFC 2812 §3.7.4 ERROR) says nothing to people but the why.
                            : CLOSING_LINK.matcher(d.reason()).replaceAll("$1");
                    lobby.add(new ChatLine(d.time(), ChatLine.Kind.ERROR, null, "Disconnected: " + reason), false);
                    connectionLost.accept(reason);
                }
            }
        }
    }

    private void setMembers(List<Member> now) {
        members.clear();
        for (Member m : now) {
            members.put(m.nick().toLowerCase(Locale.ROOT), m);
        }
        membersVersion.set(membersVersion.get() + 1);
    }

    /**
     * Someone went away or came back: the user list shows it; a private conversation with them
     * says it, and so does the answer to a message sent to someone away (301).
     */
    private void onAway(ChatEvent.AwayChanged a) {
        String text = a.away()
                ? a.nick() + " is away" + (a.message().isEmpty() ? "" : ": " + a.message())
                : a.nick() + " is back";
        if (isSelf(a.nick())) {
            lobby.add(new ChatLine(a.time(), ChatLine.Kind.NOTICE, null,
                    a.away() ? "You are marked as away (/away alone to come back)" : "You are back"), false);
            return;
        }
        Optional<ConversationViewModel> conversation = privateWith(a.nick(), false);
        if (conversation.isPresent()) {
            conversation.get().add(new ChatLine(a.time(), ChatLine.Kind.NOTICE, null, text), false);
        } else if (a.reply()) {
            ConversationViewModel into = selected.get() == null ? lobby : selected.get();
            into.add(new ChatLine(a.time(), ChatLine.Kind.NOTICE, null, text), false);
        }
    }

    private void addUser(String someone) {
        if (users.stream().noneMatch(u -> u.equalsIgnoreCase(someone))) {
            int at = 0;
            while (at < users.size() && BY_NICK.compare(users.get(at), someone) < 0) {
                at++;
            }
            users.add(at, someone);
        }
    }

    private Optional<ConversationViewModel> privateWith(String someone, boolean create) {
        for (ConversationViewModel c : conversations) {
            if (!c.isLobby() && c.name().equalsIgnoreCase(someone)) {
                return Optional.of(c);
            }
        }
        if (!create) {
            return Optional.empty();
        }
        ConversationViewModel created = new ConversationViewModel(someone, false);
        created.setPeerOnline(users.stream().anyMatch(u -> u.equalsIgnoreCase(someone)));
        conversations.add(created);
        return Optional.of(created);
    }

    private ChatLine line(ChatLine.Kind kind, String from, String text) {
        return new ChatLine(clock.instant(), kind, from, text);
    }

    private static List<String> sorted(List<String> nicks) {
        return nicks.stream().sorted(BY_NICK).toList();
    }
}
