package org.messenger.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChatInputTest {
    @Test
    void helpMentionsEveryCommandOfTheTerminalChat() {
        String help = String.join("\n", ChatInput.helpLines());
        assertThat(ChatInput.COMMANDS).contains("/kick", "/away", "/get").allMatch(help::contains);
    }
}
