package org.messenger.client;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.messenger.client.tls.ClientTls;

/**
 * How a {@link ChatClient} connects. Start from {@link #of(ServerAddress, String)} and adjust with
 * the {@code with...} methods.
 *
 * @param server          where to connect
 * @param nick            the nick to register with
 * @param username        the USER name (RFC 2812 §3.1.3); defaults to the nick
 * @param realName        the USER real name; defaults to the nick
 * @param connectTimeout  bound for the TCP connect plus the whole registration
 * @param requestTimeout  default bound for {@link ChatClient#request} and the confirmed sends
 * @param keepAlive       after this long without a line from the server the client PINGs it, and after
 *                        twice this long it gives the connection up as lost
 * @param wantedCapabilities IRCv3 capabilities requested when the server offers them
 * @param onNickTaken     what to do when the nick is taken during registration
 * @param clock           timestamps events that carry no {@code server-time} tag
 * @param tls             how to check the server's certificate over TLS; null for a plain connection
 * @param login           the account to log in to with SASL during registration, or null
 */
public record ClientConfig(
        ServerAddress server,
        String nick,
        String username,
        String realName,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration keepAlive,
        Set<String> wantedCapabilities,
        NickCollisionHandler onNickTaken,
        Clock clock,
        ClientTls tls,
        Login login) {

    /** An account and its password, for SASL. */
    public record Login(String account, String password) {
        public Login {
            if (account == null || account.isBlank() || account.contains(" ")) {
                throw new IllegalArgumentException("an account name is one word, got '" + account + "'");
            }
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("the password for account " + account + " is empty");
            }
        }

        @Override
        public String toString() {
            return "Login[account=" + account + "]";
        }
    }

    /**
     * The IRCv3 capabilities asked for by default: times and ids on messages, every prefix in
     * NAMES, who is away, and history (https://ircv3.net/irc/).
     */
    public static final Set<String> DEFAULT_CAPABILITIES = Set.of("server-time", "message-tags", "multi-prefix",
            "away-notify", "batch", "draft/chathistory");

    /**
     * For a client that asks one thing and leaves (list users, send a line, start a download):
     * without away-notify and chathistory it sends no WHO of the lobby and loads no history on
     * joining, round trips and server work that nobody would read.
     */
    public static final Set<String> ONE_SHOT_CAPABILITIES = Set.of("server-time", "message-tags");

    public ClientConfig {
        Objects.requireNonNull(server, "server");
        if (nick == null || nick.isBlank() || nick.contains(" ")) {
            throw new IllegalArgumentException("a nick must be one word, got '" + nick + "'");
        }
        username = username == null || username.isBlank() ? nick : username;
        realName = realName == null || realName.isBlank() ? nick : realName;
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(keepAlive, "keepAlive");
        wantedCapabilities = Set.copyOf(wantedCapabilities);
        onNickTaken = onNickTaken == null ? NickCollisionHandler.GIVE_UP : onNickTaken;
        clock = clock == null ? Clock.systemUTC() : clock;
    }

    public static ClientConfig of(ServerAddress server, String nick) {
        return new ClientConfig(server, nick, null, null, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(90),
                DEFAULT_CAPABILITIES, NickCollisionHandler.GIVE_UP, Clock.systemUTC(), null, null);
    }

    public static ClientConfig of(String host, int port, String nick) {
        return of(new ServerAddress(host, port), nick);
    }

    public ClientConfig withNick(String newNick) {
        return new ClientConfig(server, newNick, null, null, connectTimeout, requestTimeout, keepAlive,
                wantedCapabilities, onNickTaken, clock, tls, login);
    }

    public ClientConfig withConnectTimeout(Duration timeout) {
        return new ClientConfig(server, nick, username, realName, timeout, requestTimeout, keepAlive,
                wantedCapabilities, onNickTaken, clock, tls, login);
    }

    public ClientConfig withRequestTimeout(Duration timeout) {
        return new ClientConfig(server, nick, username, realName, connectTimeout, timeout, keepAlive,
                wantedCapabilities, onNickTaken, clock, tls, login);
    }

    public ClientConfig withKeepAlive(Duration interval) {
        return new ClientConfig(server, nick, username, realName, connectTimeout, requestTimeout, interval,
                wantedCapabilities, onNickTaken, clock, tls, login);
    }

    public ClientConfig withCapabilities(Set<String> capabilities) {
        return new ClientConfig(server, nick, username, realName, connectTimeout, requestTimeout, keepAlive,
                capabilities, onNickTaken, clock, tls, login);
    }

    public ClientConfig withNickCollisionHandler(NickCollisionHandler handler) {
        return new ClientConfig(server, nick, username, realName, connectTimeout, requestTimeout, keepAlive,
                wantedCapabilities, handler, clock, tls, login);
    }

    /** Connects over TLS, checking the server's certificate as {@code policy} says. */
    public ClientConfig withTls(ClientTls policy) {
        return new ClientConfig(server, nick, username, realName, connectTimeout, requestTimeout, keepAlive,
                wantedCapabilities, onNickTaken, clock, policy, login);
    }

    public ClientConfig withClock(Clock newClock) {
        return new ClientConfig(server, nick, username, realName, connectTimeout, requestTimeout, keepAlive,
                wantedCapabilities, onNickTaken, newClock, tls, login);
    }

    /** Logs in to {@code account} with SASL while registering (SCRAM-SHA-256 when offered, else PLAIN on loopback). */
    public ClientConfig withLogin(String account, String password) {
        return new ClientConfig(server, nick, username, realName, connectTimeout, requestTimeout, keepAlive,
                wantedCapabilities, onNickTaken, clock, tls, new Login(account, password));
    }
}
