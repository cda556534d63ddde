package org.messenger.irc.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Channel operators and channel modes: RFC 2812 §3.2 (JOIN, MODE, KICK, INVITE, TOPIC, NAMES,
 * LIST), RFC 2811 §4 (the modes) and https://modern.ircdocs.horse/#channel-modes, one behaviour
 * per test. alice creates {@code #c} and is its operator; bob is an ordinary user.
 */
class ChannelOperatorsTest extends IrcServerTestBase {
    private RawIrcClient alice;
    private RawIrcClient bob;

    @BeforeEach
    void aliceCreatesAChannel() {
        start();
        alice = registered("alice");
        bob = registered("bob");
        alice.send("JOIN #c");
        alice.expect(" 366 alice #c ");
    }

    private void bobJoins() {
        bob.send("JOIN #c");
        bob.expect(" 366 bob #c ");
        alice.expect("^:bob!~bob@127.0.0.1 JOIN #c$");
    }

    @Test
    void creatorOfANewChannelIsItsOperator() {
        bobJoins();
        bob.send("NAMES #c");
        bob.expect(" 353 bob = #c :@alice bob$");
    }

    @Test
    void nobodyBecomesOperatorOfTheLobbyByJoiningIt() {
        RawIrcClient carol = registered("carol");
        carol.send("NAMES #lobby");
        carol.expect(" 353 carol = #lobby :alice bob carol$");
    }

    @Test
    void operatorGivesOpAndVoiceSeenByEveryMember() {
        bobJoins();
        alice.send("MODE #c +ov bob bob");
        bob.expect("^:alice!~alice@127.0.0.1 MODE #c \\+ov bob bob$");
        alice.expect("^:alice!~alice@127.0.0.1 MODE #c \\+ov bob bob$");
        bob.send("NAMES #c");
        bob.expect(" 353 bob = #c :@alice @bob$");
    }

    @Test
    void multiPrefixShowsEveryPrefixOfAMember() {
        RawIrcClient carol = connect();
        carol.send("CAP REQ :multi-prefix");
        carol.send("CAP END");
        carol.register("carol");
        bobJoins();
        alice.send("MODE #c +ov bob bob");
        alice.expect("MODE #c \\+ov bob bob$");
        carol.send("NAMES #c");
        carol.expect(" 353 carol = #c :@alice @\\+bob$");
    }

    @Test
    void modeChangeByNonOperatorGets482() {
        bobJoins();
        bob.send("MODE #c +m");
        bob.expect(" 482 bob #c :You're not channel operator$");
    }

    @Test
    void opForNickNotInChannelGets441() {
        alice.send("MODE #c +o bob");
        alice.expect(" 441 alice bob #c :They aren't on that channel$");
    }

    @Test
    void opForUnknownNickGets401() {
        alice.send("MODE #c +o ghost");
        alice.expect(" 401 alice ghost :No such nick/channel$");
    }

    @Test
    void modeQueryGives324WithArgumentsAnd329() {
        alice.send("MODE #c +kl secret 10");
        alice.expect("MODE #c \\+kl secret 10$");
        alice.send("MODE #c");
        alice.expect(" 324 alice #c \\+klnt secret 10$");
        alice.expect(" 329 alice #c \\d+$");
    }

    @Test
    void keyIsHiddenFromNonMembersInModeQuery() {
        alice.send("MODE #c +k secret");
        alice.expect("MODE #c \\+k secret$");
        bob.send("MODE #c");
        bob.expect(" 324 bob #c \\+knt <key>$");
    }

    @Test
    void unknownModeCharGets472() {
        alice.send("MODE #c +z");
        alice.expect(" 472 alice z :is unknown mode char to me$");
    }

    @Test
    void wrongKeyGets475AndRightKeyJoins() {
        alice.send("MODE #c +k sesame");
        alice.expect("MODE #c \\+k sesame$");
        bob.send("JOIN #c wrong");
        bob.expect(" 475 bob #c :Cannot join channel \\(\\+k\\)");
        bob.send("JOIN #c sesame");
        bob.expect("^:bob!~bob@127.0.0.1 JOIN #c$");
    }

    @Test
    void secondKeyGets467() {
        alice.send("MODE #c +k one");
        alice.expect("MODE #c \\+k one$");
        alice.send("MODE #c +k two");
        alice.expect(" 467 alice #c :Channel key already set");
    }

    @Test
    void minusKTakesAnArgumentSoLaterModesGetTheirOwn() {
        alice.send("MODE #c +k one");
        alice.expect("MODE #c \\+k one$");
        alice.send("MODE #c -k+l one 5");
        alice.expect("MODE #c -k\\+l one 5$");
        alice.send("MODE #c");
        alice.expect(" 324 alice #c \\+lnt 5$");
    }

    @Test
    void minusKAloneUnsetsTheKey() {
        alice.send("MODE #c +k one");
        alice.expect("MODE #c \\+k one$");
        alice.send("MODE #c -k");
        alice.expect("MODE #c -k one$");
    }

    @Test
    void fullChannelGets471() {
        alice.send("MODE #c +l 1");
        alice.expect("MODE #c \\+l 1$");
        bob.send("JOIN #c");
        bob.expect(" 471 bob #c :Cannot join channel \\(\\+l\\)");
    }

    @Test
    void limitThatIsNotAPositiveNumberGets696() {
        alice.send("MODE #c +l 99999999999999999999");
        alice.expect(" 696 alice #c l 99999999999999999999 :Invalid limit");
        alice.send("MODE #c +l -5");
        alice.expect(" 696 alice #c l -5 :Invalid limit");
    }

    @Test
    void modeWithMissingArgumentGets461() {
        alice.send("MODE #c +o");
        alice.expect(" 461 alice MODE :Not enough parameters$");
    }

    @Test
    void inviteOnlyChannelGets473() {
        alice.send("MODE #c +i");
        alice.expect("MODE #c \\+i$");
        bob.send("JOIN #c");
        bob.expect(" 473 bob #c :Cannot join channel \\(\\+i\\)");
    }

    @Test
    void inviteGets341AndLetsTheInviteeIntoAnInviteOnlyChannel() {
        alice.send("MODE #c +i");
        alice.expect("MODE #c \\+i$");
        alice.send("INVITE bob #c");
        alice.expect(" 341 alice bob #c$");
        bob.expect("^:alice!~alice@127.0.0.1 INVITE bob #c$");
        bob.send("JOIN #c");
        bob.expect("^:bob!~bob@127.0.0.1 JOIN #c$");
    }

    @Test
    void inviteOfAMemberGets443() {
        bobJoins();
        alice.send("INVITE bob #c");
        alice.expect(" 443 alice bob #c :is already on channel$");
    }

    @Test
    void inviteByNonMemberGets442() {
        bob.send("INVITE alice #c");
        bob.expect(" 442 bob #c :You're not on that channel$");
    }

    @Test
    void inviteToInviteOnlyChannelByNonOperatorGets482() {
        bobJoins();
        alice.send("MODE #c +i");
        bob.expect("MODE #c \\+i$");
        RawIrcClient carol = registered("carol");
        bob.send("INVITE carol #c");
        bob.expect(" 482 bob #c :You're not channel operator$");
        assertThat(carol.hasSeen("INVITE")).isFalse();
    }

    @Test
    void inviteNotifyTellsChannelOperatorsWhoAskedForIt() {
        RawIrcClient op = connect();
        op.send("CAP REQ :invite-notify");
        op.send("CAP END");
        op.register("op");
        op.send("JOIN #n");
        op.expect(" 366 op #n ");
        RawIrcClient carol = registered("carol");
        carol.send("JOIN #n");
        op.expect("^:carol!~carol@127.0.0.1 JOIN #n$");
        carol.send("INVITE bob #n");
        op.expect("^:carol!~carol@127.0.0.1 INVITE bob #n$");
    }

    @Test
    void bannedUserGets474() {
        alice.send("MODE #c +b bob!*@*");
        alice.expect("MODE #c \\+b bob!\\*@\\*$");
        bob.send("JOIN #c");
        bob.expect(" 474 bob #c :Cannot join channel \\(\\+b\\)");
    }

    @Test
    void banMasksMatchWithTheServersCaseMapping() {
        RawIrcClient odd = registered("al{ice}");
        alice.send("MODE #c +b AL[ICE]");
        alice.expect("MODE #c \\+b AL\\[ICE]!\\*@\\*$");
        odd.send("JOIN #c");
        odd.expect(" 474 al\\{ice} #c ");
    }

    @Test
    void banListIsAnsweredWith367And368() {
        alice.send("MODE #c +b *!*@10.*");
        alice.expect("MODE #c \\+b \\*!\\*@10\\.\\*$");
        bob.send("MODE #c b");
        bob.expect(" 367 bob #c \\*!\\*@10\\.\\* alice \\d+$");
        bob.expect(" 368 bob #c :End of channel ban list$");
    }

    @Test
    void bannedMemberCannotSpeak() {
        bobJoins();
        alice.send("MODE #c +b bob");
        bob.expect("MODE #c \\+b bob!\\*@\\*$");
        bob.send("PRIVMSG #c :still here");
        bob.expect(" 404 bob #c :Cannot send to channel: you are banned");
    }

    @Test
    void moderatedChannelLetsOnlyVoicedAndOperatorsSpeak() {
        bobJoins();
        alice.send("MODE #c +m");
        bob.expect("MODE #c \\+m$");
        bob.send("PRIVMSG #c :may I");
        bob.expect(" 404 bob #c :Cannot send to channel \\(\\+m\\)");
        alice.send("MODE #c +v bob");
        bob.expect("MODE #c \\+v bob$");
        bob.send("PRIVMSG #c :thanks");
        alice.expect("^:bob!~bob@127.0.0.1 PRIVMSG #c :thanks$");
    }

    @Test
    void kickRemovesTheMemberAndEveryMemberSeesIt() {
        bobJoins();
        alice.send("KICK #c bob :behave");
        bob.expect("^:alice!~alice@127.0.0.1 KICK #c bob :behave$");
        alice.expect("^:alice!~alice@127.0.0.1 KICK #c bob :behave$");
        assertThat(server.hub().isMember(server.hub().findUser("bob").orElseThrow(), "#c")).isFalse();
    }

    @Test
    void kickWithoutReasonGivesTheKickersNick() {
        bobJoins();
        alice.send("KICK #c bob");
        bob.expect("^:alice!~alice@127.0.0.1 KICK #c bob :alice$");
    }

    @Test
    void kickByNonOperatorGets482() {
        bobJoins();
        bob.send("KICK #c alice");
        bob.expect(" 482 bob #c :You're not channel operator$");
    }

    @Test
    void kickOfNonMemberGets441() {
        alice.send("KICK #c bob");
        alice.expect(" 441 alice bob #c :They aren't on that channel$");
    }

    @Test
    void kickFromChannelNotJoinedGets442() {
        bob.send("KICK #c alice");
        bob.expect(" 442 bob #c :You're not on that channel$");
    }

    @Test
    void topicOfPlusTChannelNeedsOperator() {
        bobJoins();
        bob.send("TOPIC #c :mine now");
        bob.expect(" 482 bob #c :You're not channel operator$");
        alice.send("MODE #c -t");
        bob.expect("MODE #c -t$");
        bob.send("TOPIC #c :mine now");
        alice.expect("^:bob!~bob@127.0.0.1 TOPIC #c :mine now$");
    }

    @Test
    void lobbyTopicAndModesAreRefusedToUsers() {
        bob.send("TOPIC #lobby :hello");
        bob.expect(" 482 bob #lobby :You're not channel operator$");
        bob.send("MODE #lobby +m");
        bob.expect(" 482 bob #lobby :You're not channel operator$");
    }

    @Test
    void secretChannelIsHiddenFromListAndNamesOfNonMembers() {
        alice.send("MODE #c +s");
        alice.expect("MODE #c \\+s$");
        bob.send("LIST");
        bob.expect(" 322 bob #lobby ");
        bob.expect(" 323 bob ");
        assertThat(bob.lines()).noneMatch(l -> l.contains(" 322 bob #c "));
        bob.send("NAMES #c");
        String end = bob.expect(" 366 bob #c ");
        assertThat(bob.lines()).noneMatch(l -> l.contains(" 353 bob @ #c"));
        assertThat(end).isNotNull();
        alice.send("NAMES #c");
        alice.expect(" 353 alice @ #c :@alice$");
    }

    @Test
    void invisibleUserIsHiddenFromNamesOfNonMembers() {
        bob.send("MODE bob +i");
        bob.expect("MODE bob \\+i$");
        bobJoins();
        RawIrcClient carol = registered("carol");
        carol.send("NAMES #c");
        carol.expect(" 353 carol = #c :@alice$");
    }

    @Test
    void listFiltersByUserCountAndMask() {
        bobJoins();
        alice.send("JOIN #d");
        alice.expect(" 366 alice #d ");
        alice.send("LIST >1");
        alice.expect(" 321 alice ");
        alice.expect(" 322 alice #lobby 2 ");
        alice.expect(" 322 alice #c 2 ");
        alice.expect(" 323 alice ");
        assertThat(alice.lines()).noneMatch(l -> l.contains(" 322 alice #d "));
        alice.send("LIST #d*");
        alice.expect(" 322 alice #d 1 ");
        alice.expect(" 323 alice ");
    }

    @Test
    void invalidChannelNameGets476() {
        bob.send("JOIN bad,name");
        bob.expect(" 476 bob bad :Invalid channel name");
    }

    @Test
    void isupportAnnouncesChannelModesAndLimits() {
        RawIrcClient carol = connect();
        carol.send("NICK carol");
        carol.send("USER carol 0 * :Carol");
        String first = carol.expect(" 005 carol ");
        String second = carol.expect(" 005 carol ");
        String all = first + " " + second;
        assertThat(all).contains("CHANMODES=b,k,l,Rimnst", "PREFIX=(ov)@+", "CHANTYPES=#", "CHANLIMIT=#:50", "NICKLEN=30",
                "TOPICLEN=390", "KICKLEN=255", "MODES=4", "MAXLIST=b:100", "CASEMAPPING=rfc1459", "NETWORK=Messenger", "ELIST=MU",
                "TARGMAX=");
    }
}
