package org.messenger.irc.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistrationTest extends IrcServerTestBase {

    @BeforeEach
    void startServer() {
        start();
    }

    @Test
    void registrationSendsWelcomeIsupportMotdAndJoinsTheLobby() {
        RawIrcClient alice = connect();
        alice.send("NICK alice");
        alice.send("USER alice 0 * :Alice Liddell");
        alice.expect("^:test.server 001 alice :Welcome to the Messenger IRC network, alice!~alice@127.0.0.1$");
        alice.expect(" 002 alice ");
        alice.expect(" 003 alice ");
        alice.expect(" 004 alice test.server messenger-0.1 iorw Rbiklmnostv bklov$");
        String isupport = alice.expect(" 005 alice ") + " " + alice.expect(" 005 alice ");
        assertThat(isupport).contains("CASEMAPPING=rfc1459", "CHANTYPES=#", "NICKLEN=30", "CHANNELLEN=50", "PREFIX=(ov)@+")
                .endsWith(":are supported by this server");
        alice.expect(" 375 alice ");
        alice.expect(" 372 alice :- Welcome to Messenger.");
        alice.expect(" 376 alice ");
        alice.expect("^:alice!~alice@127.0.0.1 JOIN #lobby$");
        alice.expect(" 353 alice = #lobby :alice$");
        alice.expect(" 366 alice #lobby :End of /NAMES list");
    }

    @Test
    void takenNickGets433AndTheClientMayPickAnother() {
        registered("alice");
        RawIrcClient other = connect();
        other.send("NICK ALICE");
        other.send("USER x 0 * :x");
        other.expect("^:test.server 433 \\* ALICE :Nickname is already in use");
        other.send("NICK alice2");
        other.expect(" 001 alice2 ");
    }

    @Test
    void nickWithRfc1459CaseFoldingCollides() {
        registered("n[a]");
        RawIrcClient other = connect();
        other.send("NICK N{A}");
        other.expect(" 433 \\* N\\{A\\} ");
    }

    @Test
    void erroneousAndMissingNicksAreRefused() {
        RawIrcClient c = connect();
        c.send("NICK 9lives");
        c.expect(" 432 \\* 9lives :Erroneous nickname");
        c.send("NICK");
        c.expect(" 431 \\* :No nickname given");
    }

    @Test
    void commandsBeforeRegistrationGet451() {
        RawIrcClient c = connect();
        c.send("PRIVMSG #lobby :hi");
        c.expect("^:test.server 451 \\* :You have not registered$");
        c.send("JOIN #x");
        c.expect(" 451 \\* ");
    }

    @Test
    void pingIsAnsweredBeforeRegistration() {
        RawIrcClient c = connect();
        c.send("PING :abc");
        c.expect("^:test.server PONG test.server :?abc$");
    }

    @Test
    void userWithTooFewParametersGets461() {
        RawIrcClient c = connect();
        c.send("USER onlyone");
        c.expect(" 461 \\* USER :Not enough parameters$");
    }

    @Test
    void registeringTwiceGets462() {
        RawIrcClient alice = registered("alice");
        alice.send("USER a 0 * :again");
        alice.expect(" 462 alice ");
    }

    @Test
    void quitGetsErrorAndOthersSeeQuit() {
        RawIrcClient alice = registered("alice");
        RawIrcClient bob = registered("bob");
        alice.send("QUIT :see you");
        alice.expect("^ERROR :Closing Link: 127.0.0.1 \\(Quit: see you\\)$");
        alice.awaitClosed();
        bob.expect("^:alice!~alice@127.0.0.1 QUIT :Quit: see you$");
        assertThat(server.hub().isNickAvailable("alice")).isTrue();
    }

    @Test
    void capLsHoldsRegistrationUntilCapEnd() {
        RawIrcClient c = connect();
        c.send("CAP LS 302");
        c.send("NICK carol");
        c.send("USER carol 0 * :Carol");
        String ls = c.expect("^:test.server CAP \\* LS :");
        assertThat(ls).contains("server-time", "message-tags", "echo-message", "multi-prefix", "userhost-in-names");
        c.send("CAP REQ :server-time echo-message");
        c.expect("^:test.server CAP \\* ACK :server-time echo-message$");
        assertThat(c.hasSeen(" 001 ")).isFalse();
        c.send("CAP END");
        c.expect(" 001 carol ");
        c.send("CAP LIST");
        c.expect("CAP carol LIST :cap-notify echo-message server-time$");
    }

    @Test
    void capReqWithAnUnknownCapabilityIsRefusedAsAWhole() {
        RawIrcClient c = connect();
        c.send("CAP REQ :server-time draft/no-such-cap");
        c.expect("CAP \\* NAK :server-time draft/no-such-cap$");
        c.send("CAP LIST");
        c.expect("CAP \\* LIST :$");
        c.send("CAP BOGUS");
        c.expect(" 410 \\* BOGUS :Invalid CAP command");
    }

    @Test
    void clientThatNeverSendsCapIsNotHeld() {
        RawIrcClient c = connect();
        c.send("NICK dave");
        c.send("USER dave 0 * :Dave");
        c.expect(" 001 dave ");
    }

    @Test
    void nickChangeIsSeenByTheLobby() {
        RawIrcClient alice = registered("alice");
        RawIrcClient bob = registered("bob");
        alice.send("NICK alicia");
        alice.expect("^:alice!~alice@127.0.0.1 NICK :?alicia$");
        bob.expect("^:alice!~alice@127.0.0.1 NICK :?alicia$");
        bob.send("NICK alicia");
        bob.expect(" 433 bob alicia ");
    }

    @Test
    void serverShutdownTellsEveryClientWithError() {
        RawIrcClient alice = registered("alice");
        RawIrcClient early = connect();
        early.send("PING :here");
        early.expect("PONG");
        server.close();
        alice.expect("^ERROR :Closing Link: 127.0.0.1 \\(Server shutting down\\)$");
        alice.awaitClosed();
        early.expect("^ERROR :Closing Link: 127.0.0.1 \\(Server shutting down\\)$");
        early.awaitClosed();
    }
}
