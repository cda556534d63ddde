package org.messenger.client;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.messenger.client.ChatClientException.Problem;
import org.messenger.irc.codec.IrcMessage;
import org.messenger.irc.codec.Numeric;

/**
 * Connection registration, client side: CAP LS 302 / REQ / END (https://ircv3.net/specs/extensions/capability-negotiation),
 * NICK and USER (RFC 2812 §3.1), then RPL_WELCOME. After the welcome a PING marks the end of the
 * registration burst: once its PONG is back, the server has sent everything it does on
 * registration (auto-join of the lobby, its NAMES), so the caller sees a complete user list.
 * Runs on the network thread.
 */
final class Registration {
    private enum Phase { LISTING_CAPS, REQUESTING_CAPS, AUTHENTICATING, AWAITING_WELCOME, AWAITING_BURST_END, DONE }

    private static final String BURST_TOKEN = "messenger-registered";

    private final IrcSession session;
    private final ClientConfig config;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Set<String> offeredCaps = new LinkedHashSet<>();
    private final Set<String> enabledCaps = new LinkedHashSet<>();
    private Phase phase = Phase.LISTING_CAPS;
    /** What the server's {@code sasl=} capability value lists, or null when it gave none. */
    private String saslMechanisms;
    private SaslLogin sasl;
    private String triedNick;
    private int nickAttempts;

    Registration(IrcSession session, ClientConfig config) {
        this.session = session;
        this.config = config;
        this.triedNick = config.nick();
    }

    CompletableFuture<Void> done() {
        return done;
    }

    boolean finished() {
        return phase == Phase.DONE || done.isDone();
    }

    Set<String> enabledCapabilities() {
        return Set.copyOf(enabledCaps);
    }

    void start() {
        // CAP LS first so that a CAP-aware server holds registration until CAP END.
        session.send(IrcMessage.of("CAP", "LS", "302"));
        session.send(IrcMessage.of("NICK", triedNick));
        session.send(IrcMessage.of("USER", config.username(), "0", "*", config.realName()));
    }

    /** Sees every incoming message until registration is over. */
    void onMessage(IrcMessage message) {
        if (finished()) {
            return;
        }
        switch (message.verb()) {
            case "CAP" -> onCap(message);
            case "AUTHENTICATE" -> onAuthenticate(message);
            case "ERROR" -> fail(new ChatClientException(Problem.REFUSED,
                    "the server refused the connection: " + message.lastParam()));
            default -> onNumeric(message);
        }
    }

    private void onNumeric(IrcMessage message) {
        // No `case null`: see IrcSession.trackNumeric.
        Numeric numeric = message.numeric();
        if (numeric == null) {
            return;
        }
        switch (numeric) {
            case ERR_UNKNOWNCOMMAND -> {
                // A server without CAP support: NICK and USER are already sent, just wait for 001.
                if ("CAP".equalsIgnoreCase(message.param(1)) && phase.ordinal() < Phase.AWAITING_WELCOME.ordinal()) {
                    phase = Phase.AWAITING_WELCOME;
                }
            }
            case RPL_WELCOME -> onWelcome(message);
            case ERR_NICKNAMEINUSE, ERR_NICKCOLLISION -> {
                if (phase != Phase.AWAITING_BURST_END) {
                    onNickTaken(message.param(1) != null ? message.param(1) : triedNick);
                }
            }
            case ERR_ERRONEUSNICKNAME, ERR_NONICKNAMEGIVEN -> fail(ServerReplies.toException(message));
            case RPL_SASLSUCCESS -> {
                if (phase == Phase.AUTHENTICATING) {
                    endCaps();
                }
            }
            case ERR_SASLFAIL, ERR_SASLTOOLONG, ERR_SASLABORTED, ERR_SASLALREADY -> {
                if (phase == Phase.AUTHENTICATING) {
                    String said = message.lastParam();
                    fail(new ChatClientException(Problem.REFUSED, "cannot log in to account " + config.login().account() + ": "
                            + (Numeric.ERR_SASLFAIL.text().equals(said) ? "wrong account name or password" : said)));
                }
            }
            default -> { }
        }
    }

    private void onCap(IrcMessage message) {
        String sub = message.param(1) == null ? "" : message.param(1).toUpperCase(Locale.ROOT);
        switch (sub) {
            case "LS" -> {
                if (phase != Phase.LISTING_CAPS) {
                    return;
                }
                addCaps(offeredCaps, message.lastParam());
                for (String item : message.lastParam() == null ? new String[0] : message.lastParam().split(" ")) {
                    if (item.startsWith("sasl=")) {
                        saslMechanisms = item.substring(5);
                    }
                }
                // "CAP * LS * :..." means more lines follow (CAP LS 302 multiline replies).
                boolean more = message.params().size() >= 4 && "*".equals(message.param(2));
                if (more) {
                    return;
                }
                Set<String> wanted = new LinkedHashSet<>();
                for (String cap : config.wantedCapabilities()) {
                    if (offeredCaps.contains(cap)) {
                        wanted.add(cap);
                    }
                }
                if (config.login() != null) {
                    if (!offeredCaps.contains("sasl")) {
                        fail(new ChatClientException(Problem.REFUSED, "cannot log in to account " + config.login().account()
                                + ": the server at " + config.server() + " does not support accounts (no SASL)"));
                        return;
                    }
                    wanted.add("sasl");
                }
                if (wanted.isEmpty()) {
                    endCaps();
                } else {
                    phase = Phase.REQUESTING_CAPS;
                    session.send(IrcMessage.of("CAP", "REQ", String.join(" ", sorted(wanted))));
                }
            }
            case "ACK" -> {
                addCaps(enabledCaps, message.lastParam());
                if (phase == Phase.REQUESTING_CAPS) {
                    if (config.login() != null && enabledCaps.contains("sasl")) {
                        startSasl();
                    } else {
                        endCaps();
                    }
                }
            }
            case "NAK" -> {
                if (phase == Phase.REQUESTING_CAPS) {
                    if (config.login() != null) {
                        fail(new ChatClientException(Problem.REFUSED, "cannot log in to account " + config.login().account()
                                + ": the server refused the capabilities " + message.lastParam()));
                    } else {
                        endCaps();
                    }
                }
            }
            default -> { }
        }
    }

    private void startSasl() {
        try {
            sasl = SaslLogin.choose(session, config, saslMechanisms);
        } catch (ChatClientException e) {
            fail(e);
            return;
        }
        phase = Phase.AUTHENTICATING;
        sasl.start();
    }

    private void onAuthenticate(IrcMessage message) {
        if (phase != Phase.AUTHENTICATING || sasl == null || message.params().isEmpty()) {
            return;
        }
        try {
            sasl.onChallenge(message.param(0));
        } catch (org.messenger.irc.codec.sasl.SaslException e) {
            fail(new ChatClientException(Problem.REFUSED, "cannot log in to account " + config.login().account() + ": "
                    + e.getMessage()));
        }
    }

    private static List<String> sorted(Set<String> caps) {
        return caps.stream().sorted().toList();
    }

    private void endCaps() {
        phase = Phase.AWAITING_WELCOME;
        session.send(IrcMessage.of("CAP", "END"));
    }

    private static void addCaps(Set<String> into, String list) {
        if (list == null) {
            return;
        }
        for (String item : list.split(" ")) {
            if (item.isEmpty()) {
                continue;
            }
            String name = item.startsWith("-") ? null : item;
            if (name != null) {
                int eq = name.indexOf('=');
                into.add(eq < 0 ? name : name.substring(0, eq));
            } else {
                into.remove(item.substring(1));
            }
        }
    }

    private void onWelcome(IrcMessage welcome) {
        phase = Phase.AWAITING_BURST_END;
        session.registered(welcome.param(0) != null ? welcome.param(0) : triedNick, welcome.sourceNick(),
                enabledCapabilities());
        session.request(List.of(IrcMessage.of("PING", BURST_TOKEN)), ReplyMatcher.pong(BURST_TOKEN),
                        config.connectTimeout(), "the end of registration")
                .whenComplete((replies, error) -> {
                    if (error != null) {
                        fail(error);
                    } else {
                        phase = Phase.DONE;
                        done.complete(null);
                    }
                });
    }

    private void onNickTaken(String taken) {
        int attempt = ++nickAttempts;
        session.askOnEventThread(() -> config.onNickTaken().alternativeFor(taken, attempt),
                (Optional<String> alternative, Throwable error) -> {
                    if (finished()) {
                        return;
                    }
                    if (error != null) {
                        fail(error);
                    } else if (alternative.isEmpty() || alternative.get().isBlank()) {
                        fail(new NickTakenException(taken));
                    } else {
                        triedNick = alternative.get().strip();
                        session.send(IrcMessage.of("NICK", triedNick));
                    }
                });
    }

    void fail(Throwable error) {
        if (done.completeExceptionally(error)) {
            phase = Phase.DONE;
        }
    }
}
