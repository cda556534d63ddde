package org.messenger.irc.server;

import java.time.Instant;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import org.messenger.chat.ChatUser;
import java.util.concurrent.ConcurrentHashMap;
import org.messenger.chat.ChatHub;
import org.messenger.irc.server.limits.LogRateLimiter;

/**
 * What every connection and command handler shares: settings, the hub, the command table and
 * extensions, the connection limits (null in tests without sockets), accounts, server operators,
 * the encodings shared by many recipients (events, NAMES of big channels),
 * the connection of each registered user (a concurrent map: WHOIS asks whether another user's link
 * is secure), the bound TLS port (-1: none), and the rate limit of log lines about client errors.
 */
record ServerContext(IrcServerConfig config, ChatHub hub, CommandTable commands, List<IrcExtension> extensions,
        Instant createdAt, String version, SharedEncoding sharedEncoding, NamesText.Cache namesCache, Admissions admissions,
        Accounts accounts, OperatorCommands operators, Map<ChatUser, IrcConnection> connections, LogRateLimiter clientErrorLog,
        int tlsPort) {

    ServerContext(IrcServerConfig config, ChatHub hub, CommandTable commands, List<IrcExtension> extensions,
            Instant createdAt, String version, Admissions admissions, OperatorCommands operators) {
        this(config, hub, commands, extensions, createdAt, version, new SharedEncoding(), new NamesText.Cache(), admissions,
                new Accounts(config.accounts()), operators, new ConcurrentHashMap<>(),
                new LogRateLimiter(20, Duration.ofSeconds(1)), -1);
    }

    /** The same, once the TLS port is bound (the plain port advertises it in its IRCv3 sts policy). */
    ServerContext withTlsPort(int boundTlsPort) {
        return new ServerContext(config, hub, commands, extensions, createdAt, version, sharedEncoding, namesCache, admissions,
                accounts, operators, connections, clientErrorLog, boundTlsPort);
    }

    String name() {
        return config.serverName();
    }

    long nowNanos() {
        return config.nanoClock().getAsLong();
    }
}
