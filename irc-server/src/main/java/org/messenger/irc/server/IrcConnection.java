package org.messenger.irc.server;

import org.messenger.irc.codec.Numeric;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.messenger.chat.HubEvent;
import org.messenger.chat.ChatMessage;
import org.messenger.chat.ChatUser;
import org.messenger.chat.Session;
import org.messenger.irc.codec.IrcFormatter;
import org.messenger.irc.codec.IrcLineEncoder;
import org.messenger.irc.codec.IrcMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IRC client connection: its registration state and capabilities, and the way out to its
 * socket. It is the hub's {@link Session} for the user and the {@link IrcClient} extensions see.
 *
 * <p>Registration state is only touched on the connection's I/O thread. {@link #send} and
 * {@link #deliver} may be called from any thread; they encode in the caller's thread and queue
 * the bytes. A client with more than the send queue limit waiting is disconnected the way ircd
 * does it ("Max SendQ exceeded"): a slow reader never holds up anyone else or grows without
 * bound, and a client either gets every line or loses its connection, never a line silently.
 *
 * <p>Lines for a client are gathered in one buffer per event-loop turn and written and flushed
 * once at the end of the turn ({@link TurnFlush}): in a JOIN storm a member gets every JOIN of
 * the turn in one buffer and one system call, where a write per line cost a queue entry, a
 * buffer view and a scatter-gather slot each. The buffer belongs to the I/O thread; other
 * threads hand their bytes to it as a task, so lines keep the order in which they were queued.
 */
final class IrcConnection implements IrcClient, Session {
    private static final Logger log = LoggerFactory.getLogger(IrcConnection.class);
    /** ircd's words (hybrid, ngircd, UnrealIRCd) for a client dropped because its send queue is full. */
    static final String SENDQ_EXCEEDED = "Max SendQ exceeded";
    /** A turn's buffer starts this big: a few lines, and it grows (within the send queue) when more come. */
    private static final int INITIAL_TURN_BUFFER_BYTES = 512;

    private final ServerContext server;
    private final Channel channel;
    /**
     * The channel's I/O thread, kept here: a JOIN to the lobby visits 10,000 connections, and
     * asking the channel for it each time cost a cache miss per recipient.
     */
    private final EventLoop loop;
    private final InetSocketAddress remoteAddress;
    private final String host;
    /** Set once, by {@link #disconnect}. A field, not an AtomicBoolean: every delivery reads it. */
    private volatile boolean closing;
    private static final VarHandle CLOSING;

    static {
        try {
            CLOSING = MethodHandles.lookup().findVarHandle(IrcConnection.class, "closing", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    private volatile String quitReason = "Connection closed";
    private volatile ChatUser user;
    private volatile Set<Capability> capabilities = Collections.unmodifiableSet(EnumSet.noneOf(Capability.class));
    private volatile int encodingVariant;
    /** What this turn queued for the client, not yet handed to Netty; I/O thread only, null when empty. */
    private ByteBuf pending;
    /**
     * Bytes {@link #pending} may hold before the client's send queue is over its limit, read from
     * the channel when this turn's buffer was started: until the buffer is flushed only this
     * thread writes to the channel, so the room cannot shrink in between.
     */
    private long pendingRoom;
    /** Whether {@link #pending} holds a line that must leave at the end of this turn (see {@link TurnFlush}). */
    private boolean pendingUrgent;
    /** Whether this turn wrote a buffer straight to the channel ({@link #writeThrough}), which the end of the turn flushes. I/O thread only. */
    private boolean wroteThrough;

    // Registration state, I/O thread only.
    String pendingNick;
    String username;
    String realname;
    String password;
    boolean capNegotiating;
    /** The SASL exchange under way, or null (AccountCommands). */
    SaslExchange sasl;
    /** Logged in before connection registration completed; given to the hub user then. */
    String pendingAccount;
    /** When someone holds a registered account's nick without being logged in to it: the deadline, else 0. */
    long nickClaimDeadlineNanos;
    /** The casemapped nick that deadline is about. */
    String nickClaimFolded;
    private long batches;
    /** The labeled response being collected on the I/O thread (LabeledResponse), or null. I/O thread only. */
    private LabeledResponse response;

    IrcConnection(ServerContext server, Channel channel) {
        this.server = server;
        this.channel = channel;
        this.loop = channel.eventLoop();
        this.remoteAddress = channel.remoteAddress() instanceof InetSocketAddress a ? a : new InetSocketAddress(0);
        this.host = remoteAddress.getAddress() == null ? "unknown" : remoteAddress.getAddress().getHostAddress();
    }

    // ---- IrcClient -------------------------------------------------------------------------

    @Override
    public String nick() {
        ChatUser u = user;
        return u == null ? "*" : u.nick();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public boolean isRegistered() {
        return user != null;
    }

    @Override
    public String serverName() {
        return server.name();
    }

    @Override
    public void sendNumeric(String code, String... params) {
        send(new IrcMessage(Map.of(), server.name(), code, numericParams(params, null)));
    }

    @Override
    public void sendNumeric(Numeric numeric, String... params) {
        send(new IrcMessage(Map.of(), server.name(), numeric.code(), numericParams(params, numeric.text())));
    }

    /**
     * Our nick first, then the parameters, then the text if any. A parameter that cannot be a
     * middle one (it echoes what the client sent: "NICK :a b", "JOIN ::x") is made into a word,
     * so that a reply about bad input is still a well-formed line.
     */
    private List<String> numericParams(String[] params, String text) {
        List<String> all = new ArrayList<>(params.length + 2);
        all.add(nick());
        int last = text == null ? params.length - 1 : params.length;
        for (int i = 0; i < params.length; i++) {
            all.add(i < last ? asWord(params[i]) : params[i]);
        }
        if (text != null) {
            all.add(text);
        }
        return all;
    }

    private static String asWord(String param) {
        String word = param.replace(' ', '_');
        int start = 0;
        while (start < word.length() && word.charAt(start) == ':') {
            start++;
        }
        return start == word.length() ? "*" : word.substring(start);
    }

    @Override
    public void sendNotice(String text) {
        send(IrcMessage.from(server.name(), "NOTICE", nick(), text));
    }

    @Override
    public void send(IrcMessage message) {
        if (response != null && channel.eventLoop().inEventLoop()) {
            response.add(message);
            return;
        }
        if (closing || !channel.isActive()) {
            return; // a closed channel is not writable either: that is no reason to blame its send queue
        }
        if (!channel.isWritable()) {
            // More than sendQueueBytes are waiting for this client's socket: it reads too slowly.
            dropSlowReader();
            return;
        }
        String line = IrcFormatter.format(message, wantsTrailingMarker(message.command()));
        if (log.isTraceEnabled()) {
            log.trace("{} -> {}", describe(), line);
        }
        queue(IrcLineEncoder.encode(channel.alloc(), line));
    }

    /** Whether a labeled response is collecting what this client is sent as messages (I/O thread). */
    boolean collectsResponse() {
        return response != null;
    }

    /**
     * Sends whole lines already framed as bytes (taking ownership) at the end of this turn, after
     * what the turn queued before: a reply too long to build as messages and too big to copy
     * again (NAMES of a big channel, ~120 KB in a 10,000-member lobby). I/O thread only.
     */
    void sendLines(ByteBuf lines) {
        writeThrough(lines);
    }

    @Override
    public void disconnect(String reason) {
        if (!CLOSING.compareAndSet(this, false, true)) {
            return;
        }
        quitReason = reason;
        // RFC 2812 §3.7.4: the server sends ERROR to a client it is about to close.
        String line = IrcFormatter.format(IrcMessage.of("ERROR", "Closing Link: " + host + " (" + reason + ")"));
        ByteBuf error = IrcLineEncoder.encode(channel.alloc(), line);
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            writeErrorAndClose(error);
        } else {
            try {
                loop.execute(() -> writeErrorAndClose(error));
            } catch (RejectedExecutionException stopping) {
                error.release();
                channel.close();
            }
        }
    }

    /** The lines queued before the ERROR go out before it; then the socket closes. I/O thread only. */
    private void writeErrorAndClose(ByteBuf error) {
        flushPending();
        channel.writeAndFlush(error).addListener(ChannelFutureListener.CLOSE);
        // A client that does not read would keep the flush (and the socket) pending forever.
        channel.eventLoop().schedule(() -> {
            channel.close();
        }, server.config().closeGrace().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Queues {@code bytes} (taking ownership) for the end of this I/O turn, from any thread. */
    private void queue(ByteBuf bytes) {
        queue(bytes, true);
    }

    private void queue(ByteBuf bytes, boolean urgent) {
        if (loop.inEventLoop()) {
            append(bytes, urgent);
            return;
        }
        try {
            loop.execute(() -> append(bytes, urgent));
        } catch (RejectedExecutionException stopping) {
            bytes.release();
        }
    }

    /** Copies {@code bytes} into this turn's buffer and releases them. I/O thread only. */
    private void append(ByteBuf bytes, boolean urgent) {
        try {
            appendCopy(bytes, urgent);
        } finally {
            bytes.release();
        }
    }

    /**
     * Someone's JOIN, PART or QUIT as a bystander sees it: the lines a connect or disconnect storm
     * sends every member of a big channel, which can wait a moment to leave with the next ones.
     */
    private static boolean isPresence(HubEvent event) {
        return event instanceof HubEvent.Joined || event instanceof HubEvent.Parted || event instanceof HubEvent.Quit;
    }

    /**
     * Copies the readable bytes of {@code bytes} (left as they are) into this turn's buffer,
     * unless the client is closing or over its send queue (then it is dropped). I/O thread only.
     */
    void appendCopy(ByteBuf bytes) {
        appendCopy(bytes, true);
    }

    /**
     * As {@link #appendCopy(ByteBuf)}; a line that is not {@code urgent} (someone else's JOIN,
     * PART or QUIT) may wait up to {@link TurnFlush#PRESENCE_DELAY_NANOS} for company, unless an
     * urgent line follows it into the buffer (then both leave at the end of the turn, in order).
     */
    void appendCopy(ByteBuf bytes, boolean urgent) {
        appendCopy(bytes, bytes.readerIndex(), bytes.readableBytes(), urgent);
    }

    /** As {@link #appendCopy(ByteBuf, boolean)}, for the {@code length} bytes of {@code bytes} at {@code index}. */
    void appendCopy(ByteBuf bytes, int index, int length, boolean urgent) {
        if (closing) {
            return;
        }
        if (pending == null) {
            // The channel is asked once per turn, not per line (see pendingRoom).
            if (!channel.isActive()) {
                return;
            }
            if (!channel.isWritable()) {
                dropSlowReader();
                return;
            }
            pendingRoom = channel.bytesBeforeUnwritable();
            pending = channel.alloc().buffer(Math.max(INITIAL_TURN_BUFFER_BYTES, length));
            pendingUrgent = urgent;
            TurnFlush.forThisThread().add(this, loop, urgent);
        } else if (pending.readableBytes() + length > pendingRoom) {
            // More than sendQueueBytes are waiting for this client's socket: it reads too slowly.
            dropSlowReader();
            return;
        }
        pending.writeBytes(bytes, index, length);
        if (!pendingUrgent && (urgent || pending.readableBytes() > TurnFlush.PRESENCE_BATCH_BYTES)) {
            pendingUrgent = true;
            TurnFlush.forThisThread().add(this, loop, true);
        }
    }

    /**
     * Sends the {@code length} bytes of {@code shared} at {@code index}, lines many clients get
     * alike (a presence batch), at the end of this turn. When nothing else is queued for this
     * client yet, its channel is given a slice of the shared buffer instead of a copy: 10,000
     * lobby members told a window of JOINs then hold one buffer between them, not 10,000 copies
     * of it. A line queued after it in the same turn is written after it, in order. I/O thread only.
     */
    void appendShared(ByteBuf shared, int index, int length) {
        if (closing || pending != null) {
            appendCopy(shared, index, length, true);
            return;
        }
        writeThrough(shared.retainedSlice(index, length));
    }

    /**
     * Writes {@code bytes} (taking ownership) to the channel instead of copying them into this
     * turn's buffer; what the turn queued before is written first, so the order holds, and the
     * end of the turn flushes. The send queue limit applies as to a copy. I/O thread only.
     */
    private void writeThrough(ByteBuf bytes) {
        if (closing || !channel.isActive()) {
            bytes.release();
            return;
        }
        long room = pending == null ? (channel.isWritable() ? channel.bytesBeforeUnwritable() : 0)
                : pendingRoom - pending.readableBytes();
        if (bytes.readableBytes() > room) {
            // More than sendQueueBytes would be waiting for this client's socket: it reads too slowly.
            bytes.release();
            dropSlowReader();
            return;
        }
        ByteBuf before = pending;
        if (before != null) {
            // Taken from the turn before it is written: a flush task run meanwhile must not send it twice.
            pending = null;
            pendingUrgent = false;
            channel.write(before, channel.voidPromise());
        }
        channel.write(bytes, channel.voidPromise());
        if (!wroteThrough) {
            wroteThrough = true;
            TurnFlush.forThisThread().add(this, loop, true);
        }
    }

    /** Hands this turn's lines to Netty in one write and one flush. I/O thread only. */
    void flushPending() {
        ByteBuf out = pending;
        if (out == null) {
            if (wroteThrough) {
                wroteThrough = false;
                channel.flush();
            }
            return;
        }
        wroteThrough = false;
        pending = null;
        pendingUrgent = false;
        if (!channel.isActive()) {
            out.release();
            return;
        }
        // The void promise: a write that fails (the socket closed or reset) reaches the handler's
        // exceptionCaught, which closes the connection. A promise per line was a fifth of what the
        // server allocated during a 2,000-client JOIN storm.
        channel.writeAndFlush(out, channel.voidPromise());
    }

    /** The connection is gone: what was still queued goes nowhere. I/O thread only. */
    void closed() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }

    /**
     * Every message we send gets its last parameter as ':' text, as servers conventionally do,
     * except those whose last parameter is a name, a mode or a number (RPL_MYINFO, RPL_UMODEIS,
     * RPL_CHANNELMODEIS, RPL_CREATIONTIME, RPL_TOPICWHOTIME).
     */
    private static boolean wantsTrailingMarker(String command) {
        return switch (command) {
            case "JOIN", "NICK", "MODE", "TAGMSG", "ACCOUNT", "CHGHOST", "AUTHENTICATE", "INVITE", "BATCH", "CHATHISTORY", "004", "221", "324", "329", "333", "341", "367" -> false;
            default -> true;
        };
    }

    // ---- labeled-response ------------------------------------------------------------------

    /** A command starts: what this client is sent until {@link #endResponse} goes into {@code r} (null: sent as usual). I/O thread. */
    void beginResponse(LabeledResponse r) {
        response = r;
    }

    /** The command's handler has returned: the response goes out unless answers are still to come. I/O thread. */
    void endResponse(LabeledResponse r) {
        response = null;
        if (r != null) {
            r.dispatched();
            sendIfComplete(r);
        }
    }

    /**
     * For a handler that answers later, from another thread (a database read, a hash): call it
     * while handling the command, then run the answer once through the executor it returns. The
     * answer runs on this connection's I/O thread, and what it sends belongs to the command's
     * labeled response, which waits for it.
     */
    java.util.concurrent.Executor laterInResponse() {
        LabeledResponse r = response;
        if (r != null) {
            r.hold();
        }
        return task -> {
            Runnable answer = () -> {
                LabeledResponse outer = response;
                response = r;
                try {
                    task.run();
                } finally {
                    response = outer;
                    if (r != null) {
                        r.release();
                        sendIfComplete(r);
                    }
                }
            };
            if (channel.eventLoop().inEventLoop()) {
                answer.run();
                return;
            }
            try {
                channel.eventLoop().execute(answer);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // the server is shutting down: nobody is left to answer
            }
        };
    }

    private void sendIfComplete(LabeledResponse r) {
        if (r.isComplete() && response != r) {
            for (IrcMessage line : r.render(this)) {
                send(line);
            }
        }
    }

    /** Shorthand for {@link #sendNumeric(Numeric, String...)}. */
    void reply(Numeric numeric, String... params) {
        sendNumeric(numeric, params);
    }

    /** True for a client on this machine (127.0.0.0/8, ::1): nothing crosses a network. */
    boolean isLoopback() {
        return remoteAddress.getAddress() != null && remoteAddress.getAddress().isLoopbackAddress();
    }

    /** The account this connection is logged in to (before registration too), or null. */
    String account() {
        ChatUser u = user;
        return u != null ? u.account() : pendingAccount;
    }

    // ---- Session ---------------------------------------------------------------------------

    @Override
    public void deliver(HubEvent event) {
        if (!EventLines.wants(this, event) || closing) {
            return;
        }
        if (event instanceof HubEvent.Killed killed) {
            // RFC 2812 §3.7.1; the reason others see in the QUIT, in ircd's words.
            disconnect("Killed (" + killed.who().nick() + " (" + killed.reason() + "))");
            return;
        }
        if (event instanceof HubEvent.HostChanged changed) {
            for (IrcMessage line : EventLines.hostChangeLines(this, changed)) {
                send(line);
            }
            return;
        }
        boolean onLoop = loop.inEventLoop();
        if (event instanceof HubEvent.PresenceBatch batch) {
            // Others' JOINs, PARTs and QUITs, never this client's own doing (so never part of its
            // labeled response): encoded once for every member told the same batch, sent this turn.
            if (onLoop) {
                server.sharedEncoding().appendTo(batch, this);
            } else if (channel.isActive()) {
                queue(server.sharedEncoding().encode(batch, this), true);
            }
            return;
        }
        if (response != null && onLoop) {
            // This client's own command caused the event (its JOIN, NICK, echo...): part of its labeled response.
            response.add(EventLines.toIrc(this, event));
            return;
        }
        // Formatted once for every recipient of this event (see SharedEncoding); on the I/O thread
        // the shared bytes are copied straight into this turn's buffer, with no object per recipient
        // (appendCopy asks whether the channel is still open).
        if (onLoop) {
            server.sharedEncoding().appendTo(event, this, !isPresence(event) || TurnFlush.forThisThread().actor == this);
        } else if (channel.isActive()) {
            queue(server.sharedEncoding().encode(event, this), !isPresence(event));
        }
    }

    /**
     * Which of the {@link SharedEncoding} variants this client gets: the capabilities that change
     * an event's line. Kept with the capabilities: it is asked once per recipient of every event.
     */
    int encodingVariant() {
        return encodingVariant;
    }

    /** The bytes of {@code event} for a client with this client's capabilities. */
    ByteBuf encodeEvent(HubEvent event) {
        IrcMessage message = EventLines.toIrc(this, event);
        String line = IrcFormatter.format(message, wantsTrailingMarker(message.command()));
        if (log.isTraceEnabled()) {
            log.trace("{} -> {}", describe(), line);
        }
        return IrcLineEncoder.encode(channel.alloc(), line);
    }

    /** Sends the client its own message back, for echo-message. */
    void echo(ChatMessage message) {
        if (has(Capability.ECHO_MESSAGE)) {
            deliver(new HubEvent.MessageReceived(message));
        }
    }


    /** A fresh id for a BATCH this connection opens (https://ircv3.net/specs/extensions/batch). */
    String nextBatchId() {
        return Long.toString(++batches, 36);
    }

    // ---- state -----------------------------------------------------------------------------

    ServerContext server() {
        return server;
    }

    ChatUser user() {
        return user;
    }

    void registered(ChatUser registeredUser) {
        this.user = registeredUser;
    }

    String host() {
        return host;
    }

    boolean has(Capability capability) {
        return capabilities.contains(capability);
    }

    Set<Capability> capabilities() {
        return capabilities;
    }

    void capabilities(Set<Capability> newCapabilities) {
        EnumSet<Capability> copy = EnumSet.noneOf(Capability.class);
        copy.addAll(newCapabilities);
        this.encodingVariant = (copy.contains(Capability.SERVER_TIME) ? 1 : 0) | (copy.contains(Capability.MESSAGE_TAGS) ? 2 : 0)
                | (copy.contains(Capability.ACCOUNT_TAG) ? 4 : 0) | (copy.contains(Capability.EXTENDED_JOIN) ? 8 : 0);
        this.capabilities = Collections.unmodifiableSet(copy);
    }

    /** Whether this client came in on the TLS port. WHOIS shows it as 671. */
    boolean isSecure() {
        // The one place TLS answers this: passwords (SASL, REGISTER) are only taken on a secure or loopback connection.
        return channel.pipeline().get(SslHandler.class) != null;
    }

    boolean isClosing() {
        return closing;
    }

    String quitReason() {
        return quitReason;
    }

    Channel channel() {
        return channel;
    }

    /** For logs: address and nick. */
    String describe() {
        ChatUser u = user;
        return remoteAddress.getAddress() == null ? "?" : host + ":" + remoteAddress.getPort() + (isSecure() ? " tls" : "")
                + (u == null ? "" : " (" + u.nick() + ")");
    }

    /**
     * The send queue is full: the client is disconnected like any other (ERROR, then the socket
     * closed once that is out or after the close grace; others see the QUIT). The lines already
     * queued stay in front of the ERROR, so a client that reads again gets them all and then
     * learns why it was dropped; nothing queued after this point is sent.
     */
    private void dropSlowReader() {
        if (closing) {
            return;
        }
        log.debug("{}: send queue over {} bytes, dropping", describe(), server.config().sendQueueBytes());
        // Only writes and a scheduled close: safe inside the hub's delivery to this session.
        disconnect(SENDQ_EXCEEDED);
    }
}
