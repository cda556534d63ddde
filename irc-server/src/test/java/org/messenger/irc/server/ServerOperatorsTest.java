package org.messenger.irc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Server operators: OPER (RFC 2812 §3.1.4), user mode +o, KILL (§3.7.1), WALLOPS and +w (§4.7), moderating the lobby. */
class ServerOperatorsTest extends IrcServerTestBase {
    private RawIrcClient alice;
    private RawIrcClient bob;

    @BeforeEach
    void startWithOneOperator() {
        start(IrcServerConfig.builder().operator("admin", "s3cret:with colon"));
        alice = registered("alice");
        bob = registered("bob");
    }

    private void aliceOpers() {
        alice.send("OPER admin :s3cret:with colon");
        alice.expect(" 381 alice :You are now an IRC operator$");
    }

    @Test
    void operWithTheRightPasswordGets381AndUserModeO() {
        aliceOpers();
        alice.expect("^:alice MODE alice \\+o$");
        alice.send("MODE alice");
        alice.expect(" 221 alice \\+o$");
    }

    @Test
    void operWithAWrongPasswordGets464() {
        alice.send("OPER admin wrong");
        alice.expect(" 464 alice :Password incorrect$");
        assertThat(server.hub().findUser("alice").orElseThrow().isServerOperator()).isFalse();
    }

    @Test
    void operAsAnUnknownOperatorGets491() {
        alice.send("OPER root s3cret");
        alice.expect(" 491 alice :No O-lines for your host");
    }

    @Test
    void userCannotMakeItselfOperatorWithMode() {
        alice.send("MODE alice +o");
        alice.send("MODE alice");
        alice.expect(" 221 alice \\+$");
    }

    @Test
    void operatorGivesUpOperatorWithMinusO() {
        aliceOpers();
        alice.send("MODE alice -o");
        alice.expect("^:alice MODE alice -o$");
        assertThat(server.hub().findUser("alice").orElseThrow().isServerOperator()).isFalse();
    }

    @Test
    void killByNonOperatorGets481() {
        alice.send("KILL bob :go away");
        alice.expect(" 481 alice :Permission Denied- You're not an IRC operator$");
    }

    @Test
    void killDisconnectsTheVictimAndOthersSeeWhy() {
        aliceOpers();
        alice.send("KILL bob :spamming");
        bob.expect("^ERROR :Closing Link: 127.0.0.1 \\(Killed \\(alice \\(spamming\\)\\)\\)$");
        bob.awaitClosed();
        alice.expect("^:bob!~bob@127.0.0.1 QUIT :Killed \\(alice \\(spamming\\)\\)$");
    }

    @Test
    void killOfUnknownNickGets401() {
        aliceOpers();
        alice.send("KILL ghost :x");
        alice.expect(" 401 alice ghost :No such nick/channel$");
    }

    @Test
    void wallopsReachesOnlyUsersWithPlusW() {
        RawIrcClient carol = registered("carol");
        bob.send("MODE bob +w");
        bob.expect("MODE bob \\+w$");
        aliceOpers();
        alice.send("WALLOPS :maintenance at noon");
        bob.expect("^:alice!~alice@127.0.0.1 WALLOPS :maintenance at noon$");
        alice.send("PRIVMSG #lobby :marker");
        carol.expect("PRIVMSG #lobby :marker$");
        assertThat(carol.lines()).noneMatch(l -> l.contains("WALLOPS"));
    }

    @Test
    void wallopsByNonOperatorGets481() {
        bob.send("WALLOPS :hi");
        bob.expect(" 481 bob ");
    }

    @Test
    void serverOperatorModeratesTheLobby() {
        aliceOpers();
        alice.send("MODE #lobby +m");
        bob.expect("^:alice!~alice@127.0.0.1 MODE #lobby \\+m$");
        bob.send("PRIVMSG #lobby :hello?");
        bob.expect(" 404 bob #lobby :Cannot send to channel \\(\\+m\\)");
        alice.send("TOPIC #lobby :quiet please");
        bob.expect("TOPIC #lobby :quiet please$");
        alice.send("KICK #lobby bob :out");
        bob.expect("^:alice!~alice@127.0.0.1 KICK #lobby bob :out$");
    }

    @Test
    void lobbyCannotBeClosedEvenByAnOperator() {
        aliceOpers();
        alice.send("MODE #lobby +i");
        alice.expect(" 696 alice #lobby i \\* :The lobby stays open");
    }

    @Test
    void operatorNamesMustBeOneWordAndPasswordsNotEmpty() {
        assertThatThrownBy(() -> OperatorCredential.parse("admin")).hasMessageContaining("must be NAME:PASSWORD");
        assertThatThrownBy(() -> OperatorCredential.parse("admin:")).hasMessageContaining("must be NAME:PASSWORD");
        assertThatThrownBy(() -> OperatorCredential.hash("two words", "x")).hasMessageContaining("one word");
        assertThat(OperatorCredential.parse("admin:a:b").matches("a:b")).isTrue();
    }
}
