package org.messenger.files.server;

import java.util.List;
import org.messenger.files.protocol.FileReply;
import org.messenger.irc.server.IrcClient;

/** Sends a {@link FileReply} as the numeric it is. */
final class FileReplies {
    private FileReplies() {
    }

    static void send(IrcClient client, FileReply reply) {
        List<String> params = reply.params(client.nick());
        // IrcClient.sendNumeric puts the nick first itself.
        client.sendNumeric(reply.command(), params.subList(1, params.size()).toArray(String[]::new));
    }
}
