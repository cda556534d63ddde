package org.messenger.irc.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.messenger.chat.LocalChatHub;
import org.messenger.irc.codec.IrcMessage;

/** Lines for a client leave once per I/O turn: one write and one flush, however many lines the turn queued. */
class TurnFlushTest {
    private final IrcServerConfig config = IrcServerConfig.builder().serverName("test.server").build();
    private final ServerContext context = new ServerContext(config, new LocalChatHub(config.chat()), new CommandTable(), List.of(),
            Instant.EPOCH, "test", null, new OperatorCommands(List.of()));
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final IrcConnection connection = new IrcConnection(context, channel);

    @AfterEach
    void releaseWhatIsLeft() {
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

    private List<String> writes() {
        List<String> writes = new ArrayList<>();
        for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
            writes.add(out.toString(StandardCharsets.UTF_8));
            out.release();
        }
        return writes;
    }
}
