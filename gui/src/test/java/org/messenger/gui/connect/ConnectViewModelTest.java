package org.messenger.gui.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.messenger.client.ChatClientException;
import org.messenger.client.ChatClientException.Problem;
import org.messenger.client.NickTakenException;
import org.messenger.client.ServerAddress;
import org.messenger.gui.fakes.FakeChatService;
import org.messenger.gui.service.ChatSession;

class ConnectViewModelTest {
    private final FakeChatService service = new FakeChatService();
    private final List<ChatSession> connected = new ArrayList<>();
    private final ConnectViewModel model = new ConnectViewModel(service, Runnable::run, connected::add);

    @Test
    void offersTheLocalServerByDefault() {
        assertThat(model.serverProperty().get()).isEqualTo("127.0.0.1:50000");
        assertThat(model.canConnect().get()).isFalse();
    }

    @Test
    void handsOverTheSessionOnceTheServerWelcomesUs() {
        FakeChatService welcoming = FakeChatService.welcoming("bob");
        ConnectViewModel m = new ConnectViewModel(welcoming, Runnable::run, connected::add);
        m.serverProperty().set("chat.example.org:6667");
        m.nickProperty().set(" alice ");

        m.connect();

        assertThat(welcoming.attempts()).singleElement().satisfies(a -> {
            assertThat(a.server()).isEqualTo(new ServerAddress("chat.example.org", 6667));
            assertThat(a.nick()).isEqualTo("alice");
        });
        assertThat(connected).singleElement().extracting(ChatSession::nick).isEqualTo("alice");
        assertThat(m.errorProperty().get()).isEmpty();
    }

    @Test
    void isBusyWhileConnectingAndIgnoresASecondClick() {
        model.nickProperty().set("alice");

        model.connect();
        model.connect();

        assertThat(model.busyProperty().get()).isTrue();
        assertThat(model.canConnect().get()).isFalse();
        assertThat(service.attempts()).hasSize(1);
    }

    @Test
    void explainsATakenNickAndStaysOpenForAnotherTry() {
        service.answerWith((server, nick) -> CompletableFuture.failedFuture(new NickTakenException(nick)));
        model.nickProperty().set("bob");

        model.connect();

        assertThat(model.errorProperty().get()).isEqualTo("The nickname bob is already taken. Choose another one.");
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.canConnect().get()).isTrue();
        assertThat(connected).isEmpty();
    }

    @Test
    void explainsANickTheServerRefuses() {
        service.answerWith((server, nick) -> CompletableFuture.failedFuture(new ChatClientException(
                Problem.NICK_INVALID, "nick 9lives is not allowed: Erroneous nickname")));
        model.nickProperty().set("9lives");

        model.connect();

        assertThat(model.errorProperty().get()).startsWith("The server does not accept the nickname 9lives");
    }

    @Test
    void passesOnTheClientLibrarysWordsForAnUnreachableServer() {
        service.answerWith((server, nick) -> CompletableFuture.failedFuture(new ChatClientException(Problem.UNREACHABLE,
                "Cannot reach 127.0.0.1:50000: connection refused. Is the server running?")));
        model.nickProperty().set("alice");

        model.connect();

        assertThat(model.errorProperty().get()).isEqualTo("Cannot reach 127.0.0.1:50000: connection refused. Is the server running?");
    }

    @Test
    void clearsTheOldErrorWhenTryingAgain() {
        service.answerWith((server, nick) -> CompletableFuture.failedFuture(new NickTakenException(nick)));
        model.nickProperty().set("bob");
        model.connect();
        service.answerWith((server, nick) -> new CompletableFuture<>());

        model.connect();

        assertThat(model.errorProperty().get()).isEmpty();
    }

    @Test
    void rejectsANickWithASpaceWithoutConnecting() {
        model.nickProperty().set("alice smith");

        model.connect();

        assertThat(model.errorProperty().get()).contains("one word");
        assertThat(service.attempts()).isEmpty();
    }

    @Test
    void rejectsAMalformedServerAddressWithoutConnecting() {
        model.serverProperty().set("localhost:http");
        model.nickProperty().set("alice");

        model.connect();

        assertThat(model.errorProperty().get()).startsWith("The server address is not valid");
        assertThat(service.attempts()).isEmpty();
    }
}
