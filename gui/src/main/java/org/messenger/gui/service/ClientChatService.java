package org.messenger.gui.service;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.messenger.client.ChatClient;
import org.messenger.client.ClientConfig;
import org.messenger.client.ServerAddress;

/** {@link ChatService} over the client library's {@link ChatClient}: the GUI's only route to the network. */
public final class ClientChatService implements ChatService {
    private final Duration connectTimeout;
    private final Executor background;

    /**
     * @param background runs the few client calls that may wait (closing a connection); never the UI thread
     */
    public ClientChatService(Duration connectTimeout, Executor background) {
        this.connectTimeout = connectTimeout;
        this.background = background;
    }

    @Override
    public CompletableFuture<ChatSession> connect(ServerAddress server, String nick) {
        ChatClient client;
        try {
            client = new ChatClient(ClientConfig.of(server, nick).withConnectTimeout(connectTimeout));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        // Listen before connecting: our own join and the first user list arrive during registration.
        ReplayingListener events = new ReplayingListener();
        client.addListener(events);
        CompletableFuture<ChatSession> session = new CompletableFuture<>();
        try {
            client.connectAsync().whenComplete((connected, error) -> {
                if (error == null) {
                    session.complete(new ClientChatSession(client, events, background));
                } else {
                    // The client closed the connection already; this releases its threads too.
                    background.execute(client::close);
                    session.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            background.execute(client::close);
            session.completeExceptionally(e);
        }
        return session;
    }
}
