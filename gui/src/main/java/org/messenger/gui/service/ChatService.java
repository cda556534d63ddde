package org.messenger.gui.service;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.messenger.client.ClientConfig;
import org.messenger.client.ServerAddress;
import org.messenger.client.tls.UntrustedServerException;

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
        return connect(server, nick, false, null);
    }

    /**
     * The same, over TLS when {@code tls}: the server's certificate is checked (a CA's, or one
     * remembered in the known servers file); an unknown self-signed one fails the future with an
     * {@link UntrustedServerException} that {@link #trust} can accept before connecting again.
     * With a {@code login} (else null) it logs in to that account with SASL while registering.
     */
    CompletableFuture<ChatSession> connect(ServerAddress server, String nick, boolean tls, ClientConfig.Login login);

    /**
     * Remembers the certificate {@code refused} was about in the user's known servers file, so the
     * next TLS connect to that server accepts it.
     *
     * @throws IOException when the file cannot be written
     */
    void trust(UntrustedServerException refused) throws IOException;
}
