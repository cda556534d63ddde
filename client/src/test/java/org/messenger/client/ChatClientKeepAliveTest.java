package org.messenger.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A server that goes silent (no FIN, no RST) is noticed. */
class ChatClientKeepAliveTest {
    private final FakeIrcServer server = new FakeIrcServer();
    private final RecordingListener listener = new RecordingListener();
    private ChatClient client;

    @AfterEach
    void tearDown() throws IOException {
        server.close();
        client.disconnect("test over");
    }

    @Test
    void pingsASilentServerThenGivesTheConnectionUp() throws Exception {
        client = new ChatClient(server.configFor("alice").withKeepAlive(Duration.ofMillis(300)));
        client.addListener(listener);
        CompletableFuture<ChatClient> connecting = client.connectAsync();
        FakeIrcServer.Peer peer = server.accept();
        peer.register("alice");
        connecting.get(5, TimeUnit.SECONDS);

        peer.expect("PING messenger-keepalive");
        ChatEvent.Disconnected disconnected = listener.awaitEvent(ChatEvent.Disconnected.class);
        assertThat(disconnected.reason()).isEqualTo("connection lost: the server stopped answering (silent for 0.6 s)");
        assertThat(disconnected.requested()).isFalse();
    }

    @Test
    void staysConnectedWhenTheServerAnswersThePing() throws Exception {
        client = new ChatClient(server.configFor("alice").withKeepAlive(Duration.ofMillis(300)));
        client.addListener(listener);
        CompletableFuture<ChatClient> connecting = client.connectAsync();
        FakeIrcServer.Peer peer = server.accept();
        peer.register("alice");
        connecting.get(5, TimeUnit.SECONDS);

        for (int i = 0; i < 3; i++) {
            peer.expect("PING messenger-keepalive");
            peer.send(":irc.test PONG irc.test :messenger-keepalive");
        }
        assertThat(client.isConnected()).isTrue();
        assertThat(listener.all(ChatEvent.Disconnected.class)).isEmpty();
    }
}
