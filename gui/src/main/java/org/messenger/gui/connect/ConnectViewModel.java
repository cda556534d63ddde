package org.messenger.gui.connect;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.messenger.client.ChatClientException;
import org.messenger.client.ClientConfig;
import org.messenger.client.ServerAddress;
import org.messenger.client.tls.UntrustedServerException;
import org.messenger.gui.service.ChatService;
import org.messenger.gui.service.ChatSession;
import org.messenger.gui.service.Failures;

/**
 * The connect dialog without the dialog: server address, nick and optionally an account with its
 * password, a connect action that never
 * blocks the UI thread, and an error text for people when it fails (the dialog stays to retry).
 */
public final class ConnectViewModel {
    public static final String DEFAULT_SERVER = "127.0.0.1:" + ServerAddress.DEFAULT_PORT;
    static final int TLS_PORT = 6697;

    private final ChatService service;
    private final Executor ui;
    private final Consumer<ChatSession> connected;
    private final StringProperty server = new SimpleStringProperty(DEFAULT_SERVER);
    private final StringProperty nick = new SimpleStringProperty("");
    private final StringProperty account = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty passwordAgain = new SimpleStringProperty("");
    private final BooleanProperty register = new SimpleBooleanProperty(false);
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanBinding canConnect;
    private final BooleanProperty tls = new SimpleBooleanProperty();
    private final ObjectProperty<UntrustedServerException> untrusted = new SimpleObjectProperty<>();

    /**
     * @param ui        runs the outcome on the UI thread
     * @param connected told the new session once the server welcomed us
     */
    public ConnectViewModel(ChatService service, Executor ui, Consumer<ChatSession> connected) {
        this.service = service;
        this.ui = ui;
        this.connected = connected;
        this.canConnect = Bindings.createBooleanBinding(
                () -> !busy.get() && untrusted.get() == null && !nick.get().isBlank() && !server.get().isBlank(),
                busy, nick, server, untrusted);
        // RFC 7194: 6697 is IRC over TLS, so an address with it turns the switch on.
        server.addListener((obs, was, now) -> {
            if (now != null && now.strip().endsWith(":" + TLS_PORT)) {
                tls.set(true);
            }
        });
    }

    /** The TLS switch. */
    public BooleanProperty tlsProperty() {
        return tls;
    }

    /**
     * Set while the server's self-signed certificate waits for the user's decision ({@link #trustAndConnect}
     * or {@link #distrust}); null otherwise.
     */
    public ReadOnlyObjectProperty<UntrustedServerException> untrustedProperty() {
        return untrusted;
    }

    /** What the user is asked about an unknown certificate, with its fingerprint. */
    public static String question(UntrustedServerException refused) {
        return "The server " + refused.server() + " has a self-signed certificate not seen before. Its SHA-256 fingerprint is\n"
                + refused.fingerprint() + "\nCompare it with the fingerprint the server printed at start (ask its operator)."
                + " Trust it and remember it" + (refused.knownServersFile() == null ? "" : " in " + refused.knownServersFile()) + "?";
    }

    /** The user trusts the certificate: remember it and connect again. */
    public void trustAndConnect() {
        UntrustedServerException refused = untrusted.get();
        if (refused == null) {
            return;
        }
        untrusted.set(null);
        try {
            service.trust(refused);
        } catch (IOException | RuntimeException e) {
            error.set("Could not remember the certificate: " + e.getMessage());
            return;
        }
        connect();
    }

    /** The user does not trust the certificate: stay here, not connected. */
    public void distrust() {
        if (untrusted.get() != null) {
            untrusted.set(null);
            error.set("Not connected: the server's certificate was not trusted.");
        }
    }

    public StringProperty serverProperty() {
        return server;
    }

    public StringProperty nickProperty() {
        return nick;
    }

    /** The account to log in to (SASL); empty to connect without one. */
    public StringProperty accountProperty() {
        return account;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    /** Create the account (IRCv3 REGISTER) instead of logging in to it: named after the nickname. */
    public BooleanProperty registerProperty() {
        return register;
    }

    /** The password typed a second time, when creating an account. */
    public StringProperty passwordAgainProperty() {
        return passwordAgain;
    }

    /** Empty, or what went wrong and what to do about it. */
    public ReadOnlyStringProperty errorProperty() {
        return error;
    }

    /** True while connecting. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public BooleanBinding canConnect() {
        return canConnect;
    }

    /** Shows a message from elsewhere, e.g. why the connection was lost. */
    public void showError(String message) {
        error.set(message == null ? "" : message);
    }

    /** Starts connecting; the outcome arrives on the UI thread. Does nothing while already connecting. */
    public void connect() {
        if (busy.get()) {
            return;
        }
        String wantedNick = nick.get().strip();
        if (wantedNick.isEmpty()) {
            error.set("Enter a nickname.");
            return;
        }
        if (wantedNick.chars().anyMatch(Character::isWhitespace)) {
            error.set("A nickname is one word: \"" + wantedNick + "\" has a space in it.");
            return;
        }
        ServerAddress address;
        try {
            address = ServerAddress.parse(server.get());
        } catch (IllegalArgumentException e) {
            error.set("The server address is not valid: " + e.getMessage() + ".");
            return;
        }
        String wantedAccount = account.get() == null ? "" : account.get().strip();
        if (register.get()) {
            connectAndRegister(address, wantedNick, wantedAccount);
            return;
        }
        ClientConfig.Login login = null;
        if (!wantedAccount.isEmpty()) {
            if (password.get() == null || password.get().isEmpty()) {
                error.set("Enter the password of account " + wantedAccount + ", or clear the account to connect without one.");
                return;
            }
            try {
                login = new ClientConfig.Login(wantedAccount, password.get());
            } catch (IllegalArgumentException e) {
                error.set(sentence(e.getMessage()));
                return;
            }
        }
        error.set("");
        busy.set(true);
        boolean secure = tls.get() || address.port() == TLS_PORT;
        service.connect(address, wantedNick, secure, login).whenCompleteAsync((session, failure) -> {
            busy.set(false);
            if (failure == null) {
                connected.accept(session);
            } else if (Failures.unwrap(failure) instanceof UntrustedServerException refused
                    && refused.reason() == UntrustedServerException.Reason.UNKNOWN) {
                untrusted.set(refused); // the view asks; a changed or pinned-mismatch one is only an error
            } else {
                error.set(describe(failure, wantedNick));
            }
        }, ui);
    }

    /**
     * Connects without logging in, then registers the account (named after the nickname, as
     * draft/account-registration's {@code REGISTER *} does) and logs in to it; the chat opens
     * once the server saved it. A refusal leaves the dialog open with the server's reason, and
     * the connection is closed.
     */
    private void connectAndRegister(ServerAddress address, String wantedNick, String wantedAccount) {
        if (!wantedAccount.isEmpty() && !wantedAccount.equalsIgnoreCase(wantedNick)) {
            error.set("An account is named after the nickname it is created with: set Nickname to " + wantedAccount
                    + ", or Account to " + wantedNick + ".");
            return;
        }
        String secret = password.get() == null ? "" : password.get();
        if (secret.isEmpty()) {
            error.set("Choose a password for the new account " + wantedNick + ".");
            return;
        }
        if (!secret.equals(passwordAgain.get())) {
            error.set("The two passwords differ: type the same password in both fields.");
            return;
        }
        error.set("");
        busy.set(true);
        boolean secure = tls.get() || address.port() == TLS_PORT;
        service.connect(address, wantedNick, secure, null)
                .thenCompose(session -> session.registerAccount(secret)
                        .handle((account, refused) -> {
                            if (refused != null) {
                                session.disconnect();
                                throw new java.util.concurrent.CompletionException(new RegistrationRefused(refused));
                            }
                            return session;
                        }))
                .whenCompleteAsync((session, failure) -> {
                    busy.set(false);
                    if (failure == null) {
                        register.set(false);
                        password.set("");
                        passwordAgain.set("");
                        account.set("");
                        connected.accept(session);
                    } else if (Failures.unwrap(failure) instanceof RegistrationRefused refused) {
                        error.set("Account " + wantedNick + " not created: " + sentence(Failures.unwrap(refused.getCause()).getMessage()));
                    } else if (Failures.unwrap(failure) instanceof UntrustedServerException untrustedServer
                            && untrustedServer.reason() == UntrustedServerException.Reason.UNKNOWN) {
                        untrusted.set(untrustedServer);
                    } else {
                        error.set(describe(failure, wantedNick));
                    }
                }, ui);
    }

    /** The server refused REGISTER: said as such, not as a failure to connect. */
    private static final class RegistrationRefused extends RuntimeException {
        RegistrationRefused(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** A failure to connect, told to a person: what went wrong and what to try. */
    static String describe(Throwable failure, String nick) {
        Optional<String> refusal = Failures.nickRefusal(failure, nick);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        Throwable e = Failures.unwrap(failure);
        if (e instanceof ChatClientException chat) {
            return switch (chat.problem()) {
                case UNREACHABLE, TIMEOUT -> sentence(chat.getMessage());
                default -> "Could not connect: " + chat.getMessage() + (chat.getMessage().endsWith(".") ? "" : ".");
            };
        }
        if (e instanceof IllegalArgumentException) {
            return sentence(e.getMessage());
        }
        return "Could not connect: " + e.getMessage();
    }

    private static String sentence(String text) {
        if (text == null || text.isEmpty()) {
            return "Could not connect.";
        }
        String capital = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return capital.endsWith(".") || capital.endsWith("?") ? capital : capital + ".";
    }
}
