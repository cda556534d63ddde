package org.messenger.irc.server;

import java.time.Instant;
import java.util.List;
import org.messenger.chat.ChatHub;

/** What every connection and command handler shares: settings, the hub, the command table, extensions and accounts. */
record ServerContext(IrcServerConfig config, ChatHub hub, CommandTable commands, List<IrcExtension> extensions,
        Instant createdAt, String version, SharedEncoding sharedEncoding, Accounts accounts) {

    ServerContext(IrcServerConfig config, ChatHub hub, CommandTable commands, List<IrcExtension> extensions,
            Instant createdAt, String version) {
        this(config, hub, commands, extensions, createdAt, version, new SharedEncoding(), new Accounts(config.accounts()));
    }

    String name() {
        return config.serverName();
    }

    long nowNanos() {
        return config.nanoClock().getAsLong();
    }
}
