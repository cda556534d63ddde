package org.messenger.irc.server;

import java.time.Instant;
import java.util.List;
import java.time.Duration;
import org.messenger.chat.ChatHub;
import org.messenger.irc.server.limits.LogRateLimiter;

/**
 * What every connection and command handler shares: settings, the hub, the command table and
 * extensions, and the rate limit of log lines about client errors.
 */
record ServerContext(IrcServerConfig config, ChatHub hub, CommandTable commands, List<IrcExtension> extensions,
        Instant createdAt, String version, SharedEncoding sharedEncoding,
        LogRateLimiter clientErrorLog) {

    ServerContext(IrcServerConfig config, ChatHub hub, CommandTable commands, List<IrcExtension> extensions,
            Instant createdAt, String version) {
        this(config, hub, commands, extensions, createdAt, version, new SharedEncoding(),
                new LogRateLimiter(20, Duration.ofSeconds(1)));
    }

    String name() {
        return config.serverName();
    }

    long nowNanos() {
        return config.nanoClock().getAsLong();
    }
}
