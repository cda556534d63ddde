package org.messenger.gui.service;

import org.messenger.irc.codec.IrcMessage;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.messenger.client.ChatClient;
import org.messenger.client.ChatListener;
import org.messenger.client.ServerAddress;

/** A {@link ChatSession} backed by a connected {@link ChatClient}. */
final class ClientChatSession implements ChatSession {
    private final ChatClient client;
    private final ReplayingListener events;
    private final Executor background;
    private CompletableFuture<Void> disconnecting;

    ClientChatSession(ChatClient client, ReplayingListener events, Executor background) {
        this.client = client;
        this.events = events;
        this.background = background;
    }

    ChatClient client() {
        return client;
    }

    @Override
    public ServerAddress server() {
        return client.config().server();
    }

    @Override
    public String nick() {
        return client.nick();
    }

    @Override
    public String lobby() {
        return client.lobby();
    }

    @Override
    public List<String> users() {
        return client.users();
    }

    @Override
    public void listen(ChatListener listener) {
        events.attach(listener);
    }

    @Override
    public void sendToLobby(String text) {
        client.sendToLobby(text);
    }

    @Override
    public CompletableFuture<Void> sendPrivate(String nick, String text) {
        return client.sendPrivateConfirmed(nick, text);
    }

    @Override
    public void sendAction(String target, String text) {
        client.sendAction(target, text);
    }

    @Override
    public CompletableFuture<?> loadHistory(String conversation) {
        try {
            return client.loadHistory(conversation);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void sendRaw(IrcMessage message) {
        client.send(message);
    }

    @Override
    public CompletableFuture<String> changeNick(String newNick) {
        try {
            return client.changeNick(newNick);
        } catch (RuntimeException e) {
            // A nick the client rejects before sending, or a connection already gone.
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<String> registerAccount(String password) {
        try {
            return client.registerAccount(password);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public synchronized CompletableFuture<Void> disconnect() {
        if (disconnecting == null) {
            // ChatClient.disconnect waits (briefly) for the server to close: never on the UI thread.
            disconnecting = CompletableFuture.runAsync(() -> client.disconnect("leaving"), background);
        }
        return disconnecting;
    }
}
