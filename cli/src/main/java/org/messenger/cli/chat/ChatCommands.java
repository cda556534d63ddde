package org.messenger.cli.chat;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.messenger.client.ChatClient;
import org.messenger.client.ChatClientException;
import org.messenger.client.SlashCommand;

/**
 * Runs what the user typed against a {@link ChatClient}; every answer goes to {@code screen}.
 * Never waits on the network: replies that come later (a 401, the user list) are shown when
 * they arrive.
 */
public final class ChatCommands {
    private final ChatClient client;
    private final Consumer<String> screen;
    private final EventFormatter formatter;
    private final Clock clock;
    private final PasswordPrompt passwords;

    /** Asks for a password on the terminal without echoing it; empty when the user gave none (Ctrl-C, Ctrl-D). */
    @FunctionalInterface
    public interface PasswordPrompt {
        Optional<String> ask(String prompt);
    }

    /** Without a terminal to ask on: {@code /register} alone says to give the password on the line. */
    public ChatCommands(ChatClient client, Consumer<String> screen, EventFormatter formatter, Clock clock) {
        this(client, screen, formatter, clock, prompt -> Optional.empty());
    }

    public ChatCommands(ChatClient client, Consumer<String> screen, EventFormatter formatter, Clock clock,
                        PasswordPrompt passwords) {
        this.client = client;
        this.screen = screen;
        this.formatter = formatter;
        this.clock = clock;
        this.passwords = passwords;
    }

    /** Runs one typed line. Returns false when the user asked to quit. */
    public boolean run(String line) {
        SlashCommand input = SlashCommand.parse(line, client.lobby());
        try {
            return run(input);
        } catch (ChatClientException | IllegalArgumentException e) {
            show("! " + e.getMessage());
            return true;
        }
    }

    private boolean run(SlashCommand input) {
        switch (input) {
            case SlashCommand.Nothing nothing -> { }
            case SlashCommand.Say say -> {
                client.sendToLobby(say.text());
                show("<" + client.nick() + "> " + TerminalText.clean(say.text()));
            }
            case SlashCommand.SayPrivately say -> sayPrivately(say);
            case SlashCommand.Action action -> {
                client.sendAction(requireLobby(), action.text());
                show("* " + client.nick() + " " + TerminalText.clean(action.text()));
            }
            case SlashCommand.ListUsers list -> reportFailure(client.refreshUsers());
            case SlashCommand.ChangeNick change -> reportFailure(client.changeNick(change.nick()));
            case SlashCommand.RegisterAccount register -> register(register.password());
            case SlashCommand.RegisterAccountAskingPassword ask -> {
                String account = client.nick();
                Optional<String> password = passwords.ask("Password for the new account " + account + ": ");
                if (password.isEmpty() || password.get().isEmpty()) {
                    show("Nothing registered (no password given).");
                    return true;
                }
                Optional<String> again = passwords.ask("The same password again: ");
                if (again.isEmpty() || !again.get().equals(password.get())) {
                    show("! The two passwords differ; nothing registered. Type /register to try again.");
                    return true;
                }
                register(password.get());
            }
            case SlashCommand.Quit quit -> {
                client.disconnect(quit.reason().isBlank() ? "leaving" : quit.reason());
                return false;
            }
            case SlashCommand.Help help -> ChatInput.helpLines().forEach(screen);
            case SlashCommand.Invalid invalid -> show(invalid.problem());
            // The server's answer (a MODE, KICK or TOPIC line, or an error numeric) shows up as an event.
            case SlashCommand.ServerRequest request -> client.send(request.toIrc());
        }
        return true;
    }

    private void register(String password) {
        show("Registering account " + client.nick() + "...");
        CompletionStage<String> registered = client.registerAccount(password);
        registered.thenAccept(account -> show("Account " + account
                + " registered and saved; you are logged in. Next time: --account " + account));
        reportFailure(registered);
    }

    /**
     * The first line to someone opens the conversation: its earlier lines (CHATHISTORY) show
     * first, then ours; the server gets our message after the history request, so it is not in it.
     */
    private void sayPrivately(SlashCommand.SayPrivately say) {
        CompletionStage<?> opened = opened(say.nick());
        opened.whenComplete((lines, error) -> {
            try {
                reportFailure(client.sendPrivateConfirmed(say.nick(), say.text()));
                show("-> *" + say.nick() + "* " + TerminalText.clean(say.text()));
            } catch (ChatClientException | IllegalArgumentException e) {
                show("! " + e.getMessage());
            }
        });
    }

    private CompletionStage<?> opened(String nick) {
        try {
            return client.openConversation(nick);
        } catch (IllegalArgumentException e) {
            // Not a nick: sending says why.
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
    }

    private String requireLobby() {
        String lobby = client.lobby();
        if (lobby == null) {
            throw new IllegalArgumentException("you are not in a lobby channel");
        }
        return lobby;
    }

    /** Success shows up through events (the user list, the nick change); only a failure needs a line. */
    private void reportFailure(CompletionStage<?> stage) {
        stage.whenComplete((ok, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                show("! " + cause.getMessage());
            }
        });
    }

    private void show(String text) {
        screen.accept(formatter.stamp(clock.instant(), text));
    }
}
