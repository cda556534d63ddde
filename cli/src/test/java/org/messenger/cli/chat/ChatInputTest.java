package org.messenger.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChatInputTest {
    @Test
    void plainTextGoesToTheLobby() {
        assertThat(ChatInput.parse("  hello world ")).isEqualTo(new ChatInput.SayToLobby("hello world"));
    }

    @Test
    void blankLineDoesNothing() {
        assertThat(ChatInput.parse("   ")).isEqualTo(new ChatInput.Nothing());
    }

    @Test
    void doubleSlashSendsTextStartingWithSlash() {
        assertThat(ChatInput.parse("//shrug")).isEqualTo(new ChatInput.SayToLobby("/shrug"));
    }

    @Test
    void msgTakesNickAndTheRestAsText() {
        assertThat(ChatInput.parse("/msg bob see  you later"))
                .isEqualTo(new ChatInput.SayPrivately("bob", "see  you later"));
    }

    @Test
    void msgWithoutTextExplainsUsage() {
        assertThat(ChatInput.parse("/msg bob")).isEqualTo(new ChatInput.Invalid("Usage: /msg <nick> <text>"));
    }

    @Test
    void commandsAreCaseInsensitive() {
        assertThat(ChatInput.parse("/USERS")).isEqualTo(new ChatInput.ListUsers());
    }

    @Test
    void meIsAnAction() {
        assertThat(ChatInput.parse("/me waves")).isEqualTo(new ChatInput.Action("waves"));
    }

    @Test
    void nickNeedsExactlyOneWord() {
        assertThat(ChatInput.parse("/nick alicia")).isEqualTo(new ChatInput.ChangeNick("alicia"));
        assertThat(ChatInput.parse("/nick two words")).isInstanceOf(ChatInput.Invalid.class);
    }

    @Test
    void quitKeepsItsReason() {
        assertThat(ChatInput.parse("/quit off to lunch")).isEqualTo(new ChatInput.Quit("off to lunch"));
        assertThat(ChatInput.parse("/quit")).isEqualTo(new ChatInput.Quit(""));
    }

    @Test
    void unknownCommandPointsToHelp() {
        assertThat(ChatInput.parse("/join #other"))
                .isEqualTo(new ChatInput.Invalid("Unknown command /join. Type /help for the list."));
    }

    @Test
    void helpMentionsEveryCommand() {
        String help = String.join("\n", ChatInput.helpLines());
        assertThat(ChatInput.COMMANDS).allMatch(help::contains);
    }
}
