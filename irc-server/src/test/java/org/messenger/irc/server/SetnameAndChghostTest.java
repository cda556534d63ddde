package org.messenger.irc.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * https://ircv3.net/specs/extensions/setname (SETNAME by the user) and
 * https://ircv3.net/specs/extensions/chghost (a new user name or host, given by an operator's
 * CHGHOST or CHGIDENT, with the QUIT and JOIN fallback for clients without the capability).
 */
class SetnameAndChghostTest extends IrcServerTestBase {
    @BeforeEach
    void startWithOneOperator() {
        start(IrcServerConfig.builder().operator("admin", "s3cret"));
    }

    private RawIrcClient operator(String nick) {
        RawIrcClient client = registered(nick);
        client.send("OPER admin s3cret");
        client.expect(" 381 " + nick + " ");
        return client;
    }

    @Test
    void setnameIsSeenByTheUserAndCapableChannelNeighboursOnly() {
        RawIrcClient alice = registeredWithCaps("alice", "setname");
        RawIrcClient bob = registeredWithCaps("bob", "setname");
        RawIrcClient carol = registered("carol");
        alice.send("SETNAME :Alice Liddell");
        alice.expect("^:alice!~alice@127.0.0.1 SETNAME :Alice Liddell$");
        bob.expect("^:alice!~alice@127.0.0.1 SETNAME :Alice Liddell$");
        carol.send("WHOIS alice");
        carol.expect(" 311 carol alice ~alice 127.0.0.1 \\* :Alice Liddell$");
        assertThat(carol.lines()).noneMatch(l -> l.contains("SETNAME"));
    }

    @Test
    void setnameRefusesAnEmptyOrOverlongRealName() {
        RawIrcClient alice = registeredWithCaps("alice", "setname");
        alice.send("SETNAME :   ");
        alice.expect("^:test.server FAIL SETNAME INVALID_REALNAME :");
        alice.send("SETNAME :" + "x".repeat(IdentityCommands.MAX_REALNAME + 1));
        alice.expect("^:test.server FAIL SETNAME INVALID_REALNAME :");
        alice.send("WHOIS alice");
        alice.expect(" 311 alice alice ~alice 127.0.0.1 \\* :Test alice$");
    }

    @Test
    void chghostReachesCapableClientsAsOneLine() {
        RawIrcClient bob = registeredWithCaps("bob", "chghost");
        RawIrcClient admin = operator("admin");
        admin.send("CHGHOST bob staff/bob");
        admin.expect("NOTICE admin :The host of bob is now staff/bob$");
        bob.expect("^:bob!~bob@127.0.0.1 CHGHOST ~bob staff/bob$");
        admin.send("WHO bob");
        admin.expect(" 352 admin \\S+ ~bob staff/bob test.server bob ");
    }

    @Test
    void othersSeeTheUserQuitAndJoinAgainWithItsChannelStatus() {
        RawIrcClient alice = registered("alice");
        alice.send("JOIN #dev");
        alice.expect(" 366 alice #dev ");
        RawIrcClient bob = registered("bob");
        bob.send("JOIN #dev");
        bob.expect(" 366 bob #dev ");
        RawIrcClient admin = operator("admin");
        admin.send("CHGHOST alice vhost.example");
        bob.expect("^:alice!~alice@127.0.0.1 QUIT :Changing host$");
        bob.expect("^:alice!~alice@vhost.example JOIN #lobby$");
        bob.expect("^:alice!~alice@vhost.example JOIN #dev$");
        bob.expect("^:test.server MODE #dev \\+o alice$");
        alice.expect("^:test.server 396 alice vhost.example :is now your displayed host$");
        assertThat(alice.lines()).noneMatch(l -> l.contains("QUIT"));
    }

    @Test
    void theFallbackTellsAwayNotifyClientsAgainThatTheUserIsAway() {
        RawIrcClient alice = registered("alice");
        alice.send("AWAY :out for lunch");
        alice.expect(" 306 alice ");
        RawIrcClient bob = registeredWithCaps("bob", "away-notify");
        RawIrcClient admin = operator("admin");
        admin.send("CHGHOST alice vhost.example");
        bob.expect("^:alice!~alice@127.0.0.1 QUIT :Changing host$");
        bob.expect("^:alice!~alice@vhost.example JOIN #lobby$");
        // The QUIT made bob's client forget alice was away; without this she would look present.
        bob.expect("^:alice!~alice@vhost.example AWAY :out for lunch$");
    }

    @Test
    void chgidentChangesTheUserName() {
        RawIrcClient bob = registeredWithCaps("bob", "chghost");
        RawIrcClient admin = operator("admin");
        admin.send("CHGIDENT bob robert");
        bob.expect("^:bob!~bob@127.0.0.1 CHGHOST robert 127.0.0.1$");
    }

    @Test
    void onlyServerOperatorsChangeHostsAndOnlyToAHostThatParses() {
        RawIrcClient alice = registered("alice");
        alice.send("CHGHOST alice any.host");
        alice.expect(" 481 alice :Permission Denied");
        RawIrcClient admin = operator("admin");
        admin.send("CHGHOST alice bad@host!x");
        admin.expect("^:test.server FAIL CHGHOST INVALID_HOST bad@host!x :");
        admin.send("CHGIDENT alice " + "u".repeat(12));
        admin.expect("^:test.server FAIL CHGIDENT INVALID_USERNAME ");
        admin.send("CHGHOST nobody any.host");
        admin.expect(" 401 admin nobody ");
        admin.send("WHO alice");
        admin.expect(" 352 admin \\S+ ~alice 127.0.0.1 test.server alice ");
    }

    @Test
    void bothCapabilitiesAreOffered() {
        RawIrcClient client = connect();
        client.send("CAP LS 302");
        assertThat(client.expect("CAP \\* LS :")).contains(" setname", " chghost");
    }
}
