package org.messenger.gui.fakes;

import org.messenger.irc.codec.IrcMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.messenger.client.ChatEvent;
import org.messenger.client.ChatListener;
import org.messenger.client.ServerAddress;
import org.messenger.gui.service.ChatSession;

/** A session without a network: records what is sent and lets a test play server events. */
public final class FakeChatSession implements ChatSession {
    public record Sent(String target, String text, boolean action) {}

    public static final Instant T0 = Instant.parse("2026-11-25T21:30:00Z");

    private final ServerAddress server;
    private final String nick;
    private final List<String> users;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<IrcMessage> raw = new CopyOnWriteArrayList<>();
    private final List<ChatEvent> early = new ArrayList<>();
    private volatile ChatListener listener;
    private volatile CompletableFuture<Void> privateOutcome = CompletableFuture.completedFuture(null);
    private volatile boolean disconnected;
    private final List<String> nickRequests = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<String> nickOutcome;

    public FakeChatSession(ServerAddress server, String nick, List<String> users) {
        this.server = server;
        this.nick = nick;
        this.users = List.copyOf(users);
    }

    public static FakeChatSession alice(String... others) {
        List<String> users = new ArrayList<>(List.of(others));
        users.add("alice");
        return new FakeChatSession(new ServerAddress("127.0.0.1", 50000), "alice", users);
    }

    private final List<String> historyRequests = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<?> loadHistory(String conversation) {
        historyRequests.add(conversation);
        return CompletableFuture.completedFuture(List.of());
    }

    /** The conversations whose history the window asked for, in order. */
    public List<String> historyRequests() {
        return List.copyOf(historyRequests);
    }

    /** Plays an event as the client library would, on the caller's thread. */
    public void emit(ChatEvent event) {
        ChatListener l;
        synchronized (early) {
            l = listener;
            if (l == null) {
                early.add(event);
                return;
            }
        }
        l.onEvent(event);
    }

    public void emitLobbyMessage(String from, String text) {
        emit(new ChatEvent.LobbyMessage(T0, from, "#lobby", text, false));
    }

    public void emitPrivateMessage(String from, String text) {
        emit(new ChatEvent.PrivateMessage(T0, from, text, false));
    }

    public void emitJoin(String who) {
        emit(new ChatEvent.UserJoined(T0, who, "#lobby", false));
    }

    public void emitQuit(String who, String reason) {
        emit(new ChatEvent.UserLeft(T0, who, null, ChatEvent.Departure.QUIT, reason));
    }

    private final List<String> registrations = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<String> registrationOutcome;

    @Override
    public CompletableFuture<String> registerAccount(String password) {
        registrations.add(password);
        CompletableFuture<String> outcome = registrationOutcome;
        return outcome != null ? outcome : CompletableFuture.completedFuture(nick);
    }

    /** What account registrations complete with; null (the default) succeeds with the nick. */
    public void registrationsComplete(CompletableFuture<String> outcome) {
        registrationOutcome = outcome;
    }

    /** The passwords registered with, in order. */
    public List<String> registrations() {
        return List.copyOf(registrations);
    }

    /** What the next private sends complete with. */
    public void privateSendsComplete(CompletableFuture<Void> outcome) {
        privateOutcome = outcome;
    }

    /** What the next nick changes complete with; null (the default) agrees and plays the NickChanged event. */
    public void nickChangesComplete(CompletableFuture<String> outcome) {
        nickOutcome = outcome;
    }

    public List<String> nickRequests() {
        return List.copyOf(nickRequests);
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public boolean isDisconnected() {
        return disconnected;
    }

    @Override
    public ServerAddress server() {
        return server;
    }

    @Override
    public String nick() {
        return nick;
    }

    @Override
    public String lobby() {
        return "#lobby";
    }

    @Override
    public List<String> users() {
        return users;
    }

    @Override
    public void listen(ChatListener newListener) {
        synchronized (early) {
            early.forEach(newListener::onEvent);
            early.clear();
            listener = newListener;
        }
    }

    @Override
    public void sendToLobby(String text) {
        sent.add(new Sent("#lobby", text, false));
    }

    @Override
    public CompletableFuture<Void> sendPrivate(String to, String text) {
        sent.add(new Sent(to, text, false));
        return privateOutcome;
    }

    @Override
    public void sendAction(String target, String text) {
        sent.add(new Sent(target, text, true));
    }

    @Override
    public void sendRaw(IrcMessage message) {
        raw.add(message);
    }

    /** The IRC lines sent as is (channel commands), oldest first. */
    public List<IrcMessage> raw() {
        return List.copyOf(raw);
    }

    @Override
    public CompletableFuture<String> changeNick(String newNick) {
        nickRequests.add(newNick);
        CompletableFuture<String> outcome = nickOutcome;
        if (outcome != null) {
            return outcome;
        }
        emit(new ChatEvent.NickChanged(T0, nick, newNick, true));
        return CompletableFuture.completedFuture(newNick);
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        disconnected = true;
        return CompletableFuture.completedFuture(null);
    }
}
