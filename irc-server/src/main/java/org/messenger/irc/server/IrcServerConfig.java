package org.messenger.irc.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.messenger.chat.ChatConfig;
import org.messenger.irc.server.limits.ConnectionLimits;
import org.messenger.irc.server.tls.TlsSettings;
import org.messenger.chat.HistoryStore;

/**
 * Everything an {@link IrcServer} needs to know, with defaults suited to a small LAN server.
 * Build one with {@link #builder()}.
 *
 * @param serverName our name in message sources and numerics (RFC 2812 §2.3.1 "servername")
 * @param networkName ISUPPORT NETWORK
 * @param bindAddress the address to listen on; 127.0.0.1 by default, 0.0.0.0 to serve a LAN
 * @param port the plain TCP port; 0 picks a free one (tests); -1 serves no plain port (TLS only)
 * @param lobby the channel every client joins on registration, so that it reaches everyone
 * @param motd the message of the day, one entry per line; empty sends ERR_NOMOTD
 * @param password when not null, registration needs a matching PASS
 * @param pingInterval a registered client silent this long is sent a PING
 * @param pingTimeout and dropped when still silent this long after the PING
 * @param registrationTimeout a connection that has not registered after this long is dropped
 * @param livenessCheckInterval how often the timeouts above are checked (real time)
 * @param floodCostPerMessage flood control: each line costs this much (RFC 1459 §8.10 uses 2 s)
 * @param floodBurst flood control: how far ahead of now the cost may run before lines wait
 * @param maxQueuedLines a client with more lines than this waiting for flood control is dropped
 * @param sendQueueBytes ircd's SendQ: a client with more than this many bytes not yet taken by its socket
 *     is disconnected with "Max SendQ exceeded" (every member of a 10,000-user lobby is sent a
 *     NAMES reply of about 120 KB when it joins, which must fit)
 * @param closeGrace how long a closing link's last lines (ERROR) may take to leave before the
 *     socket is closed anyway; a client that does not read would otherwise hold it open
 * @param socketSendBufferBytes SO_SNDBUF for client sockets; 0 leaves the kernel default
 * @param ioThreads threads serving client connections
 * @param presenceWindow how long members may wait to be told of others' JOINs and PARTs, told
 *     together (one batch per channel per window: see {@link org.messenger.chat.PresenceWindow});
 *     zero tells each at once
 * @param nanoClock monotonic time for timeouts and flood control; tests inject their own
 * @param chat settings of the chat hub (case mapping, limits, history, wall clock)
 * @param extensions modules that add commands (see {@link IrcExtension})
 * @param limits per-address and total connection limits, connection and wrong-password throttles
 * @param tlsPort the TLS port (IRC over TLS, 6697 by convention); 0 picks a free one; -1 serves no TLS
 * @param tls the certificate and engine for {@code tlsPort}; null when there is no TLS port
 * @param accounts accounts, SASL and nick ownership (where accounts are kept, and the rules)
 * @param history where conversation history is kept beyond memory ({@link HistoryStore#NONE}: nowhere)
 * @param operators server operators who may OPER (their passwords already hashed)
 */
public record IrcServerConfig(
        String serverName,
        String networkName,
        String bindAddress,
        int port,
        String lobby,
        List<String> motd,
        String password,
        Duration pingInterval,
        Duration pingTimeout,
        Duration registrationTimeout,
        Duration livenessCheckInterval,
        Duration floodCostPerMessage,
        Duration floodBurst,
        int maxQueuedLines,
        int sendQueueBytes,
        Duration closeGrace,
        int socketSendBufferBytes,
        int ioThreads,
        Duration presenceWindow,
        LongSupplier nanoClock,
        ChatConfig chat,
        List<IrcExtension> extensions,
        ConnectionLimits limits,
        int tlsPort,
        TlsSettings tls,
        AccountConfig accounts,
        HistoryStore history,
        List<OperatorCredential> operators) {

    public static final int DEFAULT_PORT = 50000;
    public static final int DEFAULT_SEND_QUEUE_BYTES = 256 * 1024;
    /**
     * One: every delivery runs under the hub's one lock, so a second I/O thread mostly waits for
     * it, and a fan-out from one loop hands each recipient on the other loop over as a task of
     * its own. Measured (bench chat --idle --clients 2000, the JOIN storm of 2 million lines):
     * 9-12 s with one thread, 16-25 s with two.
     */
    public static final int DEFAULT_IO_THREADS = 1;
    /**
     * 100 ms: a person does not notice a JOIN that late, and while 10,000 clients register (about
     * 1,000 a second) each member is visited and written to 10 times a second instead of 1,000.
     */
    public static final Duration DEFAULT_PRESENCE_WINDOW = Duration.ofMillis(100);
    /** A channel's window ends early at this many JOINs and PARTs (at most ~25 KB for a member). */
    public static final int PRESENCE_WINDOW_MAX_EVENTS = 256;

    public IrcServerConfig {
        Objects.requireNonNull(serverName, "serverName");
        if (serverName.isEmpty() || serverName.indexOf(' ') >= 0 || serverName.indexOf('!') >= 0 || serverName.indexOf('@') >= 0) {
            throw new IllegalArgumentException("server name '" + serverName + "' must be one word without '!' or '@', e.g. chat.example.org");
        }
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range: use 1-65535 (or 0 for any free port)");
        }
        if (tlsPort < -1 || tlsPort > 65535) {
            throw new IllegalArgumentException("TLS port " + tlsPort + " is out of range: use 1-65535 (or 0 for any free port)");
        }
        if (port == -1 && tlsPort == -1) {
            throw new IllegalArgumentException("both the plain and the TLS port are off: turn one on");
        }
        if (tlsPort != -1 && tls == null) {
            throw new IllegalArgumentException("a TLS port needs a certificate and key");
        }
        if (sendQueueBytes < 1024 || maxQueuedLines < 1 || ioThreads < 1) {
            throw new IllegalArgumentException("send queue must be >= 1024 bytes (it is " + sendQueueBytes
                    + "), queued lines and I/O threads >= 1");
        }
        Objects.requireNonNull(presenceWindow, "presenceWindow");
        if (presenceWindow.isNegative() || presenceWindow.compareTo(org.messenger.chat.PresenceWindow.MAX_DELAY) > 0) {
            throw new IllegalArgumentException("the presence window must be 0 (off) to "
                    + org.messenger.chat.PresenceWindow.MAX_DELAY.toMillis() + " ms, not " + presenceWindow.toMillis() + " ms");
        }
        if (closeGrace.isNegative()) {
            throw new IllegalArgumentException("close grace must not be negative: " + closeGrace);
        }
        Objects.requireNonNull(limits, "limits");
        motd = List.copyOf(motd);
        extensions = List.copyOf(extensions);
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(history, "history");
        operators = List.copyOf(operators);
        java.util.Set<String> names = new java.util.HashSet<>();
        for (OperatorCredential operator : operators) {
            if (!names.add(operator.name())) {
                throw new IllegalArgumentException("operator " + operator.name() + " is given twice: give each operator once");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder with the defaults of {@code ./messenger server}. */
    public static final class Builder {
        private String serverName = "messenger.local";
        private String networkName = "Messenger";
        private String bindAddress = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private String lobby = "#lobby";
        private List<String> motd = List.of(
                "Welcome to Messenger.",
                "Everyone connected is in #lobby: say something there to reach them all.",
                "/msg <nick> <text> talks to one person.");
        private String password;
        private Duration pingInterval = Duration.ofSeconds(90);
        private Duration pingTimeout = Duration.ofSeconds(60);
        private Duration registrationTimeout = Duration.ofSeconds(60);
        private Duration livenessCheckInterval = Duration.ofSeconds(1);
        private Duration floodCostPerMessage = Duration.ofMillis(500);
        private Duration floodBurst = Duration.ofSeconds(10);
        private int maxQueuedLines = 64;
        private int sendQueueBytes = DEFAULT_SEND_QUEUE_BYTES;
        private Duration closeGrace = Duration.ofSeconds(2);
        private int socketSendBufferBytes = 0;
        private int ioThreads = DEFAULT_IO_THREADS;
        private Duration presenceWindow = DEFAULT_PRESENCE_WINDOW;
        private LongSupplier nanoClock = System::nanoTime;
        private ChatConfig chat = ChatConfig.defaults();
        private final List<IrcExtension> extensions = new ArrayList<>();
        private ConnectionLimits limits = ConnectionLimits.DEFAULTS;
        private int tlsPort = -1;
        private TlsSettings tls;
        private AccountConfig accounts = AccountConfig.inMemory();
        private HistoryStore history = HistoryStore.NONE;
        private final List<OperatorCredential> operators = new ArrayList<>();

        public Builder serverName(String v) { serverName = v; return this; }
        public Builder networkName(String v) { networkName = v; return this; }
        public Builder bindAddress(String v) { bindAddress = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder lobby(String v) { lobby = v; return this; }
        public Builder motd(List<String> v) { motd = v; return this; }
        public Builder password(String v) { password = v; return this; }
        public Builder pingInterval(Duration v) { pingInterval = v; return this; }
        public Builder pingTimeout(Duration v) { pingTimeout = v; return this; }
        public Builder registrationTimeout(Duration v) { registrationTimeout = v; return this; }
        public Builder livenessCheckInterval(Duration v) { livenessCheckInterval = v; return this; }
        public Builder floodCostPerMessage(Duration v) { floodCostPerMessage = v; return this; }
        public Builder floodBurst(Duration v) { floodBurst = v; return this; }
        public Builder maxQueuedLines(int v) { maxQueuedLines = v; return this; }
        public Builder sendQueueBytes(int v) { sendQueueBytes = v; return this; }
        public Builder closeGrace(Duration v) { closeGrace = Objects.requireNonNull(v); return this; }
        public Builder socketSendBufferBytes(int v) { socketSendBufferBytes = v; return this; }
        public Builder ioThreads(int v) { ioThreads = v; return this; }
        public Builder presenceWindow(Duration v) { presenceWindow = Objects.requireNonNull(v); return this; }
        public Builder nanoClock(LongSupplier v) { nanoClock = v; return this; }
        public Builder chat(ChatConfig v) { chat = v; return this; }
        public Builder extension(IrcExtension v) { extensions.add(Objects.requireNonNull(v)); return this; }
        public Builder limits(ConnectionLimits v) { limits = Objects.requireNonNull(v); return this; }
        /** Serves IRC over TLS on {@code port} (0: any free port) with {@code settings}. */
        public Builder tls(int port, TlsSettings settings) { tlsPort = port; tls = settings; return this; }
        public Builder noTls() { tlsPort = -1; tls = null; return this; }
        public Builder accounts(AccountConfig v) { accounts = Objects.requireNonNull(v); return this; }
        public Builder history(HistoryStore v) { history = Objects.requireNonNull(v); return this; }
        /** A server operator; the password is hashed here and not kept. */
        public Builder operator(String name, String password) { operators.add(OperatorCredential.hash(name, password)); return this; }
        public Builder operator(OperatorCredential v) { operators.add(Objects.requireNonNull(v)); return this; }

        public IrcServerConfig build() {
            return new IrcServerConfig(serverName, networkName, bindAddress, port, lobby, motd, password, pingInterval,
                    pingTimeout, registrationTimeout, livenessCheckInterval, floodCostPerMessage, floodBurst, maxQueuedLines,
                    sendQueueBytes, closeGrace, socketSendBufferBytes, ioThreads, presenceWindow, nanoClock, chat, extensions, limits,
                    tlsPort, tls, accounts, history, operators);
        }
    }
}
