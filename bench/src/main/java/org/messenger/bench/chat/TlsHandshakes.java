package org.messenger.bench.chat;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLException;

/**
 * Full TLS handshakes against a server, back to back from a few connections at once: connect,
 * handshake, close, connect again. No session is resumed (the engines are made without a peer
 * host, so there is nothing to resume from), so each one costs the server a full TLS 1.3
 * handshake: an ECDHE key exchange and a signature with its certificate's key.
 */
final class TlsHandshakes {
    private TlsHandshakes() {}

    /** What one burst of handshakes gave. */
    record Result(long handshakes, long elapsedNanos, String problem) {
        double perSecond() {
            return elapsedNanos == 0 ? 0 : handshakes * 1e9 / elapsedNanos;
        }
    }

    /**
     * The load generator's side of TLS: BoringSSL where it loads (the cheaper engine, so that the
     * generator takes less of the CPUs it shares with the server), TLS 1.3. It trusts any
     * certificate: the bench measures the server's cost, and the server is the child JVM it started
     * itself on 127.0.0.1 with a certificate made a moment ago.
     */
    static SslContext clientContext() {
        try {
            return SslContextBuilder.forClient()
                    .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                    .trustManager(InsecureTrustManagerFactory.INSTANCE)
                    .protocols("TLSv1.3")
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up the load generator's TLS: " + e.getMessage(), e);
        }
    }

    static String clientEngine() {
        return OpenSsl.isAvailable() ? "OPENSSL" : "JDK";
    }

    /**
     * Keeps {@code inFlight} connections handshaking for {@code duration}, each starting the next
     * once its handshake is done, and counts the handshakes that completed.
     */
    static Result run(InetSocketAddress server, SslContext tls, int inFlight, Duration duration, int threads)
            throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        LongAdder done = new LongAdder();
        AtomicReference<String> problem = new AtomicReference<>();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                    }
                });
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try {
            for (int i = 0; i < inFlight; i++) {
                next(bootstrap, server, end, done, problem);
            }
            while (System.nanoTime() < end && problem.get() == null) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            long elapsed = System.nanoTime() - start;
            return new Result(done.sum(), elapsed, problem.get());
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    private static void next(Bootstrap bootstrap, InetSocketAddress server, long end, LongAdder done,
            AtomicReference<String> problem) {
        if (System.nanoTime() >= end || problem.get() != null) {
            return;
        }
        bootstrap.connect(server).addListener(connected -> {
            if (!connected.isSuccess()) {
                problem.compareAndSet(null, "cannot connect to " + server + ": " + connected.cause().getMessage());
                return;
            }
            Channel ch = ((io.netty.channel.ChannelFuture) connected).channel();
            ch.pipeline().get(SslHandler.class).handshakeFuture().addListener(handshake -> {
                if (handshake.isSuccess()) {
                    if (System.nanoTime() < end) {
                        done.increment();
                    }
                } else {
                    problem.compareAndSet(null, "TLS handshake with " + server + " failed: " + handshake.cause());
                }
                ch.close().addListener(closed -> next(bootstrap, server, end, done, problem));
            });
        });
    }
}
