package org.messenger.irc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.messenger.testkit.ManualClock;

class FloodAndSendQueueTest extends IrcServerTestBase {

    @Test
    void flooderIsThrottledThenDroppedWithExcessFloodWhileOthersCarryOn() {
        start(IrcServerConfig.builder().floodCostPerMessage(Duration.ofMillis(500)).floodBurst(Duration.ofSeconds(5))
                .maxQueuedLines(20));
        RawIrcClient bob = registered("bob");
        RawIrcClient flooder = registered("flooder");
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            burst.append("PRIVMSG #lobby :flood ").append(i).append("\r\n");
        }
        flooder.sendBytes(burst.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        flooder.expect("^ERROR :Closing Link: 127.0.0.1 \\(Excess Flood\\)$");
        flooder.awaitClosed();
        bob.expect("^:flooder!~flooder@127.0.0.1 QUIT :Excess Flood$");
        // Throttled, not relayed wholesale: only the burst got through before the drop.
        long relayed = bob.lines().stream().filter(l -> l.contains("PRIVMSG #lobby :flood")).count();
        assertThat(relayed).isLessThan(200);
        RawIrcClient carol = registered("carol");
        carol.send("PRIVMSG bob :fine here");
        bob.expect("PRIVMSG bob :fine here$");
    }

    @Test
    void emptyLinesCostNothingAgainstFloodControl() {
        ManualClock clock = new ManualClock(); // frozen: flood control never refills during the test
        start(IrcServerConfig.builder().nanoClock(clock::nanoTime).floodCostPerMessage(Duration.ofMillis(500))
                .floodBurst(Duration.ofSeconds(10)).maxQueuedLines(64));
        RawIrcClient alice = registered("alice");
        alice.sendBytes("\r\n".repeat(200).getBytes(StandardCharsets.US_ASCII));
        alice.send("PING :after-200-empty-lines");
        alice.expect("PONG test.server :after-200-empty-lines$");
        assertThat(alice.lines()).noneMatch(l -> l.contains("Excess Flood"));
    }

    @Test
    void throttledLinesAreProcessedLaterNotLost() {
        start(IrcServerConfig.builder().floodCostPerMessage(Duration.ofMillis(20)).floodBurst(Duration.ofMillis(100))
                .maxQueuedLines(64));
        RawIrcClient bob = registered("bob");
        RawIrcClient alice = registered("alice");
        for (int i = 0; i < 30; i++) {
            alice.send("PRIVMSG bob :n" + i);
        }
        for (int i = 0; i < 30; i++) {
            bob.expect("PRIVMSG bob :n" + i + "$");
        }
        assertThat(alice.isClosedByServer()).isFalse();
    }

    @Test
    void slowReaderIsDisconnectedWithMaxSendQExceededAfterEveryQueuedLineWithoutHoldingUpOthers() {
        start(IrcServerConfig.builder()
                .floodCostPerMessage(Duration.ZERO)
                .sendQueueBytes(32 * 1024)
                .socketSendBufferBytes(8 * 1024)
                // Long enough that the slow client, reading again only at the end, still gets its ERROR.
                .closeGrace(RawIrcClient.TIMEOUT.multipliedBy(3)));
        RawIrcClient slow = track(RawIrcClient.connectWithoutReading(server.port()));
        slow.send("NICK slow");
        slow.send("USER slow 0 * :stops reading");
        RawIrcClient fast = registered("fast");
        RawIrcClient talker = registered("talker");
        String text = "p".repeat(400);
        // ~170 KiB towards each lobby member: far more than the slow reader's 4 KiB receive
        // buffer, 8 KiB socket send buffer and 32 KiB send queue together. Sent in batches that
        // the fast reader takes in before the next, so that only the slow one falls behind
        // however loaded the machine is.
        for (int batch = 0; batch < 20; batch++) {
            StringBuilder lines = new StringBuilder();
            for (int i = batch * 20; i < batch * 20 + 20; i++) {
                lines.append("PRIVMSG #lobby :").append(i).append(' ').append(text).append("\r\n");
            }
            talker.sendBytes(lines.toString().getBytes(StandardCharsets.US_ASCII));
            fast.expect("PRIVMSG #lobby :" + (batch * 20 + 19) + " p+$");
        }
        assertThat(fast.lines().stream().filter(l -> l.contains("PRIVMSG #lobby :"))).hasSize(400);

        // The slow client reads again: what was queued before the limit, without a gap, then why it was dropped.
        slow.startReading();
        slow.expect("^ERROR :Closing Link: 127.0.0.1 \\(Max SendQ exceeded\\)$");
        slow.awaitClosed();
        List<Integer> received = slow.lines().stream().filter(l -> l.contains("PRIVMSG #lobby :"))
                .map(l -> Integer.parseInt(l.substring(l.indexOf(" :") + 2, l.lastIndexOf(' ')))).toList();
        assertThat(received).isNotEmpty().hasSizeLessThan(400);
        assertThat(received).isEqualTo(IntStream.range(0, received.size()).boxed().toList());
        assertThat(slow.lines().getLast()).isEqualTo("ERROR :Closing Link: 127.0.0.1 (Max SendQ exceeded)");

        fast.expect("^:slow!~slow@127.0.0.1 QUIT :Max SendQ exceeded$");
        assertThat(server.hub().findUser("slow")).isEmpty();
    }
}
