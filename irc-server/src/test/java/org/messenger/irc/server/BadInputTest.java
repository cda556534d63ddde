package org.messenger.irc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BadInputTest extends IrcServerTestBase {

    @BeforeEach
    void startServer() {
        // No flood control here: these tests send many bad lines on purpose.
        start(IrcServerConfig.builder().floodCostPerMessage(java.time.Duration.ZERO));
    }

    @Test
    void lineOver512BytesGets417AndTheConnectionCarriesOn() {
        RawIrcClient alice = registered("alice");
        RawIrcClient bob = registered("bob");
        alice.send("PRIVMSG #lobby :" + "x".repeat(600));
        alice.expect("^:test.server 417 alice :Input line was too long");
        alice.send("PRIVMSG #lobby :short one");
        bob.expect("PRIVMSG #lobby :short one$");
        assertThat(bob.lines()).noneMatch(l -> l.contains("xxxxxxxx"));
    }

    @Test
    void lineOfExactly512BytesWithCrLfIsAccepted() {
        RawIrcClient alice = registered("alice");
        RawIrcClient bob = registered("bob");
        String prefix = "PRIVMSG #lobby :";
        alice.send(prefix + "y".repeat(510 - prefix.length()));
        bob.expect("PRIVMSG #lobby :y{494}$");
    }

    @Test
    void endlessLineWithoutNewlineIsDiscardedOnceAndReadingResumes() {
        RawIrcClient alice = registered("alice");
        alice.sendBytes("PRIVMSG #lobby :".concat("z".repeat(50_000)).getBytes(StandardCharsets.US_ASCII));
        alice.send("");
        alice.send("PING :alive");
        alice.expect(" 417 alice ");
        alice.expect("PONG test.server :alive$");
        assertThat(alice.lines().stream().filter(l -> l.contains(" 417 "))).hasSize(1);
    }

    @Test
    void tagsMayTakeUpTo8191Bytes() {
        RawIrcClient alice = registered("alice");
        RawIrcClient bob = registered("bob");
        String tags = "@+big=" + "t".repeat(8191 - "@+big= ".length()) + " ";
        alice.sendBytes((tags + "PRIVMSG #lobby :with big tags\r\n").getBytes(StandardCharsets.US_ASCII));
        bob.expect("PRIVMSG #lobby :with big tags$");
        alice.send("@+big=" + "t".repeat(8200) + " PRIVMSG #lobby :too big");
        alice.expect(" 417 alice ");
    }

    @Test
    void invalidUtf8GetsFailAndIsNotRelayed() {
        RawIrcClient alice = registered("alice");
        RawIrcClient bob = registered("bob");
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.writeBytes("PRIVMSG #lobby :caf".getBytes(StandardCharsets.US_ASCII));
        line.write(0xE9); // Latin-1 é, not UTF-8
        line.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        alice.sendBytes(line.toByteArray());
        alice.expect("^:test.server FAIL \\* INVALID_UTF8 :");
        alice.send("PRIVMSG #lobby :café");
        bob.expect("PRIVMSG #lobby :café$");
        assertThat(bob.lines()).noneMatch(l -> l.contains("caf\uFFFD"));
    }

    @Test
    void unknownCommandGets421() {
        RawIrcClient alice = registered("alice");
        alice.send("FROBNICATE now");
        alice.expect("^:test.server 421 alice FROBNICATE :Unknown command$");
    }

    @Test
    void garbageGets421WithoutHarm() {
        RawIrcClient c = connect();
        c.send("!!!@@@ ###");
        c.expect(" 421 \\* !!!@@@ :Unknown command");
        c.send("@=bad-tag PRIVMSG x :y");
        c.expect(" 421 \\* PRIVMSG ");
        c.send("PRIVMSG x :nul\0inside");
        c.expect(" 421 ");
    }

    @Test
    void nulOrCrInTheCommandWordGets421WithThatWordMadePrintableAndTheConnectionCarriesOn() {
        ListAppender<ILoggingEvent> logged = captureLogs();
        RawIrcClient alice = registered("alice");
        alice.sendBytes("\0\r\n".getBytes(StandardCharsets.US_ASCII));
        alice.expect("^:test.server 421 alice \\? :Unknown command$");
        alice.sendBytes("PI\rNG x\r\n".getBytes(StandardCharsets.US_ASCII));
        alice.expect("^:test.server 421 alice PI\\?NG :Unknown command$");
        alice.sendBytes("@a=b \0 x\r\n".getBytes(StandardCharsets.US_ASCII));
        alice.expect("^:test.server 421 alice \\? :Unknown command$");
        alice.send("PING :still-here");
        alice.expect("PONG test.server :still-here$");
        assertThat(alice.isClosedByServer()).isFalse();
        assertThat(logged.list).noneMatch(e -> e.getThrowableProxy() != null || e.getLevel().isGreaterOrEqual(Level.WARN));
    }

    private ListAppender<ILoggingEvent> captured;

    private ListAppender<ILoggingEvent> captureLogs() {
        captured = new ListAppender<>();
        captured.start();
        ((Logger) LoggerFactory.getLogger("org.messenger.irc.server")).addAppender(captured);
        return captured;
    }

    @AfterEach
    void stopCapturingLogs() {
        if (captured != null) {
            ((Logger) LoggerFactory.getLogger("org.messenger.irc.server")).detachAppender(captured);
        }
    }

    @Test
    void emptyLinesAreSilentlyIgnored() {
        RawIrcClient alice = registered("alice");
        alice.sendBytes("\r\n\n   \r\n".getBytes(StandardCharsets.US_ASCII));
        alice.send("PING :after-empty");
        alice.expect("PONG test.server :after-empty$");
        assertThat(alice.lines()).noneMatch(l -> l.contains(" 421 ") || l.contains(" 417 "));
    }

    @Test
    void randomBytesNeverKillTheServer() {
        RawIrcClient bob = registered("bob");
        RawIrcClient fuzzer = connect();
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            byte[] junk = new byte[random.nextInt(200)];
            random.nextBytes(junk);
            fuzzer.sendBytes(junk);
            fuzzer.sendBytes(new byte[] {'\r', '\n'});
        }
        fuzzer.send("PING :survived");
        fuzzer.expect("PONG test.server :survived$");
        RawIrcClient alice = registered("alice");
        alice.send("PRIVMSG bob :still works");
        bob.expect("PRIVMSG bob :still works$");
    }

    @Test
    void clientVanishingMidLineLeavesNoTrace() {
        RawIrcClient bob = registered("bob");
        RawIrcClient alice = registered("alice");
        alice.sendBytes("PRIVMSG #lobby :half a mess".getBytes(StandardCharsets.US_ASCII));
        alice.close();
        bob.expect("^:alice!~alice@127.0.0.1 QUIT :");
        await().atMost(RawIrcClient.TIMEOUT).until(() -> server.hub().userCount() == 1);
        assertThat(server.hub().channel("#lobby").orElseThrow().members()).extracting(u -> u.nick()).containsExactly("bob");
        assertThat(bob.lines()).noneMatch(l -> l.contains("half a mess"));
        assertThat(server.hub().isNickAvailable("alice")).isTrue();
    }

    @Test
    void repliesAboutMalformedNamesAreStillWellFormedLines() {
        RawIrcClient c = connect();
        c.send("NICK :a b");
        c.expect("^:test.server 432 \\* a_b :Erroneous nickname");
        c.send("NICK ::");
        c.expect("^:test.server 432 \\* \\* :Erroneous nickname");
        RawIrcClient alice = registered("alice");
        alice.send("JOIN ::x");
        alice.expect("^:test.server 476 alice x :Invalid channel name");
        assertThat(alice.lines()).noneMatch(l -> l.contains(" 400 "));
    }
}
