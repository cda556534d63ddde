package org.messenger.irc.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WHO (https://modern.ircdocs.horse/#who-message), WHOX (https://ircv3.net/specs/extensions/whox),
 * WHOIS (https://modern.ircdocs.horse/#whois-message), AWAY and away-notify
 * (https://ircv3.net/specs/extensions/away-notify), user mode +i, STATUSMSG, USER's real name.
 */
class WhoWhoisAwayTest extends IrcServerTestBase {
    private RawIrcClient alice;
    private RawIrcClient bob;

    @BeforeEach
    void startServer() {
        start(IrcServerConfig.builder().operator("admin", "pw"));
        alice = registered("alice");
        bob = registered("bob");
    }

    @Test
    void whoReplyCarriesHopCountAndRealName() {
        alice.send("WHO bob");
        alice.expect("^:test.server 352 alice #lobby ~bob 127.0.0.1 test.server bob H :0 Test bob$");
        alice.expect(" 315 alice bob :End of WHO list$");
    }

    @Test
    void whoFlagsShowAwayOperatorAndChannelPrefix() {
        bob.send("OPER admin pw");
        bob.expect(" 381 bob ");
        bob.send("AWAY :lunch");
        bob.expect(" 306 bob ");
        bob.send("JOIN #c");
        bob.expect(" 366 bob #c ");
        alice.send("WHO #c");
        alice.expect(" 352 alice #c ~bob 127.0.0.1 test.server bob G\\*@ :0 Test bob$");
    }

    @Test
    void whoStarListsEveryVisibleUser() {
        alice.send("WHO *");
        alice.expect(" 315 alice \\* ");
        assertThat(alice.lines()).anyMatch(l -> l.contains(" 352 alice #lobby ~alice "))
                .anyMatch(l -> l.contains(" 352 alice #lobby ~bob "));
    }

    @Test
    void whoMaskMatchesRealNames() {
        alice.send("WHO *bob");
        alice.expect(" 352 alice #lobby ~bob ");
        alice.expect(" 315 alice \\*bob ");
        assertThat(alice.lines()).noneMatch(l -> l.contains(" 352 alice #lobby ~alice "));
    }

    @Test
    void invisibleUserIsHiddenFromWhoOfUsersSharingNoChannel() {
        RawIrcClient carol = registered("carol");
        carol.send("MODE carol +i");
        carol.expect("MODE carol \\+i$");
        carol.send("PART #lobby");
        carol.expect("PART :?#lobby");
        alice.send("WHO c*");
        alice.expect(" 315 alice c\\* ");
        assertThat(alice.lines()).noneMatch(l -> l.contains(" 352 alice * ~carol "));
        alice.send("WHO carol");
        alice.expect(" 352 alice \\* ~carol 127.0.0.1 test.server carol H :0 Test carol$");
    }

    @Test
    void invisibleUserIsHiddenFromWhoOfAChannelToNonMembers() {
        bob.send("JOIN #c");
        bob.expect(" 366 bob #c ");
        bob.send("MODE bob +i");
        bob.expect("MODE bob \\+i$");
        alice.send("WHO #c");
        alice.expect(" 315 alice #c ");
        assertThat(alice.lines()).noneMatch(l -> l.contains(" 352 alice #c "));
    }

    @Test
    void whoxRepliesWith354InTheSpecsOrderWithTheToken() {
        alice.send("WHO bob %rnuhtf,42");
        alice.expect("^:test.server 354 alice 42 ~bob 127.0.0.1 bob H :Test bob$");
        alice.expect(" 315 alice bob ");
    }

    @Test
    void whoxWithoutRealNameEndsWithAWord() {
        alice.send("WHO #lobby %cnal");
        alice.expect("^:test.server 354 alice #lobby alice 0 :\\d+$");
    }

    @Test
    void isupportAnnouncesWhox() {
        RawIrcClient carol = connect();
        carol.send("NICK carol");
        carol.send("USER carol 0 * :Carol");
        String all = carol.expect(" 005 carol ") + carol.expect(" 005 carol ");
        assertThat(all).contains(" WHOX", "STATUSMSG=@+");
    }

    @Test
    void whoisShowsChannelsWithPrefixesOperatorAndAway() {
        bob.send("JOIN #c");
        bob.expect(" 366 bob #c ");
        bob.send("OPER admin pw");
        bob.expect(" 381 bob ");
        bob.send("AWAY :gone fishing");
        bob.expect(" 306 bob ");
        alice.send("WHOIS bob");
        alice.expect(" 311 alice bob ~bob 127.0.0.1 \\* :Test bob$");
        alice.expect(" 319 alice bob :#lobby @#c$");
        alice.expect(" 312 alice bob test.server :Messenger$");
        alice.expect(" 313 alice bob :is an IRC operator$");
        alice.expect(" 301 alice bob :gone fishing$");
        alice.expect(" 317 alice bob \\d+ \\d+ :seconds idle, signon time$");
        alice.expect(" 318 alice bob :End of /WHOIS list$");
    }

    @Test
    void whoisHidesSecretChannelsFromOutsiders() {
        bob.send("JOIN #hidden");
        bob.expect(" 366 bob #hidden ");
        bob.send("MODE #hidden +s");
        bob.expect("MODE #hidden \\+s$");
        alice.send("WHOIS bob");
        alice.expect(" 319 alice bob :#lobby$");
    }

    @Test
    void whoisOfAPlainConnectionHasNo671() {
        alice.send("WHOIS bob");
        alice.expect(" 318 alice bob ");
        assertThat(alice.lines()).noneMatch(l -> l.contains(" 671 "));
    }

    @Test
    void awayAndBackGet306And305() {
        alice.send("AWAY :brb");
        alice.expect(" 306 alice :You have been marked as being away$");
        alice.send("AWAY");
        alice.expect(" 305 alice :You are no longer marked as being away$");
    }

    @Test
    void awayNotifyTellsUsersSharingAChannelWhoAskedForIt() {
        RawIrcClient carol = connect();
        carol.send("CAP REQ :away-notify");
        carol.send("CAP END");
        carol.register("carol");
        alice.send("AWAY :lunch");
        carol.expect("^:alice!~alice@127.0.0.1 AWAY :lunch$");
        alice.send("AWAY");
        carol.expect("^:alice!~alice@127.0.0.1 AWAY$");
        // A later line proves bob's stream went past both changes: bob has no away-notify.
        alice.send("PRIVMSG #lobby :marker");
        bob.expect("PRIVMSG #lobby :marker$");
        assertThat(bob.lines()).noneMatch(l -> l.contains(" AWAY :lunch") || l.endsWith(" AWAY"));
    }

    @Test
    void statusMessageReachesOnlyChannelOperators() {
        bob.send("JOIN #c");
        bob.expect(" 366 bob #c ");
        alice.send("JOIN #c");
        alice.expect(" 366 alice #c ");
        RawIrcClient carol = registered("carol");
        carol.send("JOIN #c");
        carol.expect(" 366 carol #c ");
        alice.send("PRIVMSG @#c :ops only");
        bob.expect("^:alice!~alice@127.0.0.1 PRIVMSG @#c :ops only$");
        alice.send("PRIVMSG #c :everyone");
        carol.expect("PRIVMSG #c :everyone$");
        assertThat(carol.lines()).noneMatch(l -> l.contains("ops only"));
    }

    @Test
    void userWithAnEmptyRealNameGets461() {
        RawIrcClient carol = connect();
        carol.send("NICK carol");
        carol.send("USER carol 0 * :");
        carol.expect(" 461 \\* USER :Not enough parameters$");
    }
}
