package org.messenger.bench.chat;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.nio.channels.spi.SelectorProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Many raw IRC clients over real TCP, all on one small Netty event loop group: they register
 * (NICK, USER, JOIN #lobby), answer PING, and count and time every PRIVMSG they receive. What
 * they send is decided by {@link LoadSchedule}; this class only carries it.
 *
 * <p>Each message's text carries the time it was meant to be sent ({@code bench <nanos> <phase>}),
 * all clients share this JVM's {@code System.nanoTime()}, and a receiver records now minus that
 * time: latency is end to end, including any lag of the sender (no coordinated omission).
 * Latencies are only recorded for messages sent in the measured phase ({@code m}); warm-up
 * messages ({@code w}) are counted as delivered but not timed.
 */
final class LoadClients implements AutoCloseable {
    static final String LOBBY = "#lobby";
    private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(10);
    /** Our server caps lines at 512 bytes plus tags; 8 KiB leaves room for any server's. */
    private static final int MAX_LINE_BYTES = 8192;

    private final InetSocketAddress server;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final Client[] clients;
    private final Recorder latencyMicros = new Recorder(MAX_LATENCY_MICROS, 3);
    private final LongAdder lobbyDelivered = new LongAdder();
    private final LongAdder privateDelivered = new LongAdder();
    private final LongAdder disconnects = new LongAdder();
    private final LongAdder linesReceived = new LongAdder();
    /** JOINs of other clients seen by client 0. */
    private final AtomicInteger joinsSeenByFirst = new AtomicInteger();
    /**
     * Registrations allowed ahead of the JOINs the first client has seen, by default. Our server
     * tells bystanders of JOINs once per 100 ms presence window, so the first client sees them in
     * batches: at 20 the pacing capped registration at 20 per window, below the connect rate.
     * 200 covers a window at 1,000 connections a second and still bounds a slow server's queue to
     * about 200 JOIN lines (12 KB) per member.
     */
    static final int DEFAULT_JOIN_LAG = 200;
    private final AtomicInteger ready = new AtomicInteger();
    /** Client 0 is in the lobby: from then on it sees every later client's JOIN. */
    private volatile boolean firstInLobby;
    private final AtomicReference<String> firstProblem = new AtomicReference<>();

    private final String nickPrefix;
    /** Client-side TLS for every connection, or null for plain TCP. */
    private final SslContext tls;

    /**
     * {@code count} clients named {@code <nickPrefix>00000} and up (nicks stay within the 9
     * characters every server allows), over TLS when {@code tls} is not null. With
     * {@code busyPoll} the event loops never sleep in the selector: they poll it in a loop, each
     * keeping a CPU busy, so that the server's writes never have to wake them (see
     * {@code --busy-poll}).
     */
    LoadClients(InetSocketAddress server, int count, int threads, String nickPrefix, SslContext tls, boolean busyPoll) {
        this.server = server;
        this.nickPrefix = nickPrefix;
        this.tls = tls;
        this.clients = new Client[count];
        this.group = new MultiThreadIoEventLoopGroup(threads, busyPoll
                ? NioIoHandler.newFactory(SelectorProvider.provider(), () -> (selectNow, hasTasks) -> selectNow.get())
                : NioIoHandler.newFactory());
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
    }

    /**
     * Connects and registers every client, at most {@code perSecond} new connections a second and
     * at most {@code inFlight} registrations not yet finished, so that a server's connection
     * throttling and accept backlog are not what is measured. Returns the time it took.
     *
     * @throws IllegalStateException when a client cannot connect or register within {@code limit}
     */
    Duration connectAll(int perSecond, int inFlight, int joinLag, Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        Semaphore registering = new Semaphore(inFlight);
        long gapNanos = TimeUnit.SECONDS.toNanos(1) / Math.max(1, perSecond);
        for (int i = 0; i < clients.length; i++) {
            long due = start + i * gapNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (!registering.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("only " + ready.get() + " of " + clients.length + " clients registered within "
                        + limit.toSeconds() + " s" + problemSuffix());
            }
            failIfProblem();
            if (i == 1) {
                awaitFirstInLobby(deadline, limit);
            }
            awaitJoinsSeenByFirst(i - joinLag, deadline, limit);
            Client client = new Client(i, registering);
            clients[i] = client;
            ChannelFuture connect = bootstrap.clone().handler(tls == null ? client : new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    // The SslHandler holds NICK/USER/JOIN until the handshake is done.
                    ch.pipeline().addLast(tls.newHandler(ch.alloc()), client);
                }
            }).connect(server);
            connect.addListener(f -> {
                if (!f.isSuccess()) {
                    problem("cannot connect client " + client.nick + " to " + describe(server) + ": " + f.cause().getMessage()
                            + (String.valueOf(f.cause().getMessage()).contains("Too many open files")
                                    ? " (raise the file limit: ulimit -n 25000)" : ""));
                    registering.release();
                }
            });
        }
        while (ready.get() < clients.length) {
            failIfProblem();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + ready.get() + " of " + clients.length + " clients registered within "
                        + limit.toSeconds() + " s" + problemSuffix());
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Waits until no client has received a line for {@code quiet} (at most {@code limit}): after
     * registration a server may still be sending every member the others' JOINs, and memory read
     * before that is done would count those queues. Returns how long it waited.
     */
    Duration settle(Duration quiet, Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        long seen = linesReceived.sum();
        long lastChange = start;
        while (true) {
            TimeUnit.MILLISECONDS.sleep(50);
            long now = System.nanoTime();
            long lines = linesReceived.sum();
            if (lines != seen) {
                seen = lines;
                lastChange = now;
            } else if (now - lastChange >= quiet.toNanos() || now - start >= limit.toNanos()) {
                return Duration.ofNanos(lastChange - start);
            }
        }
    }

    /**
     * When the server tells members about each JOIN (ours and ngircd do, as RFC 2812 asks), the
     * first client sees every later client's JOIN in order, after whatever the server had queued
     * for it before. Waiting until it has seen the JOIN of client {@code index} keeps the server's
     * queued JOIN lines to about {@code joinLag} per member instead of letting registrations run
     * ahead of the writes (at 10,000 clients the queues otherwise grew past a gigabyte). Servers
     * that do not broadcast JOINs (the floor relay) are not held back.
     */
    /**
     * The JOIN count of client 0 paces the others only if client 0 is in the lobby before any of
     * them: a client whose JOIN the server handled first was never announced to client 0, so the
     * count stayed that many short for good, and once more than {@code joinLag} were, every later
     * client waited for JOINs that could not come (a 10,000-client run hung in its warm-up, the
     * server idle). So the others start once client 0 has its NAMES list.
     */
    private void awaitFirstInLobby(long deadline, Duration limit) throws InterruptedException {
        while (!firstInLobby) {
            failIfProblem();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the first client did not get into " + LOBBY + " within "
                        + limit.toSeconds() + " s" + problemSuffix());
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

    private void awaitJoinsSeenByFirst(int index, long deadline, Duration limit) throws InterruptedException {
        if (index <= 0 || joinsSeenByFirst.get() == 0) {
            return;
        }
        while (joinsSeenByFirst.get() < index) {
            failIfProblem();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + ready.get() + " of " + clients.length + " clients registered within "
                        + limit.toSeconds() + " s (the first client has seen " + joinsSeenByFirst.get() + " JOINs)" + problemSuffix());
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

    int size() {
        return clients.length;
    }

    /**
     * Sends one message from client {@code from} to the lobby ({@code to} < 0) or to client
     * {@code to}, stamped with {@code intendedNanos}. Safe from any thread: Netty hands the write
     * to the sender's event loop.
     */
    void send(int from, int to, long intendedNanos, boolean measured) {
        Client sender = clients[from];
        Channel ch = sender.channel;
        ByteBuf line = ch.alloc().buffer(96);
        line.writeCharSequence("PRIVMSG ", StandardCharsets.US_ASCII);
        line.writeCharSequence(to < 0 ? LOBBY : clients[to].nick, StandardCharsets.US_ASCII);
        line.writeCharSequence(" :bench ", StandardCharsets.US_ASCII);
        line.writeCharSequence(Long.toString(intendedNanos), StandardCharsets.US_ASCII);
        line.writeCharSequence(measured ? " m " : " w ", StandardCharsets.US_ASCII);
        // Padding to a typical chat line of about 80 characters of text.
        line.writeCharSequence("the quick brown fox jumps over the lazy dog 0123456789\r\n", StandardCharsets.US_ASCII);
        ch.writeAndFlush(line, ch.voidPromise());
    }

    long lobbyDelivered() {
        return lobbyDelivered.sum();
    }

    long privateDelivered() {
        return privateDelivered.sum();
    }

    long disconnects() {
        return disconnects.sum();
    }

    /** The latencies recorded since the last call, in microseconds. */
    Histogram takeLatencies() {
        return latencyMicros.getIntervalHistogram();
    }

    /** The first thing that went wrong on any client (connect failure, ERROR from the server, lost connection), or null. */
    String problem() {
        return firstProblem.get();
    }

    /** Sends QUIT on every client and closes them. */
    @Override
    public void close() {
        for (Client client : clients) {
            if (client != null && client.channel != null) {
                client.closing = true;
                client.channel.writeAndFlush(ascii("QUIT :bench done\r\n", client.channel)).addListener(f -> client.channel.close());
            }
        }
        for (Client client : clients) {
            if (client != null && client.channel != null) {
                client.channel.closeFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
            }
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    static String nick(String prefix, int index) {
        return String.format("%s%05d", prefix, index);
    }

    private static ByteBuf ascii(String s, Channel ch) {
        ByteBuf buf = ch.alloc().buffer(s.length());
        buf.writeCharSequence(s, StandardCharsets.US_ASCII);
        return buf;
    }

    private static String describe(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    private void problem(String text) {
        firstProblem.compareAndSet(null, text);
    }

    private void failIfProblem() {
        String p = firstProblem.get();
        if (p != null) {
            throw new IllegalStateException(p);
        }
    }

    private String problemSuffix() {
        String p = firstProblem.get();
        return p == null ? "" : " (" + p + ")";
    }

    /** One connection's handler and state; lives on its channel's event loop. */
    private final class Client extends ChannelInboundHandlerAdapter {
        final String nick;
        private final int index;
        private final Semaphore registering;
        volatile Channel channel;
        volatile boolean closing;
        private boolean isReady;
        /** The start of a line that the last read cut off; event loop only. */
        private ByteBuf partial;

        Client(int index, Semaphore registering) {
            this.nick = nick(nickPrefix, index);
            this.index = index;
            this.registering = registering;
        }

        @Override
        public boolean isSharable() {
            return false;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            ctx.writeAndFlush(ascii("NICK " + nick + "\r\nUSER " + nick + " 0 * :bench client\r\nJOIN " + LOBBY + "\r\n", channel));
        }

        /**
         * Lines are handled where they lie in the read buffer: no slice and no pipeline hop per
         * line (a LineBasedFrameDecoder made 60 % of this process's allocation, and its garbage
         * collections paused every receiver for 60-160 ms, which the latency figures then showed).
         * Only a line cut by the end of a read is copied, into {@link #partial}.
         */
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                if (partial != null && partial.isReadable()) {
                    int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
                    int upTo = lf < 0 ? in.writerIndex() : lf + 1;
                    if (partial.readableBytes() + upTo - in.readerIndex() > MAX_LINE_BYTES) {
                        problem(nick + " received a line over " + MAX_LINE_BYTES + " bytes");
                        ctx.close();
                        return;
                    }
                    partial.writeBytes(in, in.readerIndex(), upTo - in.readerIndex());
                    in.readerIndex(upTo);
                    if (lf < 0) {
                        return;
                    }
                    onLine(ctx, partial, partial.readerIndex(), lineEnd(partial, partial.writerIndex() - 1));
                    partial.clear();
                }
                while (in.isReadable()) {
                    int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
                    if (lf < 0) {
                        if (partial == null) {
                            partial = ctx.alloc().heapBuffer(512, MAX_LINE_BYTES);
                        }
                        partial.writeBytes(in);
                        return;
                    }
                    onLine(ctx, in, in.readerIndex(), lineEnd(in, lf));
                    in.readerIndex(lf + 1);
                }
            } finally {
                in.release();
            }
        }

        /** Where the line ending with the LF at {@code lf} ends, without its CR. */
        private static int lineEnd(ByteBuf buf, int lf) {
            return lf > buf.readerIndex() && buf.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        }

        private void onLine(ChannelHandlerContext ctx, ByteBuf line, int start, int end) {
            int commandAt = start;
            if (end > start && line.getByte(start) == ':') {
                int space = line.indexOf(start, end, (byte) ' ');
                if (space < 0) {
                    return;
                }
                commandAt = space + 1;
            }
            if (!startsWith(line, commandAt, end, "PING ")) {
                // Not PINGs: a server pings idle clients every minute or two, which is no backlog.
                linesReceived.increment();
            }
            if (index == 0 && isReady && startsWith(line, commandAt, end, "JOIN ")) {
                joinsSeenByFirst.incrementAndGet();
            } else if (startsWith(line, commandAt, end, "PRIVMSG ")) {
                onPrivmsg(line, commandAt + 8, end);
            } else if (startsWith(line, commandAt, end, "PING ")) {
                ByteBuf pong = ctx.alloc().buffer(end - commandAt + 2);
                pong.writeCharSequence("PONG", StandardCharsets.US_ASCII);
                pong.writeBytes(line, commandAt + 4, end - commandAt - 4);
                pong.writeByte('\r').writeByte('\n');
                ctx.writeAndFlush(pong, ctx.voidPromise());
            } else if (!isReady && startsWith(line, commandAt, end, "366 ")) {
                // RPL_ENDOFNAMES after our JOIN: registered and in the lobby.
                isReady = true;
                if (index == 0) firstInLobby = true;
                ready.incrementAndGet();
                registering.release();
            } else if (startsWith(line, commandAt, end, "433 ") || startsWith(line, commandAt, end, "ERROR ")
                    || startsWith(line, commandAt, end, "465 ")) {
                problem(nick + " was refused: " + line.toString(start, end - start, StandardCharsets.UTF_8));
            }
        }

        /** {@code <target> :bench <nanos> <phase> ...}: count it, and time it when measured. */
        private void onPrivmsg(ByteBuf line, int targetAt, int end) {
            long now = System.nanoTime();
            boolean lobby = line.getByte(targetAt) == '#';
            int text = line.indexOf(targetAt, end, (byte) ':');
            if (text < 0 || !startsWith(line, text + 1, end, "bench ")) {
                return;
            }
            long sent = 0;
            int i = text + 7;
            for (byte b; i < end && (b = line.getByte(i)) >= '0' && b <= '9'; i++) {
                sent = sent * 10 + (b - '0');
            }
            if (lobby) {
                lobbyDelivered.increment();
            } else {
                privateDelivered.increment();
            }
            if (i + 1 < end && line.getByte(i + 1) == 'm') {
                latencyMicros.recordValue(Math.min(MAX_LATENCY_MICROS, Math.max(0, (now - sent) / 1000)));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (partial != null) {
                partial.release();
                partial = null;
            }
            if (!closing) {
                disconnects.increment();
                problem(nick + " lost its connection to " + describe(server));
            }
            if (!isReady) {
                registering.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            problem(nick + ": " + cause);
            ctx.close();
        }
    }

    private static boolean startsWith(ByteBuf buf, int at, int end, String prefix) {
        if (end - at < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (buf.getByte(at + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
