package org.messenger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.messenger.client.ChatClientException.Problem;

/** Registration as it looks on the wire, against a scripted server. */
class ChatClientRegistrationTest {
    private final FakeIrcServer server = new FakeIrcServer();
    private ChatClient client;

    @AfterEach
    void tearDown() throws IOException {
        server.close();
        if (client != null) {
            client.disconnect("test over");
        }
    }

    private Throwable failureOf(CompletableFuture<?> future) throws Exception {
        try {
            future.get(5, TimeUnit.SECONDS);
            throw new AssertionError("expected the connect to fail");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    @Test
    void requestsServerTimeAndMessageTagsWhenOffered() throws Exception {
        client = new ChatClient(server.configFor("alice"));
        CompletableFuture<ChatClient> connecting = client.connectAsync();
        FakeIrcServer.Peer peer = server.accept();
        peer.register("alice", "@bob", "carol");

        connecting.get(5, TimeUnit.SECONDS);
        assertThat(client.capabilities()).containsExactlyInAnyOrder("server-time", "message-tags");
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void preparingTheNetworkStackOnAnotherThreadFirstChangesNothingOnTheWire() throws Exception {
        Thread prepare = Thread.ofPlatform().start(ChatClient::prepareNetworkStack);
        ChatClient.prepareNetworkStack(); // concurrently, and twice in all: idempotent
        prepare.join(10_000);
        assertThat(prepare.isAlive()).isFalse();

        client = new ChatClient(server.configFor("alice"));
        CompletableFuture<ChatClient> connecting = client.connectAsync();
        FakeIrcServer.Peer peer = server.accept();
        peer.register("alice", "@bob");
        connecting.get(5, TimeUnit.SECONDS);
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void endsCapabilityNegotiationWithoutRequestWhenNothingWantedIsOffered() throws Exception {
        client = new ChatClient(server.configFor("alice"));
        CompletableFuture<ChatClient> connecting = client.connectAsync();
        FakeIrcServer.Peer peer = server.accept();
        peer.expect("CAP LS 302");
        peer.expect("NICK alice");
        peer.expect("USER alice 0 * :alice");
        peer.send(":irc.test CAP * LS * :sasl", ":irc.test CAP * LS :account-notify");
        peer.expect("CAP END");
        peer.send(":irc.test 001 alice :Welcome");
        String token = peer.expectMatching("PING :?(\\S+)");
        peer.send(":irc.test PONG irc.test :" + token);

        connecting.get(5, TimeUnit.SECONDS);
        assertThat(client.capabilities()).isEmpty();
    }

    @Test
    void registersWithServerThatDoesNotKnowCap() throws Exception {
        client = new ChatClient(server.configFor("alice"));
        CompletableFuture<ChatClient> connecting = client.connectAsync();
        FakeIrcServer.Peer peer = server.accept();
        peer.expect("CAP LS 302");
        peer.expect("NICK alice");
        peer.expect("USER alice 0 * :alice");
        peer.send(":irc.test 421 * CAP :Unknown command", ":irc.test 001 alice :Welcome");
        String token = peer.expectMatching("PING :?(\\S+)");
        peer.send(":irc.test PONG irc.test :" + token);

        connecting.get(5, TimeUnit.SECONDS);
        assertThat(client.nick()).isEqualTo("alice");
    }

    @Test
    void tracksLobbyAndUsersFromAutoJoin() throws Exception {
        client = new ChatClient(server.configFor("alice"));
        CompletableFuture<ChatClient> connecting = client.connectAsync();
        server.accept().register("alice", "@bob", "+carol");

        connecting.get(5, TimeUnit.SECONDS);
        assertThat(client.lobby()).isEqualTo("#lobby");
        assertThat(client.users()).containsExactly("alice", "bob", "carol");
        assertThat(client.serverName()).isEqualTo("irc.test");
    }

    @Test
    void reportsTakenNickAsNickTakenException() throws Exception {
        client = new ChatClient(server.configFor("bob"));
        CompletableFuture<ChatClient> connecting = client.connectAsync();
        FakeIrcServer.Peer peer = server.accept();
        peer.expect("CAP LS 302");
        peer.expect("NICK bob");
        peer.expect("USER bob 0 * :bob");
        peer.send(":irc.test CAP * LS :", ":irc.test 433 * bob :Nickname is already in use");
        peer.expect("CAP END");

        Throwable failure = failureOf(connecting);
        assertThat(failure).isInstanceOf(NickTakenException.class).hasMessage("nick bob is taken");
        assertThat(((NickTakenException) failure).nick()).isEqualTo("bob");
        peer.expectClosed();
    }

    @Test
    void leavesNoThreadsBehindAfterAFailedRegistration() throws Exception {
        client = new ChatClient(server.configFor("quinn"));
        CompletableFuture<ChatClient> connecting = client.connectAsync();
        FakeIrcServer.Peer peer = server.accept();
        peer.expect("CAP LS 302");
        peer.send(":irc.test 433 * quinn :Nickname is already in use");
        failureOf(connecting);

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet()
                .stream().noneMatch(t -> t.getName().contains("-quinn")));
    }

    @Test
    void retriesWithTheNickTheCollisionHandlerOffers() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        client = new ChatClient(server.configFor("bob").withNickCollisionHandler((taken, attempt) -> {
            asked.add(taken + "#" + attempt);
            return Optional.of(taken + "_");
        }));
        CompletableFuture<ChatClient> connecting = client.connectAsync();
        FakeIrcServer.Peer peer = server.accept();
        peer.expect("CAP LS 302");
        peer.expect("NICK bob");
        peer.expect("USER bob 0 * :bob");
        peer.send(":irc.test 421 * CAP :Unknown command", ":irc.test 433 * bob :Nickname is already in use");
        peer.expect("NICK bob_");
        peer.send(":irc.test 001 bob_ :Welcome");
        String token = peer.expectMatching("PING :?(\\S+)");
        peer.send(":irc.test PONG irc.test :" + token);

        connecting.get(5, TimeUnit.SECONDS);
        assertThat(client.nick()).isEqualTo("bob_");
        assertThat(asked).containsExactly("bob#1");
    }

    @Test
    void reportsRefusedConnectionInPlainWords() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        client = new ChatClient(ClientConfig.of("127.0.0.1", closedPort, "alice"));

        assertThatThrownBy(client::connect)
                .isInstanceOf(ChatClientException.class)
                .hasMessage("Cannot reach 127.0.0.1:" + closedPort + ": connection refused. Is the server running?")
                .extracting(e -> ((ChatClientException) e).problem()).isEqualTo(Problem.UNREACHABLE);
    }

    @Test
    void givesUpWhenServerNeverWelcomes() throws Exception {
        client = new ChatClient(server.configFor("alice").withConnectTimeout(Duration.ofMillis(500)));
        CompletableFuture<ChatClient> connecting = client.connectAsync();
        FakeIrcServer.Peer peer = server.accept();
        peer.expect("CAP LS 302");

        Throwable failure = failureOf(connecting);
        assertThat(failure).isInstanceOf(ChatClientException.class)
                .hasMessageContaining("did not complete registration within 0.5 s");
        assertThat(((ChatClientException) failure).problem()).isEqualTo(Problem.TIMEOUT);
    }

    @Test
    void reportsErrorLineSentDuringRegistration() throws Exception {
        client = new ChatClient(server.configFor("alice"));
        CompletableFuture<ChatClient> connecting = client.connectAsync();
        FakeIrcServer.Peer peer = server.accept();
        peer.expect("CAP LS 302");
        peer.expect("NICK alice");
        peer.expect("USER alice 0 * :alice");  // closing with unread input would reset the connection
        peer.send("ERROR :Closing Link: too many connections from your host");
        peer.close();

        assertThat(failureOf(connecting)).isInstanceOf(ChatClientException.class)
                .hasMessage("the server refused the connection: Closing Link: too many connections from your host");
    }

    @Test
    void rejectsErroneousNickWithTheServersReason() throws Exception {
        client = new ChatClient(server.configFor("al1ce"));
        CompletableFuture<ChatClient> connecting = client.connectAsync();
        FakeIrcServer.Peer peer = server.accept();
        peer.expect("CAP LS 302");
        peer.send(":irc.test 432 * al1ce :Erroneous nickname");

        Throwable failure = failureOf(connecting);
        assertThat(failure).hasMessage("nick al1ce is not allowed: Erroneous nickname");
        assertThat(((ChatClientException) failure).problem()).isEqualTo(Problem.NICK_INVALID);
    }
}
