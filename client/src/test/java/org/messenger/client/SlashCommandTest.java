package org.messenger.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one parser of typed lines, shared by the terminal chat and the desktop client; channel commands as irssi takes them. */
class SlashCommandTest {
    @Test
    void plainTextGoesToTheLobby() {
        assertThat(parse("  hello world ")).isEqualTo(new SlashCommand.Say("hello world"));
    }

    @Test
    void blankLineDoesNothing() {
        assertThat(parse("   ")).isEqualTo(new SlashCommand.Nothing());
    }

    @Test
    void doubleSlashSendsTextStartingWithSlash() {
        assertThat(parse("//shrug")).isEqualTo(new SlashCommand.Say("/shrug"));
    }

    @Test
    void msgTakesNickAndTheRestAsText() {
        assertThat(parse("/msg bob see  you later"))
                .isEqualTo(new SlashCommand.SayPrivately("bob", "see  you later"));
    }

    @Test
    void msgWithoutTextExplainsUsage() {
        assertThat(parse("/msg bob")).isEqualTo(new SlashCommand.Invalid("Usage: /msg <nick> <text>"));
    }

    @Test
    void commandsAreCaseInsensitive() {
        assertThat(parse("/USERS")).isEqualTo(new SlashCommand.ListUsers());
    }

    @Test
    void meIsAnAction() {
        assertThat(parse("/me waves")).isEqualTo(new SlashCommand.Action("waves"));
    }

    @Test
    void nickNeedsExactlyOneWord() {
        assertThat(parse("/nick alicia")).isEqualTo(new SlashCommand.ChangeNick("alicia"));
        assertThat(parse("/nick two words")).isInstanceOf(SlashCommand.Invalid.class);
    }

    @Test
    void quitKeepsItsReason() {
        assertThat(parse("/quit off to lunch")).isEqualTo(new SlashCommand.Quit("off to lunch"));
        assertThat(parse("/quit")).isEqualTo(new SlashCommand.Quit(""));
    }

    @Test
    void unknownCommandPointsToHelp() {
        assertThat(parse("/join #other"))
                .isEqualTo(new SlashCommand.Invalid("Unknown command /join. Type /help for the list."));
    }

    @Test
    void helpMentionsEveryCommand() {
        String help = String.join("\n", SlashCommand.helpLines());
        assertThat(SlashCommand.COMMANDS).allMatch(help::contains);
    }

    @Test
    void kickActsOnTheCurrentChannelWithTheRestAsReason() {
        assertThat(parse("/kick bob stop  that")).isEqualTo(new SlashCommand.Kick("#lobby", "bob", "stop  that"));
        assertThat(parse("/kick #dev bob").toString()).contains("#dev", "bob");
        assertThat(((SlashCommand.ServerRequest) parse("/kick #dev bob out")).toIrc().toString()).contains("KICK", "#dev", "bob", "out");
    }

    @Test
    void banOfANickBansEveryHostOfIt() {
        assertThat(parse("/ban bob")).isEqualTo(new SlashCommand.Ban("#lobby", "bob!*@*"));
        assertThat(parse("/ban #dev *!*@10.*")).isEqualTo(new SlashCommand.Ban("#dev", "*!*@10.*"));
    }

    @Test
    void modeStartingWithASignIsForTheCurrentChannel() {
        assertThat(parse("/mode +ov bob bob")).isEqualTo(new SlashCommand.Mode("#lobby", List.of("+ov", "bob", "bob")));
        assertThat(parse("/mode alice +i")).isEqualTo(new SlashCommand.Mode("alice", List.of("+i")));
    }

    @Test
    void topicWithoutTextAsksForIt() {
        assertThat(parse("/topic")).isEqualTo(new SlashCommand.Topic("#lobby", null));
        assertThat(parse("/topic #dev release friday")).isEqualTo(new SlashCommand.Topic("#dev", "release friday"));
    }

    @Test
    void inviteDefaultsToTheCurrentChannel() {
        assertThat(parse("/invite bob")).isEqualTo(new SlashCommand.Invite("bob", "#lobby"));
        assertThat(parse("/invite bob #dev")).isEqualTo(new SlashCommand.Invite("bob", "#dev"));
    }

    @Test
    void awayWithoutTextComesBack() {
        assertThat(parse("/away lunch")).isEqualTo(new SlashCommand.Away("lunch"));
        assertThat(((SlashCommand.ServerRequest) parse("/away")).toIrc().params()).isEmpty();
    }

    @Test
    void operNeedsNameAndPasswordAndHidesThePassword() {
        assertThat(parse("/oper admin s3cret")).isEqualTo(new SlashCommand.Oper("admin", "s3cret"));
        assertThat(parse("/oper admin s3cret").toString()).doesNotContain("s3cret");
        assertThat(parse("/oper admin")).isInstanceOf(SlashCommand.Invalid.class);
    }

    @Test
    void channelCommandsInAPrivateConversationNeedTheChannelNamed() {
        assertThat(SlashCommand.parse("/kick bob", null)).isInstanceOf(SlashCommand.Invalid.class);
        assertThat(SlashCommand.parse("/kick #dev bob", null)).isEqualTo(new SlashCommand.Kick("#dev", "bob", ""));
    }

    private static SlashCommand parse(String line) {
        return SlashCommand.parse(line, "#lobby");
    }

    @Test
    void registerAloneAsksForThePasswordAndWithOneTakesIt() {
        assertThat(SlashCommand.parse("/register", "#lobby")).isEqualTo(new SlashCommand.RegisterAccountAskingPassword());
        assertThat(SlashCommand.parse("/register hunter22", "#lobby")).isEqualTo(new SlashCommand.RegisterAccount("hunter22"));
        assertThat(SlashCommand.parse("/register hunter22", "#lobby").toString()).doesNotContain("hunter22");
    }

    @Test
    void findsWhereThePasswordOfALineStarts() {
        assertThat(SlashCommand.secretStart("/register hunter22")).isEqualTo(10);
        assertThat(SlashCommand.secretStart("/oper admin s3cret")).isEqualTo(12);
        assertThat(SlashCommand.secretStart("/registered")).isEqualTo(-1);
        assertThat(SlashCommand.secretStart("hello")).isEqualTo(-1);
        assertThat(SlashCommand.secretStart(null)).isEqualTo(-1);
    }
}
