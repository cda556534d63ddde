package org.messenger.gui.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.messenger.client.ClientConfig;
import org.messenger.client.ServerAddress;
import org.messenger.client.tls.UntrustedServerException;
import org.messenger.gui.service.ChatService;
import org.messenger.gui.service.ChatSession;

/** Answers connects as the test says: with a session, a failure, or not yet (the test completes it). */
public final class FakeChatService implements ChatService {
    public record Attempt(ServerAddress server, String nick, boolean tls, ClientConfig.Login login,
            CompletableFuture<ChatSession> result) {}

    private final List<Attempt> attempts = new ArrayList<>();
    private final List<UntrustedServerException> trusted = new ArrayList<>();
    private BiFunction<ServerAddress, String, CompletableFuture<ChatSession>> answer =
            (server, nick) -> new CompletableFuture<>();

    /** Every connect succeeds with a fresh session for the nick, with the given other users online. */
    public static FakeChatService welcoming(String... others) {
        FakeChatService service = new FakeChatService();
        service.answer = (server, nick) -> {
            List<String> users = new ArrayList<>(List.of(others));
            users.add(nick);
            return CompletableFuture.completedFuture(new FakeChatSession(server, nick, users));
        };
        return service;
    }

    public synchronized void answerWith(BiFunction<ServerAddress, String, CompletableFuture<ChatSession>> newAnswer) {
        answer = newAnswer;
    }

    @Override
    public synchronized CompletableFuture<ChatSession> connect(ServerAddress server, String nick, boolean tls, ClientConfig.Login login) {
        CompletableFuture<ChatSession> result = answer.apply(server, nick);
        attempts.add(new Attempt(server, nick, tls, login, result));
        return result;
    }

    @Override
    public synchronized void trust(UntrustedServerException refused) {
        trusted.add(refused);
    }

    /** The certificates the user chose to trust. */
    public synchronized List<UntrustedServerException> trusted() {
        return List.copyOf(trusted);
    }

    public synchronized List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** The session of the last successful connect. */
    public synchronized FakeChatSession lastSession() {
        for (int i = attempts.size() - 1; i >= 0; i--) {
            CompletableFuture<ChatSession> r = attempts.get(i).result();
            if (r.isDone() && !r.isCompletedExceptionally()) {
                return (FakeChatSession) r.join();
            }
        }
        throw new AssertionError("no connect succeeded");
    }
}
