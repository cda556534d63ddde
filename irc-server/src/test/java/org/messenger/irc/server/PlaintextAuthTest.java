package org.messenger.irc.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.messenger.irc.codec.IrcFrameDecoder;

/**
 * Passwords are not taken on a connection that is neither TLS nor loopback. An EmbeddedChannel
 * has no loopback address, which is what a client across the network looks like here.
 */
class PlaintextAuthTest {
    private ServerContext context;
    private EmbeddedChannel channel;

    private void open(AccountConfig accounts) {
        context = IrcServer.newContext(IrcServerConfig.builder().serverName("test.server").accounts(accounts.withScramIterations(4096)).build(), null, null);
        channel = new EmbeddedChannel(new IrcFrameDecoder(),
                new IrcConnectionHandler(context, new DefaultChannelGroup(GlobalEventExecutor.INSTANCE)));
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
        context.accounts().close();
    }

    private List<String> exchange(String... lines) {
        for (String line : lines) {
            channel.writeInbound(Unpooled.copiedBuffer(line + "\r\n", StandardCharsets.UTF_8));
        }
        channel.runPendingTasks();
        List<String> out = new ArrayList<>();
        for (Object o; (o = channel.readOutbound()) != null; ) {
            ByteBuf buf = (ByteBuf) o;
            out.add(buf.toString(StandardCharsets.UTF_8).strip());
            buf.release();
        }
        return out;
    }

    @Test
    void saslAndRegisterAreRefusedOnAPlaintextRemoteConnection() {
        open(AccountConfig.inMemory());
        assertThat(exchange("NICK alice", "AUTHENTICATE PLAIN"))
                .anyMatch(l -> l.contains(" 904 * :SASL refused: this connection is not encrypted"))
                .noneMatch(l -> l.equals("AUTHENTICATE +"));
        assertThat(exchange("REGISTER * * :a long password"))
                .anyMatch(l -> l.contains("FAIL REGISTER INSECURE_CONNECTION * :This connection is not encrypted"));
    }

    @Test
    void allowPlaintextAuthLetsThemThrough() {
        open(AccountConfig.inMemory().withAllowPlaintextAuth(true));
        assertThat(exchange("NICK alice", "AUTHENTICATE PLAIN")).contains("AUTHENTICATE +");
    }
}
