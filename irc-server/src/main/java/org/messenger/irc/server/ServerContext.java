package org.messenger.irc.server;

import java.time.Instant;
import java.util.List;
import org.messenger.chat.ChatHub;

/** What every connection and command handler shares: settings, the hub, the command table and extensions. */
record ServerContext(IrcServerConfig config, ChatHub hub, CommandTable commands, List<IrcExtension> extensions,
        Instant createdAt, String version, SharedEncoding sharedEncoding, OperatorCommands operators) {

    String name() {
        return config.serverName();
    }

    long nowNanos() {
        return config.nanoClock().getAsLong();
    }
}
