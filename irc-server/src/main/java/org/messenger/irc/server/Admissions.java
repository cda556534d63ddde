package org.messenger.irc.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.messenger.irc.codec.IrcFormatter;
import org.messenger.irc.codec.IrcMessage;
import org.messenger.irc.server.limits.Admission;
import org.messenger.irc.server.limits.ConnectionLimiter;
import org.messenger.irc.server.limits.ConnectionLimits;
import org.messenger.irc.server.limits.LogRateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link ConnectionLimiter} where connections are accepted: a handler in each
 * listener's own pipeline sees the accepted socket before Netty builds a pipeline, a handler or an
 * {@link IrcConnection} for it, so a refused peer costs one short ERROR line and nothing kept.
 * The limiter lives on the accept loop; closes and wrong passwords come to it there as tasks.
 */
final class Admissions {
    private static final Logger log = LoggerFactory.getLogger(Admissions.class);
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final ConnectionLimiter limiter;
    private final EventLoop acceptLoop;
    private final LongSupplier nanoClock;
    private final LogRateLimiter refusalLog = new LogRateLimiter(20, Duration.ofSeconds(1));

    Admissions(ConnectionLimits limits, LongSupplier nanoClock, EventLoop acceptLoop) {
        this.limiter = new ConnectionLimiter(limits);
        this.nanoClock = nanoClock;
        this.acceptLoop = acceptLoop;
        long sweepNanos = SWEEP_INTERVAL.toNanos();
        acceptLoop.scheduleAtFixedRate(() -> limiter.sweep(nanoClock.getAsLong()), sweepNanos, sweepNanos, TimeUnit.NANOSECONDS);
    }

    /** The handler for a listener's (parent) pipeline; one per listener, all on the accept loop. */
    ChannelHandler acceptHandler() {
        return new AcceptHandler();
    }

    /** Counts a wrong password against the client's address (any thread). */
    void passwordFailed(InetSocketAddress remote) {
        InetAddress address = remote.getAddress();
        if (address != null) {
            onAcceptLoop(() -> limiter.passwordFailed(address, nanoClock.getAsLong()));
        }
    }

    /**
     * How long until {@code remote} may try a password again (0: now), answered from the accept
     * loop that owns the counts; the same throttle that refuses its connections after wrong PASSes.
     */
    CompletableFuture<Long> passwordWaitNanos(InetSocketAddress remote) {
        InetAddress address = remote.getAddress();
        CompletableFuture<Long> wait = new CompletableFuture<>();
        if (address == null) {
            wait.complete(0L);
            return wait;
        }
        try {
            acceptLoop.execute(() -> wait.complete(limiter.passwordWaitNanos(address, nanoClock.getAsLong())));
        } catch (RejectedExecutionException e) {
            wait.complete(0L); // the server is stopping
        }
        return wait;
    }

    private void onAcceptLoop(Runnable task) {
        try {
            acceptLoop.execute(task);
        } catch (RejectedExecutionException e) {
            // The server is stopping: its counts no longer matter.
        }
    }

    private final class AcceptHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Channel child = (Channel) msg;
            InetAddress address = child.remoteAddress() instanceof InetSocketAddress remote ? remote.getAddress() : null;
            if (address == null) {
                child.unsafe().closeForcibly();
                return;
            }
            Admission admission = limiter.admit(address, nanoClock.getAsLong());
            if (!admission.admitted()) {
                refuse(ctx, child, address, admission.reason(limiter.limits()));
                return;
            }
            child.closeFuture().addListener(f -> onAcceptLoop(() -> limiter.release(address, nanoClock.getAsLong())));
            ctx.fireChannelRead(child);
        }

        /** ERROR then close, from the accept loop, with nothing but the socket kept for it. */
        private void refuse(ChannelHandlerContext ctx, Channel child, InetAddress address, String reason) {
            long now = nanoClock.getAsLong();
            if (refusalLog.tryAcquire(now)) {
                long suppressed = refusalLog.takeSuppressed();
                log.info("refused {}: {}{}", address.getHostAddress(), reason,
                        suppressed == 0 ? "" : " (and " + suppressed + " refusals not logged)");
            }
            // RFC 2812 §3.7.4: the server sends ERROR to a client it is about to close.
            byte[] line = (IrcFormatter.format(IrcMessage.of("ERROR", "Closing Link: " + address.getHostAddress()
                    + " (" + reason + ")")) + "\r\n").getBytes(StandardCharsets.UTF_8);
            child.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelActive(ChannelHandlerContext c) {
                    c.writeAndFlush(Unpooled.wrappedBuffer(line)).addListener(ChannelFutureListener.CLOSE);
                }

                @Override
                public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
                    c.close();
                }
            });
            ctx.channel().eventLoop().register(child).addListener(f -> {
                if (!f.isSuccess()) {
                    child.unsafe().closeForcibly();
                }
            });
        }
    }
}
