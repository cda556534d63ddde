package org.messenger.gui.service;

import java.util.concurrent.CompletableFuture;
import org.messenger.client.ClientConfig;
import org.messenger.client.ServerAddress;

/**
 * Opens chat sessions: the only way the GUI reaches a chat server. Views and view-models see
 * this interface; {@link ClientChatService} implements it with the client library's ChatClient.
 */
public interface ChatService {
    /**
     * Connects and registers as {@code nick} without blocking the caller. The future fails with a
     * {@link org.messenger.client.ChatClientException} (a {@link org.messenger.client.NickTakenException}
     * when the nick is in use) whose message is fit for people.
     */
    default CompletableFuture<ChatSession> connect(ServerAddress server, String nick) {
        return connect(server, nick, null);
    }

    /** Like {@link #connect(ServerAddress, String)}, logging in to an account with SASL when {@code login} is not null. */
    CompletableFuture<ChatSession> connect(ServerAddress server, String nick, ClientConfig.Login login);
}
