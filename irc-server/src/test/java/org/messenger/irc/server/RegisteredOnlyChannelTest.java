package org.messenger.irc.server;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Channel mode +R: only users logged in to an account join (477 ERR_NEEDREGGEDNICK otherwise), as in InspIRCd and Ergo. */
class RegisteredOnlyChannelTest extends IrcServerTestBase {
    private RawIrcClient alice;

    @BeforeEach
    void aliceMakesARegisteredOnlyChannel() {
        start(IrcServerConfig.builder().accounts(AccountConfig.inMemory().withScramIterations(4096)).operator("admin", "s3cret"));
        alice = registered("alice");
        alice.send("JOIN #members");
        alice.expect(" 366 alice #members ");
        alice.send("MODE #members +R");
        alice.expect("^:alice!~alice@127.0.0.1 MODE #members \\+R$");
    }

    @Test
    void aUserNotLoggedInIsRefusedWith477() {
        RawIrcClient bob = registered("bob");
        bob.send("JOIN #members");
        bob.expect("^:test.server 477 bob #members :Cannot join channel \\(\\+R\\): log in to an account first");
    }

    @Test
    void aLoggedInUserJoins() {
        RawIrcClient bob = registered("bob");
        bob.send("REGISTER * * :" + AccountsTest.PASSWORD);
        bob.expect(" 900 bob ");
        bob.send("JOIN #members");
        bob.expect(" 366 bob #members ");
    }

    @Test
    void anInviteLetsAUserWithoutAnAccountInOnce() {
        RawIrcClient bob = registered("bob");
        alice.send("INVITE bob #members");
        alice.expect(" 341 alice bob #members");
        bob.send("JOIN #members");
        bob.expect(" 366 bob #members ");
    }

    @Test
    void theModeIsShownInTheChannelModes() {
        alice.send("MODE #members");
        alice.expect(" 324 alice #members \\+Rnt$");
    }

    @Test
    void theLobbyCannotBeMadeRegisteredOnlyEvenByAServerOperator() {
        alice.send("OPER admin s3cret");
        alice.expect(" 381 alice ");
        alice.send("MODE #lobby +R");
        alice.expect(" 696 alice #lobby R \\* :The lobby stays open to everyone");
    }
}
