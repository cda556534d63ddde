package org.messenger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.messenger.irc.server.AccountConfig;
import org.messenger.irc.server.IrcServer;
import org.messenger.irc.server.IrcServerConfig;

/** Registering an account and logging in to it with SASL, against the real server on 127.0.0.1. */
class ChatClientLoginTest {
    private IrcServer server;
    private final List<ChatClient> clients = new ArrayList<>();

    @BeforeEach
    void startServer() throws InterruptedException {
        server = IrcServer.start(IrcServerConfig.builder().bindAddress("127.0.0.1").port(0).serverName("test.server")
                .accounts(AccountConfig.inMemory().withScramIterations(4096)).build());
    }

    @AfterEach
    void stop() {
        clients.forEach(c -> c.disconnect("test over"));
        server.close();
    }

    private ChatClient connect(ClientConfig config) {
        ChatClient client = new ChatClient(config);
        clients.add(client);
        client.connect();
        return client;
    }

    private void registerAlice() {
        ChatClient alice = connect(ClientConfig.of("127.0.0.1", server.port(), "alice"));
        assertThat(alice.registerAccount("wonderland").join()).isEqualTo("alice");
        alice.disconnect("bye");
        Awaitility.await().until(() -> server.hub().findUser("alice").isEmpty());
    }

    @Test
    void logsInWithScramWhenTheServerOffersIt() {
        registerAlice();
        ChatClient alice = connect(ClientConfig.of("127.0.0.1", server.port(), "alice").withLogin("alice", "wonderland"));
        assertThat(alice.capabilities()).contains("sasl");
        assertThat(server.hub().findUser("alice").orElseThrow().account()).isEqualTo("alice");
    }

    @Test
    void wrongPasswordFailsTheConnectionWithAClearReason() {
        registerAlice();
        ChatClient client = new ChatClient(ClientConfig.of("127.0.0.1", server.port(), "alice").withLogin("alice", "looking glass"));
        clients.add(client);
        assertThatThrownBy(client::connect).isInstanceOf(ChatClientException.class)
                .hasMessageContaining("cannot log in to account alice: wrong account name or password");
    }

    @Test
    void registeringAnAccountThatExistsFailsWithTheServersReason() {
        registerAlice();
        ChatClient other = connect(ClientConfig.of("127.0.0.1", server.port(), "alice"));
        assertThatThrownBy(() -> other.registerAccount("another-password").join())
                .hasMessageContaining("That account already exists");
    }
}
