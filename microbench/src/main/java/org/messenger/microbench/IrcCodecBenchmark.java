package org.messenger.microbench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.messenger.irc.codec.IrcFormatter;
import org.messenger.irc.codec.IrcFrame;
import org.messenger.irc.codec.IrcFrameDecoder;
import org.messenger.irc.codec.IrcLineEncoder;
import org.messenger.irc.codec.IrcMessage;
import org.messenger.irc.codec.IrcParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The IRC line codec on a typical channel message: cutting a line out of the byte stream, parsing
 * it, formatting the relayed message and encoding it for the wire. Parsing and formatting produce
 * immutable values (the line's {@code String}, the {@link IrcMessage} and its parameters), so
 * they allocate at least those; the benchmark shows how much more.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IrcCodecBenchmark {
    static final String LINE = "PRIVMSG #general :the build is green again, merging the transport branch now";
    static final String RELAYED = ":alice!alice@127.0.0.1 " + LINE;
    static final String TAGGED = "@time=2026-11-26T01:37:00.000Z;msgid=Zm9vYmFy;+draft/reply=abc " + RELAYED;

    /** What {@code channel.alloc()} gives the server unless configured otherwise. */
    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
    private EmbeddedChannel channel;
    private ByteBuf wireLine;
    private IrcMessage relayed;
    private Object lastFrame;

    @Setup(Level.Trial)
    public void setUp() {
        // The decoder's output goes to a last handler that keeps it, instead of EmbeddedChannel's
        // inbound queue, so that the measured path is the decoder's alone.
        channel = new EmbeddedChannel(new IrcFrameDecoder(), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                lastFrame = msg;
            }
        });
        // Sockets read into direct buffers, and on an event-loop thread Netty copies a line out
        // of one through a thread-local scratch array. The benchmark's thread is no event-loop
        // thread and would get a fresh array per line instead, so a heap buffer (read in place)
        // stands in to show what the event loop allocates.
        wireLine = Unpooled.buffer().writeBytes((LINE + "\r\n").getBytes(StandardCharsets.UTF_8));
        relayed = IrcParser.parse(RELAYED);
        decodeFrame();
        if (!(lastFrame instanceof IrcFrame.Line line) || !line.text().equals(LINE)) {
            throw new IllegalStateException("the decoder did not return the line: " + lastFrame);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        channel.finishAndReleaseAll();
        wireLine.release();
    }

    /** Bytes of one line as they arrive from a client, to an {@link IrcFrame.Line}. */
    @Benchmark
    public Object decodeFrame() {
        // The decoder releases what it has read; the retain keeps the same bytes for the next call.
        wireLine.retain().readerIndex(0);
        channel.pipeline().fireChannelRead(wireLine);
        return lastFrame;
    }

    @Benchmark
    public IrcMessage parse() {
        return IrcParser.parse(LINE);
    }

    @Benchmark
    public IrcMessage parseWithSourceAndTags() {
        return IrcParser.parse(TAGGED);
    }

    /** The server's side of a relay: the message with the sender as source, to a line. */
    @Benchmark
    public String format() {
        return IrcFormatter.format(relayed, true);
    }

    /** A formatted line to pooled bytes with CR LF, as the server writes it to each member. */
    @Benchmark
    public int encodeLine() {
        ByteBuf buf = IrcLineEncoder.encode(alloc, RELAYED);
        int n = buf.readableBytes();
        buf.release();
        return n;
    }
}
