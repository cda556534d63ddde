package org.messenger.cli.chat;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.messenger.client.ChatClient;

/** Tab completion: commands for a first word starting with '/', nicks of the lobby everywhere else. */
final class ChatCompleter implements Completer {
    private final ChatClient client;

    ChatCompleter(ChatClient client) {
        this.client = client;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (line.wordIndex() == 0 && line.word().startsWith("/")) {
            for (String command : ChatInput.COMMANDS) {
                candidates.add(new Candidate(command));
            }
            return;
        }
        for (String nick : client.users()) {
            if (!nick.equalsIgnoreCase(client.nick())) {
                candidates.add(new Candidate(nick));
            }
        }
    }
}
