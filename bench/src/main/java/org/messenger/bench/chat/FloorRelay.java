package org.messenger.bench.chat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The baseline of {@code bench chat}: a relay that does the least any chat server must do for
 * this load, on the same Netty and the same loopback as our server: frame lines, answer
 * registration with 001 and a JOIN with 366, and copy each PRIVMSG to the lobby's members or
 * to one nick. No validation, no flood control, no history, no JOIN broadcast, no case mapping.
 * Not a server anyone should use; it shows what the machine and the load generator alone cost.
 */
final class FloorRelay implements AutoCloseable {
    private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup workers;
    private final Map<String, Channel> byNick = new ConcurrentHashMap<>();
    private final Map<Channel, String> lobby = new ConcurrentHashMap<>();
    private final Channel listener;

    private FloorRelay(int port, int ioThreads) throws InterruptedException {
        workers = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
        listener = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // Same flush batching as our server, so the floor is not slower for want of it.
                        ch.pipeline().addLast(new FlushConsolidationHandler(
                                FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
                        ch.pipeline().addLast(new LineBasedFrameDecoder(512), new Connection());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
    }

    /** Serves on {@code port} of 127.0.0.1 (0: any free one) with {@code ioThreads} event loops, as many as our server gets. */
    static FloorRelay start(int port, int ioThreads) throws InterruptedException {
        return new FloorRelay(port, ioThreads);
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    private static ByteBuf line(Channel ch, String text) {
        ByteBuf buf = ch.alloc().buffer(text.length() * 3 + 2);
        buf.writeCharSequence(text, StandardCharsets.UTF_8);
        buf.writeByte('\r').writeByte('\n');
        return buf;
    }

    private final class Connection extends SimpleChannelInboundHandler<ByteBuf> {
        private String nick = "*";

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            String text = frame.toString(StandardCharsets.UTF_8);
            int space = text.indexOf(' ');
            String command = space < 0 ? text : text.substring(0, space);
            String rest = space < 0 ? "" : text.substring(space + 1);
            Channel ch = ctx.channel();
            switch (command) {
                case "NICK" -> {
                    nick = rest;
                    byNick.put(nick, ch);
                }
                case "USER" -> ch.writeAndFlush(line(ch, ":relay 001 " + nick + " :Welcome to the floor relay"));
                case "JOIN" -> {
                    lobby.put(ch, nick);
                    ch.writeAndFlush(line(ch, ":" + nick + "!" + nick + "@127.0.0.1 JOIN " + rest
                            + "\r\n:relay 366 " + nick + " " + rest + " :End of /NAMES list."));
                }
                case "PING" -> ch.writeAndFlush(line(ch, ":relay PONG relay " + rest));
                case "PRIVMSG" -> relay(ch, rest);
                case "QUIT" -> ch.close();
                default -> { }
            }
        }

        private void relay(Channel from, String rest) {
            int space = rest.indexOf(' ');
            if (space < 0) {
                return;
            }
            String target = rest.substring(0, space);
            ByteBuf out = line(from, ":" + nick + "!" + nick + "@127.0.0.1 PRIVMSG " + rest);
            try {
                if (target.startsWith("#")) {
                    for (Channel member : lobby.keySet()) {
                        if (member != from) {
                            member.writeAndFlush(out.retainedDuplicate(), member.voidPromise());
                        }
                    }
                } else {
                    Channel to = byNick.get(target);
                    if (to != null) {
                        to.writeAndFlush(out.retainedDuplicate(), to.voidPromise());
                    }
                }
            } finally {
                out.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            lobby.remove(ctx.channel());
            byNick.remove(nick, ctx.channel());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
