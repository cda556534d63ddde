package org.messenger.microbench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Chooses the chat server's TLS engine by figures (issue 13): Netty's SslHandler on the JDK's
 * SSLEngine against BoringSSL through netty-tcnative, on 127.0.0.1, with the certificate the
 * server generates (ECDSA P-256), TLS 1.3. The client is the JDK's SSLSocket in both cases, so
 * only the server's engine changes: full handshakes per second (connect, handshake, close, one
 * after the other) and bulk throughput of what one client sends (16 KiB writes, decrypted by the
 * server and dropped). Three rounds, alternating engines, to see the spread on a busy machine.
 *
 * <pre>java -cp ... org.messenger.microbench.TlsEngineComparison CERT.pem KEY.pem [seconds]</pre>
 */
public final class TlsEngineComparison {
    private TlsEngineComparison() {}

    public static void main(String[] args) throws Exception {
        Path cert = Path.of(args[0]);
        Path key = Path.of(args[1]);
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 5;
        System.out.println("OpenSSL available: " + OpenSsl.isAvailable() + (OpenSsl.isAvailable() ? " (" + OpenSsl.versionString() + ")" : ""));
        SSLSocketFactory client = trustingClient();
        for (int round = 1; round <= 3; round++) {
            for (SslProvider provider : new SslProvider[] {SslProvider.JDK, SslProvider.OPENSSL}) {
                if (provider == SslProvider.OPENSSL && !OpenSsl.isAvailable()) {
                    continue;
                }
                SslContext context = SslContextBuilder.forServer(cert.toFile(), key.toFile()).sslProvider(provider)
                        .protocols("TLSv1.3").build();
                EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
                AtomicLong received = new AtomicLong();
                try {
                    Channel listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                            .childOption(io.netty.channel.ChannelOption.TCP_NODELAY, true)
                            .childHandler(new ChannelInitializer<SocketChannel>() {
                                @Override
                                protected void initChannel(SocketChannel ch) {
                                    ch.pipeline().addLast(context.newHandler(ch.alloc()), new ChannelInboundHandlerAdapter() {
                                        @Override
                                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                            received.addAndGet(((ByteBuf) msg).readableBytes());
                                            ((ByteBuf) msg).release();
                                        }
                                    });
                                }
                            }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
                    int port = ((InetSocketAddress) listener.localAddress()).getPort();
                    double handshakes = handshakesPerSecond(client, port, seconds);
                    double mib = bulkMiBPerSecond(client, port, seconds, received);
                    System.out.printf("round %d  %-7s  handshakes/s %6.0f   bulk MiB/s %6.0f%n", round, provider, handshakes, mib);
                    listener.close().sync();
                } finally {
                    group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).sync();
                }
            }
        }
    }

    private static double handshakesPerSecond(SSLSocketFactory factory, int port, double seconds) throws Exception {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        int count = 0;
        while (System.nanoTime() < end) {
            try (SSLSocket socket = (SSLSocket) factory.createSocket("127.0.0.1", port)) {
                socket.setTcpNoDelay(true);
                socket.setSoLinger(true, 0);
                socket.startHandshake();
                // TLS 1.3: the server's Finished is checked by the client here; a byte makes the server finish too.
                socket.getOutputStream().write(0);
            }
            count++;
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static double bulkMiBPerSecond(SSLSocketFactory factory, int port, double seconds, AtomicLong received) throws Exception {
        byte[] chunk = new byte[16 * 1024];
        try (SSLSocket socket = (SSLSocket) factory.createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            long before = received.get();
            while (System.nanoTime() < end) {
                for (int i = 0; i < 64; i++) {
                    out.write(chunk);
                }
            }
            out.flush();
            return (received.get() - before) / (1024.0 * 1024.0) / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static SSLSocketFactory trustingClient() throws Exception {
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return context.getSocketFactory();
    }
}
