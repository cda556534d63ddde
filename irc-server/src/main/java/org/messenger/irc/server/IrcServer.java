package org.messenger.irc.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.UnresolvedAddressException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.messenger.chat.ChatHub;
import org.messenger.chat.LocalChatHub;
import org.messenger.irc.codec.CaseMapping;
import org.messenger.irc.codec.IrcFrameDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IRC server: a Netty TCP listener whose connections speak IRC to one {@link ChatHub}.
 *
 * <pre>{@code
 * try (IrcServer server = IrcServer.start(IrcServerConfig.builder().port(0).build())) {
 *     int port = server.port();
 *     ...
 * }
 * }</pre>
 *
 * Each client pipeline is {@link IrcFrameDecoder} (framing, limits, UTF-8) then
 * {@link IrcConnectionHandler} (flood control, dispatch, liveness).
 */
public final class IrcServer implements AutoCloseable {
    /** How this server compares nicks and channel names; announced as CASEMAPPING (RFC 2812 §2.2, modern.ircdocs.horse). */
    static final CaseMapping CASE_MAPPING = CaseMapping.RFC1459;

    private static final Logger log = LoggerFactory.getLogger(IrcServer.class);
    public static final String VERSION = "messenger-0.1";

    private final ServerContext context;
    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup ioGroup;
    private final ChannelGroup clients;
    private final Channel listener;
    private volatile boolean stopped;

    private IrcServer(ServerContext context, EventLoopGroup acceptGroup, EventLoopGroup ioGroup, ChannelGroup clients,
            Channel listener) {
        this.context = context;
        this.clients = clients;
        this.acceptGroup = acceptGroup;
        this.ioGroup = ioGroup;
        this.listener = listener;
    }

    /**
     * Binds and starts serving.
     *
     * @throws PortInUseException when the address is taken
     * @throws IllegalArgumentException when the bind address is not one of this machine
     */
    public static IrcServer start(IrcServerConfig config) throws InterruptedException {
        // The hub folds names exactly as ISUPPORT tells clients to (Welcome).
        ChatHub hub = new LocalChatHub(config.chat().withCaseMapping(CASE_MAPPING::fold));
        hub.createPermanentChannel(config.lobby());
        CommandTable commands = new CommandTable();
        RegistrationCommands.register(commands);
        CapabilityCommands.register(commands);
        ChannelCommands.register(commands);
        MessageCommands.register(commands);
        QueryCommands.register(commands);
        ModeCommand.register(commands);
        ChatHistoryCommand.register(commands);
        OperatorCommands operators = new OperatorCommands(config.operators());
        operators.register(commands);
        for (IrcExtension extension : config.extensions()) {
            extension.registerCommands(commands);
        }
        ServerContext context = new ServerContext(config, hub, commands, List.copyOf(config.extensions()),
                config.chat().clock().instant(), VERSION, new SharedEncoding(), operators,
                new java.util.concurrent.ConcurrentHashMap<>());

        EventLoopGroup acceptGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup ioGroup = new MultiThreadIoEventLoopGroup(config.ioThreads(), NioIoHandler.newFactory());
        ChannelGroup clients = new DefaultChannelGroup("irc-clients", GlobalEventExecutor.INSTANCE);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // The send queue: above the high mark the client is not keeping up and is dropped.
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(config.sendQueueBytes() / 2, config.sendQueueBytes()));
        if (config.socketSendBufferBytes() > 0) {
            bootstrap.childOption(ChannelOption.SO_SNDBUF, config.socketSendBufferBytes());
        }
        bootstrap.childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                // A JOIN or lobby line reaches a member as one write per event; under a burst (10,000
                // clients joining) many are queued at once, and this makes them one syscall.
                ch.pipeline().addLast("flush", new FlushConsolidationHandler(
                        FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
                ch.pipeline().addLast("framing", new IrcFrameDecoder());
                ch.pipeline().addLast("irc", new IrcConnectionHandler(context, clients));
            }
        });
        InetSocketAddress address = new InetSocketAddress(config.bindAddress(), config.port());
        Channel listener;
        try {
            listener = bootstrap.bind(address).sync().channel();
        } catch (Exception e) {
            acceptGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            ioGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            String message = String.valueOf(e.getMessage());
            if (message.contains("in use")) {
                throw new PortInUseException(address, e);
            }
            if (e instanceof BindException || e instanceof UnresolvedAddressException) {
                throw new IllegalArgumentException("cannot listen on " + config.bindAddress() + ":" + config.port() + ": "
                        + (e instanceof UnresolvedAddressException ? "unknown address" : message)
                        + " (use --bind with an address of this machine, e.g. 127.0.0.1 or 0.0.0.0)", e);
            }
            throw e;
        }
        IrcServer server = new IrcServer(context, acceptGroup, ioGroup, clients, listener);
        log.info("serving IRC on {}:{} as {} (lobby {})", config.bindAddress(), server.port(), config.serverName(), config.lobby());
        return server;
    }

    /** The port actually bound (useful when the config asked for 0). */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** The chat hub behind this server (for tests and for modules living in the same process). */
    public ChatHub hub() {
        return context.hub();
    }

    /** Tells every client with ERROR, closes them, then stops listening. Safe to call twice. */
    public void stop(String reason) {
        if (stopped) {
            return;
        }
        stopped = true;
        listener.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        for (Channel client : clients) {
            IrcConnection connection = client.attr(IrcConnectionHandler.CONNECTION).get();
            if (connection != null) {
                connection.disconnect(reason);
            } else {
                client.close();
            }
        }
        clients.newCloseFuture().awaitUninterruptibly(3, TimeUnit.SECONDS);
        ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        acceptGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        context.sharedEncoding().clear();
        context.operators().close();
        log.info("server stopped");
    }

    @Override
    public void close() {
        stop("Server shutting down");
    }

    /** The listen address is taken, most likely by another server. */
    public static final class PortInUseException extends RuntimeException {
        private final InetSocketAddress address;

        PortInUseException(InetSocketAddress address, Throwable cause) {
            super("port " + address.getPort() + " on " + address.getHostString() + " is in use: is another server running? use --port", cause);
            this.address = address;
        }

        public InetSocketAddress address() {
            return address;
        }
    }
}
