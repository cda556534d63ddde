package org.messenger.irc.server;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** Starts a server on 127.0.0.1 with an ephemeral port per test, and closes it and its clients after. */
abstract class IrcServerTestBase {
    protected IrcServer server;
    private final List<RawIrcClient> clients = new ArrayList<>();

    protected IrcServer start(IrcServerConfig.Builder builder) {
        try {
            server = IrcServer.start(builder.bindAddress("127.0.0.1").port(0).serverName("test.server").build());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return server;
    }

    protected IrcServer start() {
        return start(IrcServerConfig.builder());
    }

    protected RawIrcClient connect() {
        return track(RawIrcClient.connect(server.port()));
    }

    protected RawIrcClient registered(String nick) {
        return track(RawIrcClient.registered(server.port(), nick));
    }

    /** Connects, asks for {@code caps} (space-separated) with CAP LS 302 and registers as {@code nick}. */
    protected RawIrcClient registeredWithCaps(String nick, String caps) {
        RawIrcClient client = connect();
        client.send("CAP LS 302");
        client.send("CAP REQ :" + caps);
        client.expect("CAP \\* ACK");
        client.send("CAP END");
        return client.register(nick);
    }

    protected RawIrcClient track(RawIrcClient client) {
        clients.add(client);
        return client;
    }

    @AfterEach
    void stopServer() {
        clients.forEach(RawIrcClient::close);
        if (server != null) {
            server.close();
        }
    }
}
