package org.messenger.irc.server;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.messenger.chat.ChatUser;
import org.messenger.chat.ChatHub;

/**
 * What every connection and command handler shares: settings, the hub, the command table and
 * extensions, and the connection of each registered user (a concurrent map: WHOIS asks whether
 * another user's link is secure).
 */
record ServerContext(IrcServerConfig config, ChatHub hub, CommandTable commands, List<IrcExtension> extensions,
        Instant createdAt, String version, SharedEncoding sharedEncoding, OperatorCommands operators,
        Map<ChatUser, IrcConnection> connections) {

    String name() {
        return config.serverName();
    }

    long nowNanos() {
        return config.nanoClock().getAsLong();
    }
}
