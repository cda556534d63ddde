package org.messenger.irc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.messenger.chat.ChatMessage;
import org.messenger.chat.HistoryStore;

/**
 * CHATHISTORY after a restart (https://ircv3.net/specs/extensions/chathistory): the lobby's
 * history is read back from the history store, and its messages keep the msgid they were sent
 * with, so a client can name one it saw before the restart.
 */
class DurableChatHistoryTest extends IrcServerTestBase {
    private static final Pattern MSGID = Pattern.compile("msgid=([^; ]+)");

    /** Keeps messages whole, as the database does (chat-store's ChatStoreTest covers the SQLite side). */
    private static final class KeptHistory implements HistoryStore {
        private final Map<String, List<ChatMessage>> conversations = new HashMap<>();

        @Override
        public synchronized void append(String conversation, ChatMessage message) {
            conversations.computeIfAbsent(conversation, k -> new ArrayList<>()).add(message);
        }

        @Override
        public synchronized CompletableFuture<List<ChatMessage>> latest(String conversation, int limit) {
            List<ChatMessage> all = conversations.getOrDefault(conversation, List.of());
            return CompletableFuture.completedFuture(List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size())));
        }

        @Override
        public CompletableFuture<Void> sync() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {}
    }

    private RawIrcClient historyClient(String nick) {
        RawIrcClient client = connect();
        client.send("CAP LS 302");
        client.send("CAP REQ :batch server-time message-tags draft/chathistory");
        client.expect("CAP \\* ACK");
        client.send("CAP END");
        return client.register(nick);
    }

    @Test
    void aMessageFromBeforeARestartIsFoundByItsMsgid() {
        KeptHistory history = new KeptHistory();
        start(IrcServerConfig.builder().history(history));
        RawIrcClient alice = historyClient("alice");
        RawIrcClient bob = registered("bob");
        bob.send("PRIVMSG #lobby :before the restart");
        String line = alice.expect("PRIVMSG #lobby :before the restart$");
        Matcher m = MSGID.matcher(line);
        assertThat(m.find()).as("msgid on " + line).isTrue();
        server.close();

        start(IrcServerConfig.builder().history(history));
        RawIrcClient carol = historyClient("carol");
        carol.send("CHATHISTORY AROUND #lobby msgid=" + m.group(1) + " 5");
        carol.expect("^@batch=\\S+;.*msgid=" + Pattern.quote(m.group(1)) + ".* PRIVMSG #lobby :before the restart$");
    }
}
