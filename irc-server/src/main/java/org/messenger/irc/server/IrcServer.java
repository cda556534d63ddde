package org.messenger.irc.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.UnresolvedAddressException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.TimeUnit;
import org.messenger.chat.ChatHub;
import org.messenger.chat.LocalChatHub;
import org.messenger.chat.PresenceWindow;
import org.messenger.irc.codec.CaseMapping;
import org.messenger.irc.codec.CertificateFingerprint;
import org.messenger.irc.codec.IrcFrameDecoder;
import org.messenger.irc.server.tls.ServerTls;
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
 * It listens on a plain port, a TLS port ({@link ServerTls}), or both. Each client pipeline is
 * ({@code SslHandler} on the TLS port, then) {@link IrcFrameDecoder} (framing, limits, UTF-8) then
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
    private final Channel tlsListener;
    private final ServerTls tls;
    private volatile boolean stopped;

    private IrcServer(ServerContext context, EventLoopGroup acceptGroup, EventLoopGroup ioGroup, ChannelGroup clients,
            Channel listener, Channel tlsListener, ServerTls tls) {
        this.context = context;
        this.clients = clients;
        this.acceptGroup = acceptGroup;
        this.ioGroup = ioGroup;
        this.listener = listener;
        this.tlsListener = tlsListener;
        this.tls = tls;
    }

    /**
     * Binds and starts serving.
     *
     * @throws PortInUseException when the address is taken
     * @throws IllegalArgumentException when the bind address is not one of this machine
     */
    public static IrcServer start(IrcServerConfig config) throws InterruptedException {
        // One accept thread: it also owns the connection limits (Admissions).
        EventLoopGroup acceptGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup ioGroup = new MultiThreadIoEventLoopGroup(config.ioThreads(), NioIoHandler.newFactory());
        Admissions admissions = new Admissions(config.limits(), config.nanoClock(), acceptGroup.next());
        EventLoop hubLoop = ioGroup.next();
        ServerContext context = newContext(config, admissions, (task, delayNanos) -> {
            try {
                hubLoop.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopping) {
                // the server is stopping: nobody is left to tell
            }
        });

        ChannelGroup clients = new DefaultChannelGroup("irc-clients", GlobalEventExecutor.INSTANCE);
        ServerTls tls = config.tlsPort() < 0 ? null : loadTls(config, context, acceptGroup, ioGroup);
        // The plain port's connections advertise the TLS port in IRCv3 sts: known once TLS is bound (port 0 in tests).
        AtomicReference<ServerContext> contextRef = new AtomicReference<>(context);
        Channel tlsListener = null;
        Channel plainListener = null;
        try {
            if (tls != null) {
                tlsListener = bind(bootstrap(config, acceptGroup, ioGroup, admissions, clients, contextRef, tls), config,
                        config.tlsPort());
                contextRef.set(context.withTlsPort(((InetSocketAddress) tlsListener.localAddress()).getPort()));
                // Renewed certificate files are picked up by the accept loop, which owns the reload.
                long checkNanos = tls.settings().reloadCheckInterval().toNanos();
                acceptGroup.next().scheduleAtFixedRate(tls::reloadIfChanged, checkNanos, checkNanos, TimeUnit.NANOSECONDS);
            }
            if (config.port() >= 0) {
                plainListener = bind(bootstrap(config, acceptGroup, ioGroup, admissions, clients, contextRef, null), config,
                        config.port());
            }
        } catch (RuntimeException | InterruptedException e) {
            if (tlsListener != null) {
                tlsListener.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
            }
            context.accounts().close();
            context.operators().close();
            acceptGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            ioGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
        IrcServer server = new IrcServer(contextRef.get(), acceptGroup, ioGroup, clients, plainListener, tlsListener, tls);
        if (plainListener != null) {
            log.info("serving IRC on {}:{} as {} (lobby {})", config.bindAddress(), server.port(), config.serverName(), config.lobby());
        }
        if (tlsListener != null) {
            log.info("serving IRC over TLS on {}:{} ({} engine), certificate SHA-256 fingerprint {}", config.bindAddress(),
                    server.tlsPort(), tls.engine(), tls.fingerprint());
        }
        return server;
    }

    private static ServerTls loadTls(IrcServerConfig config, ServerContext context, EventLoopGroup acceptGroup, EventLoopGroup ioGroup) {
        try {
            return ServerTls.load(config.tls());
        } catch (RuntimeException e) {
            context.accounts().close();
            context.operators().close();
            acceptGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            ioGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    private static ServerBootstrap bootstrap(IrcServerConfig config, EventLoopGroup acceptGroup, EventLoopGroup ioGroup,
            Admissions admissions, ChannelGroup clients, AtomicReference<ServerContext> contextRef, ServerTls tls) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(NioServerSocketChannel.class)
                // Limits are checked here, on the accepted socket, before a pipeline exists for it.
                .handler(admissions.acceptHandler())
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
                if (tls != null) {
                    // Below everything else: the IRC pipeline sees plain text either way.
                    ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
                }
                // No flush consolidation here: IrcConnection already writes once per I/O turn.
                ch.pipeline().addLast("framing", new IrcFrameDecoder());
                ch.pipeline().addLast("irc", new IrcConnectionHandler(contextRef.get(), clients));
            }
        });
        return bootstrap;
    }

    private static Channel bind(ServerBootstrap bootstrap, IrcServerConfig config, int port) throws InterruptedException {
        InetSocketAddress address = new InetSocketAddress(config.bindAddress(), port);
        try {
            return bootstrap.bind(address).sync().channel();
        } catch (Exception e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("in use")) {
                throw new PortInUseException(address, e);
            }
            if (e instanceof BindException || e instanceof UnresolvedAddressException) {
                throw new CannotListenException("cannot listen on " + config.bindAddress() + ":" + port + ": "
                        + (e instanceof UnresolvedAddressException ? "unknown address" : message)
                        + " (give an address of this machine, e.g. 127.0.0.1 or 0.0.0.0)", e);
            }
            if (e instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /**
     * The hub, command table and shared state of a server with {@code config}, before any socket;
     * {@code admissions} is null in tests that use EmbeddedChannel (no accept loop, no limits),
     * and so is {@code presenceScheduler}, which ends the hub's presence windows (null: the hub
     * tells every JOIN and PART at once).
     */
    static ServerContext newContext(IrcServerConfig config, Admissions admissions, PresenceWindow.Scheduler presenceScheduler) {
        PresenceWindow window = presenceScheduler == null || config.presenceWindow().isZero() ? null
                : new PresenceWindow(config.presenceWindow(), IrcServerConfig.PRESENCE_WINDOW_MAX_EVENTS, presenceScheduler);
        // The hub folds names exactly as ISUPPORT tells clients to (Welcome).
        ChatHub hub = new LocalChatHub(config.chat().withCaseMapping(CASE_MAPPING::fold), config.history(), window);
        hub.createPermanentChannel(config.lobby());
        CommandTable commands = new CommandTable();
        RegistrationCommands.register(commands);
        CapabilityCommands.register(commands);
        ChannelCommands.register(commands);
        MessageCommands.register(commands);
        QueryCommands.register(commands);
        ModeCommand.register(commands);
        AccountCommands.register(commands);
        ChatHistoryCommand.register(commands);
        IdentityCommands.register(commands);
        OperatorCommands operators = new OperatorCommands(config.operators());
        operators.register(commands);
        for (IrcExtension extension : config.extensions()) {
            extension.registerCommands(commands);
        }
        return new ServerContext(config, hub, commands, List.copyOf(config.extensions()),
                config.chat().clock().instant(), VERSION, admissions, operators);
    }

    /** The plain port actually bound (useful when the config asked for 0). */
    public int port() {
        return localAddress().getPort();
    }

    /** The plain listener's address. */
    public InetSocketAddress localAddress() {
        if (listener == null) {
            throw new IllegalStateException("this server has no plain port (it serves TLS only): use tlsPort()");
        }
        return (InetSocketAddress) listener.localAddress();
    }

    /** The TLS port actually bound. */
    public int tlsPort() {
        if (tlsListener == null) {
            throw new IllegalStateException("this server has no TLS port");
        }
        return ((InetSocketAddress) tlsListener.localAddress()).getPort();
    }

    /** The certificate's fingerprint as clients see it; empty without TLS. */
    public Optional<CertificateFingerprint> tlsFingerprint() {
        return tls == null ? Optional.empty() : Optional.of(tls.fingerprint());
    }

    /** The TLS side, for checking renewed certificate files at once (tests; the server checks on its own). */
    public Optional<ServerTls> tls() {
        return Optional.ofNullable(tls);
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
        if (listener != null) {
            listener.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        if (tlsListener != null) {
            tlsListener.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
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
        context.namesCache().clear();
        context.accounts().close();
        context.operators().close();
        log.info("server stopped");
    }

    @Override
    public void close() {
        stop("Server shutting down");
    }

    /** The listen address is not one of this machine's. */
    public static final class CannotListenException extends IllegalArgumentException {
        CannotListenException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The listen address is taken, most likely by another server. */
    public static final class PortInUseException extends RuntimeException {
        private final InetSocketAddress address;

        PortInUseException(InetSocketAddress address, Throwable cause) {
            super("port " + address.getPort() + " on " + address.getHostString() + " is in use: is another server running?", cause);
            this.address = address;
        }

        public InetSocketAddress address() {
            return address;
        }
    }
}
