package org.messenger.gui.service;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.messenger.client.ChatClient;
import org.messenger.client.ClientConfig;
import org.messenger.client.ServerAddress;
import org.messenger.client.tls.ClientTls;
import org.messenger.client.tls.KnownServers;
import org.messenger.client.tls.UntrustedServerException;
import org.messenger.files.client.FileClient;
import org.messenger.gui.files.FileDownloads;

/** {@link ChatService} over the client library's {@link ChatClient}: the GUI's only route to the network. */
public final class ClientChatService implements ChatService {
    private final Duration connectTimeout;
    private final Executor background;
    private final KnownServers knownServers;

    /**
     * @param background runs the few client calls that may wait (closing a connection); never the UI thread
     */
    public ClientChatService(Duration connectTimeout, Executor background) {
        this(connectTimeout, background, KnownServers.standard());
    }

    /** @param knownServers where certificates trusted on first use are remembered (the CLI's file too) */
    public ClientChatService(Duration connectTimeout, Executor background, KnownServers knownServers) {
        this.connectTimeout = connectTimeout;
        this.background = background;
        this.knownServers = knownServers;
    }

    /**
     * Downloads for a session this service opened, through the files module's client, saved into
     * {@code downloadFolder}.
     */
    public FileDownloads filesFor(ChatSession session, Path downloadFolder) {
        if (!(session instanceof ClientChatSession ours)) {
            throw new IllegalArgumentException("not a session of this service: " + session);
        }
        // The same settings as the CLI's get and /get: loopback datagrams from a local server.
        FileClient files = new FileClient(ours.client(), FileClient.downloadConfig(ours.server().host()), null);
        return new FileClientService(ours.client(), files, downloadFolder, System::nanoTime);
    }

    @Override
    public void trust(UntrustedServerException refused) throws IOException {
        knownServers.remember(refused.server(), refused.fingerprint());
    }

    @Override
    public CompletableFuture<ChatSession> connect(ServerAddress server, String nick, boolean tls, ClientConfig.Login login) {
        ChatClient client;
        try {
            ClientConfig config = ClientConfig.of(server, nick).withConnectTimeout(connectTimeout)
                    .withTls(tls ? new ClientTls(null, knownServers, false) : null);
            client = new ChatClient(login == null ? config : config.withLogin(login.account(), login.password()));
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
