package org.messenger.irc.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.messenger.chat.HubEvent;
import org.messenger.chat.LocalChatHub;
import org.messenger.chat.UserRef;
import org.messenger.irc.codec.IrcMessage;

/** Lines for a client leave once per I/O turn: one write and one flush, however many lines the turn queued. */
class TurnFlushTest {
    private final IrcServerConfig config = IrcServerConfig.builder().serverName("test.server").build();
    private final ServerContext context = new ServerContext(config, new LocalChatHub(config.chat()), new CommandTable(), List.of(),
            Instant.EPOCH, "test", null, new OperatorCommands(List.of()));
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final IrcConnection connection = new IrcConnection(context, channel);
    private static final UserRef BOB = new UserRef("bob", "b", "host", null, "Bob");
    private static final UserRef CAROL = new UserRef("carol", "c", "host", null, "Carol");

    @AfterEach
    void releaseWhatIsLeft() {
        // The flush tasks belong to this thread's TurnFlush, which the next test shares: let the
        // ones still scheduled run, or it would wait for them forever.
        channel.advanceTimeBy(TurnFlush.PRESENCE_DELAY_NANOS, TimeUnit.NANOSECONDS);
        channel.runPendingTasks();
        channel.finishAndReleaseAll();
    }

    @Test
    void linesQueuedInOneTurnLeaveInOneWriteAtTheEndOfTheTurn() {
        connection.send(IrcMessage.of("PING", "one"));
        connection.send(IrcMessage.of("PING", "two"));
        connection.send(IrcMessage.of("PING", "three"));
        assertThat((Object) channel.readOutbound()).as("nothing leaves before the turn ends").isNull();

        channel.runPendingTasks();

        assertThat(writes()).containsExactly("PING :one\r\n"
                + "PING :two\r\n"
                + "PING :three\r\n");
    }

    @Test
    void eachTurnGetsItsOwnWrite() {
        connection.send(IrcMessage.of("PING", "one"));
        channel.runPendingTasks();
        connection.send(IrcMessage.of("PING", "two"));
        channel.runPendingTasks();

        assertThat(writes()).containsExactly("PING :one\r\n", "PING :two\r\n");
    }

    @Test
    void disconnectSendsTheTurnsLinesBeforeTheError() {
        connection.send(IrcMessage.of("PING", "one"));

        connection.disconnect("Bye");
        channel.runPendingTasks();

        assertThat(writes()).containsExactly("PING :one\r\n", "ERROR :Closing Link: 0.0.0.0 (Bye)\r\n");
    }

    @Test
    void nothingIsQueuedOnceDisconnecting() {
        connection.disconnect("Bye");
        connection.send(IrcMessage.of("PING", "late"));
        channel.runPendingTasks();

        assertThat(writes()).containsExactly("ERROR :Closing Link: 0.0.0.0 (Bye)\r\n");
    }

    @Test
    void aBystandersJoinWaitsForCompanyThenLeavesWithTheOthers() {
        connection.deliver(new HubEvent.Joined(Instant.EPOCH, BOB, "#lobby"));
        connection.deliver(new HubEvent.Joined(Instant.EPOCH, CAROL, "#lobby"));
        channel.runPendingTasks();
        assertThat((Object) channel.readOutbound()).as("presence lines wait for company").isNull();

        channel.advanceTimeBy(TurnFlush.PRESENCE_DELAY_NANOS, TimeUnit.NANOSECONDS);
        channel.runPendingTasks();

        assertThat(writes()).containsExactly(":bob!b@host JOIN #lobby\r\n:carol!c@host JOIN #lobby\r\n");
    }

    @Test
    void anUrgentLineTakesTheWaitingOnesAlongInOrder() {
        connection.deliver(new HubEvent.Quit(Instant.EPOCH, BOB, "gone"));
        connection.send(IrcMessage.of("PING", "now"));
        channel.runPendingTasks();

        assertThat(writes()).containsExactly(":bob!b@host QUIT :gone\r\nPING :now\r\n");
        channel.advanceTimeBy(TurnFlush.PRESENCE_DELAY_NANOS, TimeUnit.NANOSECONDS);
        channel.runPendingTasks();
        assertThat(writes()).as("nothing is sent twice").isEmpty();
    }

    @Test
    void theClientWhoseCommandCausedTheEventGetsItAtTheEndOfTheTurn() {
        TurnFlush turn = TurnFlush.forThisThread();
        turn.actor = connection;
        try {
            connection.deliver(new HubEvent.Joined(Instant.EPOCH, BOB, "#lobby"));
        } finally {
            turn.actor = null;
        }
        channel.runPendingTasks();

        assertThat(writes()).containsExactly(":bob!b@host JOIN #lobby\r\n");
    }

    @Test
    void aWaitingBufferPastItsBatchSizeLeavesAtTheEndOfTheTurn() {
        int joins = 0;
        while (joins * ":bob!b@host JOIN #lobby\r\n".length() <= TurnFlush.PRESENCE_BATCH_BYTES) {
            connection.deliver(new HubEvent.Joined(Instant.EPOCH.plusSeconds(joins), BOB, "#lobby"));
            joins++;
        }
        channel.runPendingTasks();

        assertThat(String.join("", writes())).hasSize(joins * ":bob!b@host JOIN #lobby\r\n".length());
    }

    @Test
    void aPresenceBatchLeavesAtTheEndOfTheTurnInOneWrite() {
        List<HubEvent> window = List.of(new HubEvent.Joined(Instant.EPOCH, BOB, "#lobby"),
                new HubEvent.Parted(Instant.EPOCH, CAROL, "#lobby", "later"));

        connection.deliver(new HubEvent.PresenceBatch("#lobby", window, 0));
        channel.runPendingTasks();

        assertThat(writes()).as("the hub's window was the wait: no second one here")
                .containsExactly(":bob!b@host JOIN #lobby\r\n:carol!c@host PART #lobby :later\r\n");
    }

    @Test
    void aLineQueuedAfterABatchInTheSameTurnLeavesAfterIt() {
        connection.deliver(new HubEvent.PresenceBatch("#lobby", List.of(new HubEvent.Joined(Instant.EPOCH, BOB, "#lobby")), 0));
        connection.send(IrcMessage.of("PING", "now"));
        assertThat((Object) channel.readOutbound()).as("nothing leaves before the turn ends").isNull();
        channel.runPendingTasks();

        assertThat(String.join("", writes())).isEqualTo(":bob!b@host JOIN #lobby\r\nPING :now\r\n");
    }

    @Test
    void aBatchBehindQueuedLinesIsCopiedBehindThem() {
        connection.send(IrcMessage.of("PING", "first"));
        connection.deliver(new HubEvent.PresenceBatch("#lobby", List.of(new HubEvent.Joined(Instant.EPOCH, BOB, "#lobby")), 0));
        channel.runPendingTasks();

        assertThat(writes()).containsExactly("PING :first\r\n:bob!b@host JOIN #lobby\r\n");
    }

    @Test
    void linesSentAsBytesLeaveBetweenWhatCameBeforeAndAfterThem() {
        connection.send(IrcMessage.of("PING", "before"));
        ByteBuf names = io.netty.buffer.Unpooled.copiedBuffer(":s 353 me = #big :a b c\r\n", StandardCharsets.US_ASCII);
        connection.sendLines(names);
        connection.send(IrcMessage.of("PING", "after"));
        assertThat((Object) channel.readOutbound()).as("nothing leaves before the turn ends").isNull();
        channel.runPendingTasks();

        List<ByteBuf> out = new ArrayList<>();
        for (ByteBuf b; (b = channel.readOutbound()) != null; ) {
            out.add(b);
        }
        assertThat(out).as("the lines themselves are written, not a copy of them").anyMatch(b -> b == names);
        StringBuilder text = new StringBuilder();
        for (ByteBuf b : out) {
            text.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        assertThat(text.toString()).isEqualTo("PING :before\r\n:s 353 me = #big :a b c\r\nPING :after\r\n");
    }

    @Test
    void membersToldTheSameBatchShareItsBytes() {
        EmbeddedChannel other = new EmbeddedChannel();
        IrcConnection second = new IrcConnection(context, other);
        List<HubEvent> window = List.of(new HubEvent.Joined(Instant.EPOCH, BOB, "#lobby"));
        try {
            connection.deliver(new HubEvent.PresenceBatch("#lobby", window, 0));
            second.deliver(new HubEvent.PresenceBatch("#lobby", window, 0));
            channel.runPendingTasks();
            other.runPendingTasks();

            ByteBuf mine = channel.readOutbound();
            ByteBuf theirs = other.readOutbound();
            assertThat(mine.unwrap()).as("a slice of one buffer, not a copy each").isNotNull().isSameAs(theirs.unwrap());
            mine.release();
            theirs.release();
        } finally {
            other.finishAndReleaseAll();
        }
    }

    @Test
    void eachMemberGetsTheBatchFromWhereItJoinedAndWithItsCapabilities() {
        EmbeddedChannel other = new EmbeddedChannel();
        IrcConnection extended = new IrcConnection(context, other);
        extended.capabilities(java.util.EnumSet.of(Capability.EXTENDED_JOIN));
        List<HubEvent> window = List.of(new HubEvent.Joined(Instant.EPOCH, BOB, "#lobby"),
                new HubEvent.Joined(Instant.EPOCH, CAROL, "#lobby"));
        try {
            connection.deliver(new HubEvent.PresenceBatch("#lobby", window, 1));
            extended.deliver(new HubEvent.PresenceBatch("#lobby", window, 0));
            channel.runPendingTasks();
            other.runPendingTasks();

            assertThat(writes()).as("it joined after bob: only carol's JOIN").containsExactly(":carol!c@host JOIN #lobby\r\n");
            ByteBuf out = other.readOutbound();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                    ":bob!b@host JOIN #lobby * Bob\r\n:carol!c@host JOIN #lobby * Carol\r\n");
            out.release();
        } finally {
            other.finishAndReleaseAll();
        }
    }

    private List<String> writes() {
        List<String> writes = new ArrayList<>();
        for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
            writes.add(out.toString(StandardCharsets.UTF_8));
            out.release();
        }
        return writes;
    }
}
