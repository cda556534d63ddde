package org.messenger.irc.server;

import org.messenger.irc.codec.Numeric;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.group.ChannelGroup;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import javax.net.ssl.SSLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.messenger.chat.FloodControl;
import org.messenger.irc.codec.IrcFrame;
import org.messenger.irc.codec.IrcMessage;
import org.messenger.irc.codec.IrcParseException;
import org.messenger.irc.codec.IrcParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a client pipeline: takes {@link IrcFrame}s, holds them back under flood
 * control, parses and dispatches them through the {@link CommandTable}, and watches liveness
 * (PING on silence, drop on timeout). One instance per connection, used on its I/O thread only.
 */
final class IrcConnectionHandler extends ChannelInboundHandlerAdapter {
    static final AttributeKey<IrcConnection> CONNECTION = AttributeKey.valueOf("irc.connection");
    private static final Logger log = LoggerFactory.getLogger(IrcConnectionHandler.class);

    private final ServerContext server;
    private final ChannelGroup allChannels;
    private final FloodControl flood;
    private final ArrayDeque<IrcFrame> waiting = new ArrayDeque<>();
    private IrcConnection connection;
    private ScheduledFuture<?> livenessCheck;
    private ScheduledFuture<?> drainLater;
    private long connectedNanos;
    private long lastHeardNanos;
    private long pingSentNanos;
    private boolean pingOutstanding;

    IrcConnectionHandler(ServerContext server, ChannelGroup allChannels) {
        this.server = server;
        this.allChannels = allChannels;
        this.flood = new FloodControl(server.config().floodCostPerMessage(), server.config().floodBurst());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connection = new IrcConnection(server, ctx.channel());
        ctx.channel().attr(CONNECTION).set(connection);
        allChannels.add(ctx.channel());
        connectedNanos = server.nowNanos();
        lastHeardNanos = connectedNanos;
        long tick = server.config().livenessCheckInterval().toNanos();
        livenessCheck = ctx.executor().scheduleAtFixedRate(this::checkLiveness, untilNextTick(System.nanoTime(), tick), tick,
                TimeUnit.NANOSECONDS);
        log.info("connect {}", connection.describe());
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        livenessCheck.cancel(false);
        if (drainLater != null) {
            drainLater.cancel(false);
        }
        waiting.clear();
        connection.closed();
        String reason = connection.quitReason();
        if (connection.user() != null) {
            server.connections().remove(connection.user(), connection);
            server.hub().quit(connection.user(), reason);
            for (IrcExtension extension : server.extensions()) {
                try {
                    extension.clientDisconnected(connection, reason);
                } catch (RuntimeException e) {
                    log.error("extension {} failed on disconnect of {}", extension.getClass().getName(), connection.describe(), e);
                }
            }
        }
        log.info("disconnect {}: {}", connection.describe(), reason);
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof IrcFrame frame) || connection.isClosing()) {
            return;
        }
        lastHeardNanos = server.nowNanos();
        pingOutstanding = false;
        if (frame instanceof IrcFrame.Line line && line.text().isBlank()) {
            // RFC 2812 §2.3.1: "Empty messages are silently ignored", so they cost nothing against
            // flood control either (they were a sign of life, above).
            return;
        }
        waiting.addLast(frame);
        if (waiting.size() > server.config().maxQueuedLines()) {
            // RFC 1459 §8.10 throttles; a client that keeps sending faster than that is flooding.
            waiting.clear();
            connection.disconnect("Excess Flood");
            return;
        }
        if (drainLater == null) {
            drain();
        }
    }

    /** Processes waiting lines while flood control allows, then comes back when it will allow the next. */
    private void drain() {
        drainLater = null;
        TurnFlush turn = TurnFlush.forThisThread();
        IrcConnection outer = turn.actor; // restored after, should a drain ever run inside another
        turn.actor = connection;
        try {
            while (!waiting.isEmpty() && !connection.isClosing()) {
                long now = server.nowNanos();
                if (!flood.tryAcquire(now)) {
                    long waitNanos = flood.nanosUntilAllowed(now);
                    drainLater = connection.channel().eventLoop().schedule(this::drain, Math.max(waitNanos, 1), TimeUnit.NANOSECONDS);
                    return;
                }
                process(waiting.removeFirst());
            }
        } finally {
            turn.actor = outer;
        }
    }

    private void process(IrcFrame frame) {
        switch (frame) {
            case IrcFrame.Line line -> processLine(line.text());
            case IrcFrame.TooLong tooLong -> connection.reply(Numeric.ERR_INPUTTOOLONG);
            // https://ircv3.net/specs/extensions/utf8-only: reject with FAIL <command> INVALID_UTF8.
            case IrcFrame.NotUtf8 notUtf8 -> connection.send(IrcMessage.from(server.name(), "FAIL", "*", "INVALID_UTF8",
                    "Message rejected: it was not valid UTF-8 (this server is UTF8ONLY)"));
        }
    }

    private void processLine(String text) {
        if (log.isTraceEnabled()) {
            log.trace("{} <- {}", connection.describe(), text);
        }
        IrcMessage message;
        try {
            message = IrcParser.parse(text);
        } catch (IrcParseException e) {
            String word = printableWord(firstWord(text));
            connection.reply(Numeric.ERR_UNKNOWNCOMMAND, word.isEmpty() ? "*" : word);
            if (log.isDebugEnabled() && server.clientErrorLog().tryAcquire(server.nowNanos())) {
                log.debug("{}: unparsable line: {}", connection.describe(), e.getMessage());
            }
            return;
        }
        server.commands().dispatch(connection, message);
    }

    private static String firstWord(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("@") || trimmed.startsWith(":")) {
            int space = trimmed.indexOf(' ');
            trimmed = space < 0 ? "" : trimmed.substring(space + 1).strip();
        }
        int space = trimmed.indexOf(' ');
        String word = space < 0 ? trimmed : trimmed.substring(0, space);
        return word.length() > 32 ? word.substring(0, 32) : word;
    }

    /**
     * The word as it may be echoed in a reply: every control character (a NUL or CR inside the
     * command word, which RFC 2812 §2.3.1 forbids anywhere in a message) becomes '?', so the 421
     * is a well-formed line and the connection carries on.
     */
    static String printableWord(String word) {
        StringBuilder out = null;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (out == null) {
                    out = new StringBuilder(word.length()).append(word, 0, i);
                }
                out.append('?');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? word : out.toString();
    }

    /**
     * The checks of every connection fall on the same instants (multiples of the tick on the
     * scheduler's clock), so an event loop wakes once per tick for all its connections together
     * instead of once per connection: with 2,000 idle clients the per-connection phases cost 10 %
     * of a core in wake-ups alone. Real time, because it only places the scheduler's timer.
     */
    static long untilNextTick(long nowNanos, long tickNanos) {
        return tickNanos - Math.floorMod(nowNanos, tickNanos);
    }

    /**
     * RFC 2812 §3.7.2: a server pings a client it has not heard from, and closes the link when the
     * PING goes unanswered. A client that never registers is closed too.
     */
    private void checkLiveness() {
        if (connection.isClosing()) {
            return;
        }
        IrcServerConfig config = server.config();
        long now = server.nowNanos();
        if (!connection.isRegistered()) {
            if (now - connectedNanos >= config.registrationTimeout().toNanos()) {
                connection.disconnect("Registration timeout");
            }
            return;
        }
        AccountCommands.enforceNickClaim(connection, now);
        if (pingOutstanding) {
            if (now - pingSentNanos >= config.pingTimeout().toNanos()) {
                long silentSeconds = Duration.ofNanos(now - lastHeardNanos).toSeconds();
                connection.disconnect("Ping timeout: " + silentSeconds + " seconds");
            }
        } else if (now - lastHeardNanos >= config.pingInterval().toNanos()) {
            pingOutstanding = true;
            pingSentNanos = now;
            connection.send(IrcMessage.of("PING", server.name()));
        }
    }

    private static boolean isTlsFailure(Throwable cause) {
        return cause instanceof SSLException || cause.getCause() instanceof SSLException;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            // Also every write still queued when a connection closes (they use the void promise).
            if (log.isDebugEnabled()) {
                log.debug("{}: {}", connection == null ? ctx.channel() : connection.describe(), cause.toString());
            }
        } else if (isTlsFailure(cause)) {
            // A client that does not trust our certificate (or speaks no TLS): its problem, one line, rate-limited.
            if (server.clientErrorLog().tryAcquire(server.nowNanos())) {
                log.info("{}: TLS failed: {}", connection == null ? ctx.channel() : connection.describe(),
                        cause.getCause() == null ? cause.getMessage() : cause.getCause().getMessage());
            }
        } else if (server.clientErrorLog().tryAcquire(server.nowNanos())) {
            // Rate-limited: a client that finds a way to cause this must not be able to fill the disk.
            log.warn("{}: unexpected error, closing the connection", connection == null ? ctx.channel() : connection.describe(), cause);
        }
        ctx.close();
    }
}
