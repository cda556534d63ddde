package org.messenger.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.messenger.client.tls.ServerTrustManager;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.messenger.client.ChatClientException.Problem;
import org.messenger.irc.codec.IrcMessage;
import org.messenger.irc.codec.Numeric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to a Messenger (or any IRC) server, for one user.
 *
 * <pre>{@code
 * ChatClient client = new ChatClient(ClientConfig.of("127.0.0.1", 50000, "alice"));
 * client.addListener(event -> { if (event instanceof ChatEvent.PrivateMessage m) show(m.from(), m.text()); });
 * client.connect();                         // blocks until registered, or throws ChatClientException
 * client.sendToLobby("hello everyone");
 * client.sendPrivateConfirmed("bob", "hi").join();   // fails with "nick bob is not online"
 * client.disconnect("bye");
 * }</pre>
 *
 * <p><b>Threads.</b> Each client has one network thread ({@code messenger-net-*}) that reads,
 * answers PINGs and keeps the state, and one event thread ({@code messenger-events-*}) on which
 * every {@link ChatListener} and raw listener runs, one call at a time, in arrival order. A GUI
 * hops from the event thread onto its UI thread. Listeners may block, even on this client's
 * futures; they only delay later events. The futures returned here complete on the network
 * thread: use the {@code ...Async} stages (or {@code join()} from another thread) for work that
 * takes time. Every other method may be called from any thread; none waits on the network
 * except {@link #connect()} and {@link #disconnect(String)}, which are bounded by timeouts.
 */
public final class ChatClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChatClient.class);
    private static final Duration QUIT_GRACE = Duration.ofSeconds(2);
    /** Errors the server gives for a PRIVMSG/NOTICE whose target is wrong (RFC 2812 §3.3.1). */
    private static final Set<String> SEND_ERRORS = Set.of(Numeric.ERR_NOSUCHNICK.code(), Numeric.ERR_NOSUCHCHANNEL.code(),
            Numeric.ERR_CANNOTSENDTOCHAN.code(), Numeric.ERR_NOTONCHANNEL.code());
    private static final Set<String> NICK_ERRORS = Set.of(Numeric.ERR_NONICKNAMEGIVEN.code(),
            Numeric.ERR_ERRONEUSNICKNAME.code(), Numeric.ERR_NICKNAMEINUSE.code(), Numeric.ERR_NICKCOLLISION.code());

    private final ClientConfig config;
    private final EventDispatcher events;
    private volatile EventLoopGroup group;
    private volatile Channel channel;
    private volatile IrcSession session;

    public ChatClient(ClientConfig config) {
        this.config = config;
        this.events = new EventDispatcher("messenger-events-" + config.nick());
    }

    public ClientConfig config() {
        return config;
    }

    /** Listeners added before {@link #connect()} see every event, from the first join on. */
    public void addListener(ChatListener listener) {
        events.addListener(listener);
    }

    public void removeListener(ChatListener listener) {
        events.removeListener(listener);
    }

    /** Sees every message the server sends (numerics included), on the event thread, before the typed events. */
    public void addRawListener(Consumer<IrcMessage> listener) {
        events.addRawListener(listener);
    }

    public void removeRawListener(Consumer<IrcMessage> listener) {
        events.removeRawListener(listener);
    }

    /**
     * Connects and registers; returns once the server welcomed us and sent its registration
     * burst (so {@link #lobby()} and {@link #users()} are filled). Bounded by the connect timeout.
     *
     * @throws NickTakenException  when the nick is taken and the {@link NickCollisionHandler} gave up
     * @throws ChatClientException for every other failure, with a message fit for the user
     */
    public void connect() {
        try {
            connectAsync().get(config.connectTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw asChatException(e.getCause());
        } catch (TimeoutException e) {
            closeQuietly();
            throw new ChatClientException(Problem.TIMEOUT, "Cannot reach " + config.server() + ": no answer within "
                    + IrcSession.seconds(config.connectTimeout()) + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly();
            throw new ChatClientException(Problem.NOT_CONNECTED, "interrupted while connecting to " + config.server());
        }
    }

    /**
     * Initialises what the first connection would otherwise initialise on its own critical path:
     * Netty's platform probes and pooled buffer allocator, channel ids (which ask the OS for the
     * process id), the selector provider and the line codecs. A one-shot command runs this on a
     * second thread while it parses its options, so that on two cores the two overlap (about
     * 20-40 ms off a {@code users}, docs/performance.md). Safe to call from any thread, twice, or
     * never; a failure here is left for {@link #connect()} to report properly.
     */
    public static void prepareNetworkStack() {
        try {
            io.netty.buffer.ByteBufAllocator.DEFAULT.toString();
            io.netty.channel.DefaultChannelId.newInstance();
            NioIoHandler.newFactory();
            new LineBasedFrameDecoder(8191 + 512, true, false);
            new StringDecoder(StandardCharsets.UTF_8);
            new StringEncoder(StandardCharsets.UTF_8);
            new IdleStateHandler(1, 0, 0);
            java.nio.channels.spi.SelectorProvider.provider().openSelector().close();
        } catch (java.io.IOException | RuntimeException e) {
            log.debug("Preparing the network stack ahead of the connection failed; the connection will say why", e);
        }
    }

    /** {@link #connect()} without blocking: the future fails with a {@link ChatClientException}. */
    public synchronized CompletableFuture<ChatClient> connectAsync() {
        if (group != null) {
            throw new IllegalStateException("connect() may be called once per ChatClient");
        }
        long deadline = System.nanoTime() + config.connectTimeout().toNanos();
        IrcSession newSession = new IrcSession(config, events, deadline);
        session = newSession;
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("messenger-net-" + config.nick(), true),
                NioIoHandler.newFactory());
        ServerTrustManager trust = config.tls() == null ? null : new ServerTrustManager(config.tls(), config.server().toString());
        SslContext tlsContext = trust == null ? null : clientTlsContext(trust);
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tlsContext != null) {
                            // The host name goes out as SNI and is what a CA-signed certificate is checked against.
                            ch.pipeline().addLast("tls", tlsContext.newHandler(ch.alloc(), config.server().host(), config.server().port()));
                        }
                        // RFC 2812 §2.3: 512 bytes per line; IRCv3 message-tags allow 8191 more for tags.
                        ch.pipeline().addLast(
                                new IdleStateHandler(config.keepAlive().toNanos(), 0, 0, TimeUnit.NANOSECONDS),
                                new LineBasedFrameDecoder(8191 + 512, true, false),
                                new StringDecoder(StandardCharsets.UTF_8),
                                new StringEncoder(StandardCharsets.UTF_8),
                                newSession);
                    }
                });
        CompletableFuture<ChatClient> result = new CompletableFuture<>();
        ChannelFuture connecting = bootstrap.connect(config.server().host(), config.server().port());
        channel = connecting.channel();
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(unreachable(f.cause()));
                events.post(new ChatEvent.Disconnected(config.clock().instant(),
                        unreachable(f.cause()).getMessage(), false));
                events.finish();
                group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            }
        });
        newSession.ready().whenComplete((ok, error) -> {
            if (error == null) {
                result.complete(this);
            } else {
                closeQuietly(); // a failed registration leaves no thread behind
                result.completeExceptionally(tlsFailure(trust, newSession).orElseGet(() -> asChatException(error)));
            }
        });
        return result;
    }

    private static SslContext clientTlsContext(ServerTrustManager trust) {
        try {
            return SslContextBuilder.forClient().trustManager(trust).protocols("TLSv1.3", "TLSv1.2").build();
        } catch (SSLException e) {
            throw new ChatClientException(Problem.NOT_CONNECTED, "cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** Why a TLS connection ended before registration, in words: the certificate refused, or no TLS at all. */
    private Optional<ChatClientException> tlsFailure(ServerTrustManager trust, IrcSession failedSession) {
        if (trust == null) {
            return Optional.empty();
        }
        if (trust.rejection() != null) {
            return Optional.of(trust.rejection());
        }
        Throwable failure = failedSession.failure();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NotSslRecordException) {
                return Optional.of(new ChatClientException(Problem.NOT_CONNECTED, "Cannot talk TLS to " + config.server()
                        + ": it answered in plain text. Is that the plain port? TLS is usually on port 6697.", failure));
            }
            if (t instanceof SSLException ssl) {
                return Optional.of(new ChatClientException(Problem.NOT_CONNECTED, "The TLS handshake with " + config.server()
                        + " failed: " + ssl.getMessage(), failure));
            }
        }
        return Optional.empty();
    }

    private ChatClientException unreachable(Throwable cause) {
        String where = "Cannot reach " + config.server() + ": ";
        if (cause instanceof ConnectTimeoutException) {
            return new ChatClientException(Problem.UNREACHABLE, where + "no answer within "
                    + IrcSession.seconds(config.connectTimeout()) + ". Check the address and the network.", cause);
        }
        if (cause instanceof UnknownHostException || cause.getCause() instanceof UnknownHostException) {
            return new ChatClientException(Problem.UNREACHABLE, where + "unknown host " + config.server().host()
                    + ". Check the address.", cause);
        }
        if (cause instanceof ConnectException && String.valueOf(cause.getMessage()).toLowerCase().contains("refused")) {
            return new ChatClientException(Problem.UNREACHABLE, where + "connection refused. Is the server running?", cause);
        }
        return new ChatClientException(Problem.UNREACHABLE, where + cause.getMessage(), cause);
    }

    private static ChatClientException asChatException(Throwable error) {
        Throwable e = error;
        while (e instanceof CompletionException || e instanceof ExecutionException) {
            e = e.getCause();
        }
        if (e instanceof ChatClientException chat) {
            return chat;
        }
        return new ChatClientException(Problem.NOT_CONNECTED, "connection failed: " + e.getMessage(), e);
    }

    // ---- state ----

    /** Our current nick (changes with {@link #changeNick}). */
    public String nick() {
        IrcSession s = session;
        return s == null ? config.nick() : s.nick();
    }

    /** The lobby channel the server put us in, or null when it did not. */
    public String lobby() {
        IrcSession s = session;
        return s == null ? null : s.lobby();
    }

    /** The server's name from its welcome, or null before it. */
    public String serverName() {
        IrcSession s = session;
        return s == null ? null : s.serverName();
    }

    /** IRCv3 capabilities the server enabled for us. */
    public Set<String> capabilities() {
        IrcSession s = session;
        return s == null ? Set.of() : s.capabilities();
    }

    /** Nicks in the lobby (ourselves included), sorted; kept current from joins, parts, quits and nick changes. */
    public List<String> users() {
        IrcSession s = session;
        return s == null ? List.of() : s.users();
    }

    /** The lobby's members with their prefixes ({@code @}, {@code +}) and away state, in the order of {@link #users()}. */
    public List<Member> members() {
        IrcSession s = session;
        return s == null ? List.of() : s.members();
    }

    /**
     * Loads the latest lines of a conversation (a channel, or the nick of a private partner) with
     * IRCv3 CHATHISTORY, when the server offers it: they come as one {@link ChatEvent.HistoryLoaded}
     * before the live messages of the conversation that arrive meanwhile. The lobby's history is
     * loaded by itself on joining, and a private conversation's on the first message from its
     * partner; call this when the user opens a private conversation. Lines already delivered are
     * delivered again (for a new window), but never twice in one load.
     *
     * @return the lines delivered, completed on the event thread just after their event; empty
     *         when the server keeps no history, refuses, or does not answer within the request timeout
     */
    public CompletableFuture<List<ChatEvent.HistoryLine>> loadHistory(String conversation) {
        if (conversation == null || conversation.isBlank() || conversation.contains(" ") || conversation.contains(",")) {
            throw new IllegalArgumentException("'" + conversation + "' is not a channel or a nick");
        }
        return requireSession().loadHistory(conversation, true);
    }

    /**
     * Opens a private conversation (or a channel's): like {@link #loadHistory} the first time, and
     * nothing when it is open already (its history loaded, a message received from or sent to
     * them). A terminal client calls this before the first line it writes to someone.
     */
    public CompletableFuture<List<ChatEvent.HistoryLine>> openConversation(String conversation) {
        if (conversation == null || conversation.isBlank() || conversation.contains(" ") || conversation.contains(",")) {
            throw new IllegalArgumentException("'" + conversation + "' is not a channel or a nick");
        }
        return requireSession().loadHistory(conversation, false);
    }

    public boolean isConnected() {
        Channel ch = channel;
        IrcSession s = session;
        return ch != null && ch.isActive() && s != null && s.ready().isDone() && !s.ready().isCompletedExceptionally();
    }

    // ---- sending ----

    /** Sends text to everyone in the lobby. Long or multi-line text becomes several messages. */
    public void sendToLobby(String text) {
        sendText(requireLobby(), text, false);
    }

    /** Sends text to one user. A wrong nick is reported later as a {@link ChatEvent.ServerError}. */
    public void sendPrivate(String nick, String text) {
        sendText(requireNick(nick), text, false);
    }

    /** A CTCP ACTION ("/me waves") to the lobby or to a nick. */
    public void sendAction(String target, String text) {
        sendText(target, text, true);
    }

    /** Like {@link #sendPrivate} but completes once the server handled it, and fails with "nick bob is not online". */
    public CompletableFuture<Void> sendPrivateConfirmed(String nick, String text) {
        return sendConfirmed(requireNick(nick), text);
    }

    /** Like {@link #sendToLobby} but completes once the server handled it. */
    public CompletableFuture<Void> sendToLobbyConfirmed(String text) {
        return sendConfirmed(requireLobby(), text);
    }

    private CompletableFuture<Void> sendConfirmed(String target, String text) {
        IrcSession s = requireSession();
        opening(s, target);
        List<IrcMessage> messages = new ArrayList<>(privmsgs(target, text, false));
        // The server answers commands in order: when the PONG is back, any 401 for the PRIVMSG has arrived.
        // Errors are collected, not failed on, so that a long text cut in several lines yields one failure.
        String token = s.nextToken();
        messages.add(IrcMessage.of("PING", token));
        ReplyMatcher sendErrors = ReplyMatcher.errorAbout(target, SEND_ERRORS);
        ReplyMatcher matcher = incoming -> sendErrors.judge(incoming) == ReplyMatcher.Verdict.FAIL
                ? ReplyMatcher.Verdict.COLLECT
                : ReplyMatcher.pong(token).judge(incoming);
        return s.request(messages, matcher, config.requestTimeout(), "the message to " + target)
                .thenApply(replies -> {
                    if (replies.size() > 1) {
                        throw ServerReplies.toException(replies.getFirst());
                    }
                    return null;
                });
    }

    private void sendText(String target, String text, boolean action) {
        IrcSession s = requireSession();
        opening(s, target);
        for (IrcMessage message : privmsgs(target, text, action)) {
            s.send(message);
        }
    }

    /** Writing to someone opens the conversation: their answer must not load history that repeats what we wrote. */
    private static void opening(IrcSession s, String target) {
        if (!s.isChannel(target)) {
            s.markOpened(target);
        }
    }

    private List<IrcMessage> privmsgs(String target, String text, boolean action) {
        // The server relays ":nick!user@host PRIVMSG target :text\r\n" within 512 bytes (RFC 2812 §2.3);
        // reserve room for a long user@host.
        int overhead = 1 + nick().length() + 1 + 12 + 1 + 64 + " PRIVMSG ".length() + target.length() + 2 + 2
                + (action ? 9 : 0);
        List<String> pieces = TextSplitter.split(text == null ? "" : text, Math.max(64, 512 - overhead));
        if (pieces.isEmpty()) {
            throw new IllegalArgumentException("there is no text to send");
        }
        return pieces.stream()
                .map(piece -> IrcMessage.of("PRIVMSG", target, action ? "\u0001ACTION " + piece + "\u0001" : piece))
                .toList();
    }

    private String requireLobby() {
        String lobby = lobby();
        if (lobby == null) {
            throw new ChatClientException(Problem.NO_SUCH_TARGET, "the server did not put us in a lobby channel");
        }
        return lobby;
    }

    private static String requireNick(String nick) {
        if (nick == null || nick.isBlank() || nick.contains(" ") || nick.contains(",")) {
            throw new IllegalArgumentException("'" + nick + "' is not a nick");
        }
        return nick;
    }

    private IrcSession requireSession() {
        IrcSession s = session;
        if (s == null || !isConnected()) {
            throw new ChatClientException(Problem.NOT_CONNECTED, "not connected to the server");
        }
        return s;
    }

    /** Asks the server for the lobby's users (NAMES); completes with the fresh, sorted list. */
    public CompletableFuture<List<String>> refreshUsers() {
        IrcSession s = requireSession();
        String lobby = requireLobby();
        // No `case null`: see IrcSession.trackNumeric.
        ReplyMatcher matcher = incoming -> incoming.numeric() == null ? ReplyMatcher.Verdict.SKIP : switch (incoming.numeric()) {
            case RPL_NAMREPLY -> lobby.equalsIgnoreCase(incoming.param(2))
                    ? ReplyMatcher.Verdict.COLLECT : ReplyMatcher.Verdict.SKIP;
            case RPL_ENDOFNAMES -> lobby.equalsIgnoreCase(incoming.param(1))
                    ? ReplyMatcher.Verdict.DONE : ReplyMatcher.Verdict.SKIP;
            case ERR_NOSUCHCHANNEL -> ReplyMatcher.Verdict.FAIL;
            default -> ReplyMatcher.Verdict.SKIP;
        };
        return s.request(List.of(IrcMessage.of("NAMES", lobby)), matcher, config.requestTimeout(), "the user list")
                .thenApply(replies -> s.users());
    }

    /** Changes our nick; completes with the new nick, or fails with {@link NickTakenException} and friends. */
    public CompletableFuture<String> changeNick(String newNick) {
        IrcSession s = requireSession();
        String wanted = requireNick(newNick);
        String current = s.nick();
        ReplyMatcher matcher = incoming -> {
            if (incoming.verb().equals("NICK") && current.equalsIgnoreCase(incoming.sourceNick())) {
                return ReplyMatcher.Verdict.DONE;
            }
            return NICK_ERRORS.contains(incoming.verb()) ? ReplyMatcher.Verdict.FAIL : ReplyMatcher.Verdict.SKIP;
        };
        return s.request(List.of(IrcMessage.of("NICK", wanted)), matcher, config.requestTimeout(), "the nick change")
                .thenApply(replies -> replies.get(replies.size() - 1).param(0));
    }

    /**
     * Registers an account named after our nick (IRCv3 draft/account-registration) and logs in to
     * it; completes with the account name once the server has saved it, or fails with the server's
     * reason (account exists, weak password, connection not encrypted...).
     */
    public CompletableFuture<String> registerAccount(String password) {
        IrcSession s = requireSession();
        ReplyMatcher matcher = incoming -> {
            if (incoming.verb().equals("REGISTER") && "SUCCESS".equals(incoming.param(0))) {
                return ReplyMatcher.Verdict.DONE;
            }
            if (incoming.verb().equals("FAIL") && "REGISTER".equals(incoming.param(0))
                    || incoming.verb().equals(Numeric.ERR_UNKNOWNCOMMAND.code()) && "REGISTER".equalsIgnoreCase(incoming.param(1))) {
                return ReplyMatcher.Verdict.FAIL;
            }
            return ReplyMatcher.Verdict.SKIP;
        };
        // Hashing the password costs the server a noticeable moment: give it more than a PING.
        return s.request(List.of(IrcMessage.of("REGISTER", "*", "*", password)), matcher,
                        config.requestTimeout().multipliedBy(2), "the account registration")
                .thenApply(replies -> replies.get(replies.size() - 1).param(1));
    }

    /** A PING/PONG round trip: completes when the server has handled everything sent before. */
    public CompletableFuture<Void> ping() {
        IrcSession s = requireSession();
        String token = s.nextToken();
        return s.request(List.of(IrcMessage.of("PING", token)), ReplyMatcher.pong(token), config.requestTimeout(),
                "a PING").thenApply(replies -> null);
    }

    // ---- raw access, for protocol extensions such as the file commands ----

    /** Sends any message as is. */
    public void send(IrcMessage message) {
        requireSession().send(message);
    }

    /** Sends {@code message} and collects its answer as {@code matcher} decides, within the request timeout. */
    public CompletableFuture<List<IrcMessage>> request(IrcMessage message, ReplyMatcher matcher) {
        return request(message, matcher, config.requestTimeout());
    }

    public CompletableFuture<List<IrcMessage>> request(IrcMessage message, ReplyMatcher matcher, Duration timeout) {
        return requireSession().request(List.of(message), matcher, timeout, "the " + message.verb() + " request");
    }

    // ---- leaving ----

    /**
     * Sends QUIT with {@code reason}, waits (briefly) for the server to close the connection, then
     * closes it. The last event listeners get is {@link ChatEvent.Disconnected}. Idempotent.
     */
    public void disconnect(String reason) {
        Channel ch = channel;
        IrcSession s = session;
        if (ch == null || s == null) {
            events.finish();
            return;
        }
        if (ch.isActive()) {
            s.markQuitting(reason == null ? "" : reason);
            String text = reason == null ? "" : reason.replaceAll("[\\r\\n\\x00]", " ");
            ch.writeAndFlush(IrcSession.format(IrcMessage.of("QUIT", text)) + "\r\n");
        }
        boolean onOurThreads = ch.eventLoop().inEventLoop() || events.onEventThread();
        if (onOurThreads) {
            ch.eventLoop().schedule(() -> { ch.close(); }, QUIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            group.shutdownGracefully(QUIT_GRACE.toMillis(), QUIT_GRACE.toMillis() * 2, TimeUnit.MILLISECONDS);
            return;
        }
        try {
            if (!ch.closeFuture().await(QUIT_GRACE.toMillis())) {
                log.debug("The server did not close the connection after QUIT; closing it");
                ch.close().await(QUIT_GRACE.toMillis());
            }
            group.shutdownGracefully(0, QUIT_GRACE.toMillis(), TimeUnit.MILLISECONDS).await(QUIT_GRACE.toMillis() * 2);
            events.awaitFinished(QUIT_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ch.close();
        }
    }

    /** {@link #disconnect(String)} with a plain reason. */
    @Override
    public void close() {
        disconnect("leaving");
    }

    private void closeQuietly() {
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
        EventLoopGroup g = group;
        if (g != null) {
            g.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        }
    }
}
