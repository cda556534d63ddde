package org.messenger.irc.server;

import org.junit.jupiter.api.Test;
import org.messenger.chat.ChatConfig;
import org.messenger.chat.NameRules;

/** ERR_ERRONEUSNICKNAME tells the client the limits of this server, not a placeholder. */
class ErroneousNickTest extends IrcServerTestBase {

    @Test
    void erroneousNickReplyStatesTheServersLengthLimit() {
        ChatConfig defaults = ChatConfig.defaults();
        start(IrcServerConfig.builder().chat(new ChatConfig(defaults.caseMapping(), new NameRules(12, 50, 390, 200),
                defaults.historyPerConversation(), defaults.maxChannelsPerUser(), defaults.clock())));
        RawIrcClient c = connect();
        c.send("NICK abcdefghijklm");
        c.expect("^:test.server 432 \\* abcdefghijklm :Erroneous nickname \\(.* at most 12 characters\\)$");
        c.send("NICK abcdefghijkl");
        c.send("USER x 0 * :x");
        c.expect(" 001 abcdefghijkl ");
        // The same reply for a registered client's NICK change.
        c.send("NICK " + "n".repeat(13));
        c.expect("^:test.server 432 abcdefghijkl n{13} :Erroneous nickname \\(.* at most 12 characters\\)$");
    }
}
