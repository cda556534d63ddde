package org.messenger.irc.server;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueryCommandsTest extends IrcServerTestBase {
    private RawIrcClient alice;

    @BeforeEach
    void startServer() {
        start();
        alice = registered("alice");
        registered("bob");
    }

    @Test
    void whoOnTheLobbyListsEveryMember() {
        alice.send("WHO #lobby");
        alice.expect("^:test.server 352 alice #lobby ~alice 127.0.0.1 test.server alice H :0 Test alice$");
        alice.expect(" 352 alice #lobby ~bob 127.0.0.1 test.server bob H :0 Test bob$");
        alice.expect(" 315 alice #lobby :End of WHO list$");
    }

    @Test
    void whoWithANickMaskMatchesNicks() {
        alice.send("WHO b*");
        alice.expect(" 352 alice #lobby ~bob 127.0.0.1 test.server bob H ");
        alice.expect(" 315 alice b\\* :End of WHO list$");
    }

    @Test
    void whoisDescribesAUserAndUnknownGets401() {
        alice.send("WHOIS bob");
        alice.expect(" 311 alice bob ~bob 127.0.0.1 \\* :Test bob$");
        alice.expect(" 319 alice bob :#lobby$");
        alice.expect(" 312 alice bob test.server :Messenger$");
        alice.expect(" 318 alice bob :End of /WHOIS list$");
        alice.send("WHOIS ghost");
        alice.expect(" 401 alice ghost ");
        alice.expect(" 318 alice ghost ");
    }

    @Test
    void namesAndListShowTheLobby() {
        alice.send("NAMES #lobby");
        alice.expect(" 353 alice = #lobby :alice bob$");
        alice.expect(" 366 alice #lobby :End of /NAMES list$");
        alice.send("LIST");
        alice.expect(" 321 alice Channel :Users  Name$");
        alice.expect(" 322 alice #lobby 2 :$");
        alice.expect(" 323 alice :End of /LIST$");
    }

    @Test
    void userhostAndIsonFindOnlineNicks() {
        alice.send("USERHOST bob ghost");
        alice.expect(" 302 alice :bob=\\+~bob@127.0.0.1$");
        alice.send("ISON bob ghost ALICE");
        alice.expect(" 303 alice :bob alice$");
    }

    @Test
    void modeQueriesAreAnsweredAndLobbyChangesRefusedToUsers() {
        alice.send("MODE #lobby");
        alice.expect(" 324 alice #lobby \\+nt$");
        alice.expect(" 329 alice #lobby \\d+$");
        alice.send("MODE #lobby b");
        alice.expect(" 368 alice #lobby :End of channel ban list$");
        alice.send("MODE #lobby +o bob");
        alice.expect(" 482 alice #lobby :You're not channel operator");
        alice.send("MODE alice +i");
        alice.expect("^:alice MODE alice \\+i$");
        alice.send("MODE alice");
        alice.expect(" 221 alice \\+i$");
        alice.send("MODE bob +i");
        alice.expect(" 502 alice :Cannot change mode for other users$");
        alice.send("MODE alice +z");
        alice.expect(" 501 alice :Unknown MODE flag$");
    }

    @Test
    void motdAndLusersCanBeAskedAgain() {
        alice.send("MOTD");
        alice.expect(" 375 alice ");
        alice.expect(" 376 alice ");
        alice.send("LUSERS");
        alice.expect(" 251 alice :There are 2 users ");
        alice.expect(" 254 alice 1 :");
        alice.send("JOIN #second");
        alice.expect(" 366 alice #second ");
        alice.send("LUSERS");
        alice.expect(" 254 alice 2 :");
    }
}
