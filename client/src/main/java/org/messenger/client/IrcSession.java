package org.messenger.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.messenger.client.ChatClientException.Problem;
import org.messenger.client.ChatEvent.Departure;
import org.messenger.irc.codec.IrcFormatter;
import org.messenger.irc.codec.IrcMessage;
import org.messenger.irc.codec.Numeric;
import org.messenger.irc.codec.IrcParseException;
import org.messenger.irc.codec.IrcParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the server: reads lines, keeps the session state (own nick, lobby, users),
 * settles pending requests and turns messages into {@link ChatEvent}s.
 *
 * <p>Everything here runs on the connection's Netty event loop (the network thread), except the
 * methods documented as callable from any thread. The network thread never runs listener code.
 */
final class IrcSession extends SimpleChannelInboundHandler<String> {
    private static final Logger log = LoggerFactory.getLogger(IrcSession.class);
    static final String CTCP = "\u0001";
    /** Above this many members the lobby's away states are not asked for with WHO on joining: too many lines. */
    static final int MAX_MEMBERS_FOR_WHO = 1000;

    private final ClientConfig config;
    private final EventDispatcher events;
    private final ServerFeatures features = new ServerFeatures();
    private final UserList users = new UserList(features);
    private final Registration registration;
    private final Deque<PendingRequest> pending = new ArrayDeque<>();
    private final AtomicLong tokens = new AtomicLong();
    private final long deadlineNanos;

    private volatile Channel channel;
    private volatile String nick;
    private volatile String lobby;
    private volatile String serverName;
    private volatile Set<String> capabilities = Set.of();
    private volatile String quitReason;
    private String errorLine;
    private volatile Throwable failure;
    private boolean keepAlivePingSent;
    private final List<String> motd = new ArrayList<>();
    private final ConversationHistory history = new ConversationHistory(new HistoryHost());
    /** Our own JOIN of the lobby was seen and its NAMES not yet complete: then WHO it for away states. */
    private boolean whoLobbyAfterNames;
    private boolean whoChanged;

    IrcSession(ClientConfig config, EventDispatcher events, long deadlineNanos) {
        this.config = config;
        this.events = events;
        this.deadlineNanos = deadlineNanos;
        this.nick = config.nick();
        this.registration = new Registration(this, config);
    }

    // ---- read from any thread ----

    CompletableFuture<Void> ready() {
        return registration.done();
    }

    String nick() {
        return nick;
    }

    String lobby() {
        return lobby;
    }

    String serverName() {
        return serverName;
    }

    Set<String> capabilities() {
        return capabilities;
    }

    List<String> users() {
        return users.snapshot();
    }

    List<Member> members() {
        return users.members();
    }

    /** {@link ConversationHistory#load} ({@code again}) or {@link ConversationHistory#open}, from any thread. */
    CompletableFuture<List<ChatEvent.HistoryLine>> loadHistory(String target, boolean again) {
        Channel ch = channel;
        if (ch == null || !ch.isActive()) {
            return CompletableFuture.failedFuture(new ChatClientException(Problem.NOT_CONNECTED, "not connected to the server"));
        }
        CompletableFuture<List<ChatEvent.HistoryLine>> result = new CompletableFuture<>();
        ch.eventLoop().execute(() -> (again ? history.load(target, true) : history.open(target)).whenComplete((lines, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(lines);
            }
        }));
        return result;
    }

    /** We are writing to {@code nick}; from any thread, ordered before the message itself. */
    void markOpened(String nick) {
        Channel ch = channel;
        if (ch != null) {
            ch.eventLoop().execute(() -> history.markOpened(nick));
        }
    }

    boolean isChannel(String target) {
        return features.isChannel(target);
    }

    String nextToken() {
        return "messenger-" + tokens.incrementAndGet();
    }

    /** Commands whose last parameter is free text: sent with the ':' marker even when it is one word, as clients do. */
    private static final Set<String> TEXT_COMMANDS = Set.of("PRIVMSG", "NOTICE", "QUIT", "USER", "PART", "TOPIC", "AWAY");

    static String format(IrcMessage message) {
        return IrcFormatter.format(message, TEXT_COMMANDS.contains(message.verb()));
    }

    /** Sends one message; callable from any thread. Throws IllegalArgumentException for text that cannot be framed. */
    void send(IrcMessage message) {
        String line = format(message);
        Channel ch = channel;
        if (ch == null || !ch.isActive()) {
            throw new ChatClientException(Problem.NOT_CONNECTED, "not connected to the server");
        }
        log.debug("> {}", line);
        ch.writeAndFlush(line + "\r\n");
    }

    /**
     * Sends {@code messages} and waits for the answer that {@code matcher} recognises. Callable
     * from any thread; the returned future completes on the network thread.
     */
    CompletableFuture<List<IrcMessage>> request(List<IrcMessage> messages, ReplyMatcher matcher, Duration timeout,
                                                String description) {
        PendingRequest request = new PendingRequest(description, matcher);
        List<String> lines = messages.stream().map(IrcSession::format).toList();
        Channel ch = channel;
        if (ch == null || !ch.isActive()) {
            request.fail(new ChatClientException(Problem.NOT_CONNECTED, "not connected to the server"));
            return request.result;
        }
        ch.eventLoop().execute(() -> {
            if (!ch.isActive()) {
                request.fail(new ChatClientException(Problem.NOT_CONNECTED, "not connected to the server"));
                return;
            }
            pending.addLast(request);
            request.timeout = ch.eventLoop().schedule(() -> {
                if (pending.remove(request)) {
                    request.fail(new ChatClientException(Problem.TIMEOUT, "the server did not answer " + description
                            + " within " + seconds(timeout)));
                }
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
            for (String line : lines) {
                log.debug("> {}", line);
                ch.write(line + "\r\n");
            }
            ch.flush();
        });
        return request.result;
    }

    void markQuitting(String reason) {
        quitReason = reason;
    }

    // ---- network thread ----

    /** Runs {@code question} on the event thread and hands its answer back to the network thread. */
    <T> void askOnEventThread(Supplier<T> question, BiConsumer<T, Throwable> answer) {
        Channel ch = channel;
        events.run(() -> {
            T result = null;
            Throwable error = null;
            try {
                result = question.get();
            } catch (RuntimeException e) {
                error = e;
            }
            T finalResult = result;
            Throwable finalError = error;
            ch.eventLoop().execute(() -> answer.accept(finalResult, finalError));
        });
    }

    void registered(String welcomedNick, String server, Set<String> caps) {
        nick = welcomedNick;
        serverName = server;
        capabilities = caps;
        events.post(new ChatEvent.Connected(config.clock().instant(), welcomedNick, server, caps));
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        long remaining = Math.max(0, deadlineNanos - System.nanoTime());
        ctx.executor().schedule(() -> registration.fail(new ChatClientException(Problem.TIMEOUT,
                "connected to " + config.server() + " but the server did not complete registration within "
                        + seconds(config.connectTimeout()) + ". Is it a chat server?")), remaining, TimeUnit.NANOSECONDS);
        registration.done().whenComplete((ok, error) -> {
            if (error != null) {
                log.debug("Registration failed: {}", error.getMessage());
                ctx.close();
            }
        });
        registration.start();
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, String line) {
        if (line.isEmpty()) {
            return;
        }
        IrcMessage message;
        try {
            message = IrcParser.parse(line);
        } catch (IrcParseException e) {
            log.debug("Ignored a line from the server that is not IRC ({}): {}", e.getMessage(), line);
            return;
        }
        log.debug("< {}", line);
        keepAlivePingSent = false;
        if (message.verb().equals("PING")) {
            // RFC 2812 §3.7.3: answer at once, whatever listeners are doing.
            send(message.params().isEmpty() ? IrcMessage.of("PONG") : IrcMessage.of("PONG", message.lastParam()));
        }
        events.postRaw(message);
        PendingRequest claimant = null;
        ReplyMatcher.Verdict verdict = ReplyMatcher.Verdict.SKIP;
        for (PendingRequest request : pending) {
            verdict = judge(request, message);
            if (verdict != ReplyMatcher.Verdict.SKIP) {
                claimant = request;
                break;
            }
        }
        registration.onMessage(message);
        track(message, timeOf(message), claimant != null);
        if (claimant != null) {
            settle(claimant, verdict, message);
        }
    }

    private ReplyMatcher.Verdict judge(PendingRequest request, IrcMessage message) {
        try {
            return request.matcher.judge(message);
        } catch (RuntimeException e) {
            log.warn("Reply matcher of {} failed on '{}'", request.description, message, e);
            return ReplyMatcher.Verdict.SKIP;
        }
    }

    private void settle(PendingRequest request, ReplyMatcher.Verdict verdict, IrcMessage message) {
        switch (verdict) {
            case COLLECT -> request.collected.add(message);
            case DONE -> {
                request.collected.add(message);
                pending.remove(request);
                request.complete();
            }
            case FAIL -> {
                pending.remove(request);
                request.fail(ServerReplies.toException(message));
            }
            case SKIP -> { }
        }
    }

    /** Updates the session state from one message and posts the matching event. */
    private void track(IrcMessage m, Instant time, boolean claimed) {
        if (history.inBatch(m, time)) {
            return;
        }
        String from = m.sourceNick();
        switch (m.verb()) {
            case "JOIN" -> {
                String channelName = m.param(0);
                boolean you = isMe(from);
                if (you && lobby == null) {
                    lobby = channelName;
                    users.clear();
                }
                boolean inLobby = features.caseMapping().same(channelName, lobby);
                if (inLobby) {
                    users.add(from);
                }
                events.post(new ChatEvent.UserJoined(time, from, channelName, you));
                if (you) {
                    whoLobbyAfterNames = inLobby;
                    history.load(channelName, false);
                } else if (inLobby) {
                    membersChanged(time);
                }
            }
            case "PART" -> {
                String channelName = m.param(0);
                if (features.caseMapping().same(channelName, lobby)) {
                    if (isMe(from)) {
                        users.clear();
                    } else {
                        users.remove(from);
                    }
                }
                String reason = m.params().size() > 1 ? m.lastParam() : "";
                events.post(new ChatEvent.UserLeft(time, from, channelName, Departure.PART, reason));
                if (features.caseMapping().same(channelName, lobby)) {
                    membersChanged(time);
                }
            }
            case "KICK" -> {
                // RFC 2812 §3.2.8: "<channel> <nick> :<reason>"; shown as the kicked user leaving.
                String channelName = m.param(0);
                String victim = m.param(1);
                if (victim != null && features.caseMapping().same(channelName, lobby)) {
                    if (isMe(victim)) {
                        users.clear();
                    } else {
                        users.remove(victim);
                    }
                }
                if (victim != null) {
                    String reason = m.params().size() > 2 ? m.lastParam() : "";
                    events.post(new ChatEvent.UserLeft(time, victim, channelName, Departure.PART,
                            "kicked by " + from + (reason.isEmpty() ? "" : ": " + reason)));
                    if (features.caseMapping().same(channelName, lobby)) {
                        membersChanged(time);
                    }
                }
            }
            case "QUIT" -> {
                boolean wasMember = users.remove(from);
                events.post(new ChatEvent.UserLeft(time, from, null, Departure.QUIT,
                        m.lastParam() == null ? "" : m.lastParam()));
                if (wasMember) {
                    membersChanged(time);
                }
            }
            case "NICK" -> {
                String newNick = m.param(0);
                boolean you = isMe(from);
                if (you) {
                    nick = newNick;
                }
                boolean member = users.snapshot().stream().anyMatch(u -> features.caseMapping().same(u, from));
                users.rename(from, newNick);
                events.post(new ChatEvent.NickChanged(time, from, newNick, you));
                if (member) {
                    membersChanged(time);
                }
            }
            case "PRIVMSG" -> onPrivmsg(m, time, from);
            case "NOTICE" -> {
                String text = m.lastParam() == null ? "" : m.lastParam();
                if (!text.startsWith(CTCP)) {
                    String target = m.param(0);
                    String conversation = features.isChannel(target) || from == null || isMe(from) ? target : from;
                    history.live(conversation == null ? "" : conversation, m.tags().get("msgid"),
                            new ChatEvent.Notice(time, from, target, text));
                }
            }
            case "MODE" -> onMode(m, time, from);
            case "AWAY" -> {
                // IRCv3 away-notify: ":nick!user@host AWAY :text" when going away, "AWAY" alone when back.
                String message = m.params().isEmpty() ? null : m.lastParam();
                boolean member = users.setAway(from, message);
                events.post(new ChatEvent.AwayChanged(time, from, message, false));
                if (member) {
                    membersChanged(time);
                }
            }
            case "BATCH" -> history.onBatch(m);
            case "FAIL" -> {
                if ("CHATHISTORY".equalsIgnoreCase(m.param(0))) {
                    history.onFail();
                }
            }
            case "ERROR" -> errorLine = m.lastParam();
            default -> trackNumeric(m, time, claimed);
        }
    }

    private void trackNumeric(IrcMessage m, Instant time, boolean claimed) {
        // No `case null` in switches over Numeric: javac compiles one to an invokedynamic whose bootstrap
        // (SwitchBootstraps) generates ~20 classes at run time, on the first reply of every one-shot command.
        Numeric numeric = m.numeric();
        if (numeric == null) {
            otherReply(m, time, claimed);
            return;
        }
        switch (numeric) {
            case RPL_ISUPPORT -> features.learn(m);
            case RPL_NAMREPLY -> {
                // 353 <client> <symbol> <channel> :[prefix]<nick>{ [prefix]<nick>}
                if (features.caseMapping().same(m.param(2), lobby)) {
                    users.namesPart(m.lastParam());
                }
            }
            case RPL_ENDOFNAMES -> {
                if (features.caseMapping().same(m.param(1), lobby)) {
                    users.namesEnd();
                    events.post(new ChatEvent.UsersListed(time, lobby, users.snapshot(), users.members()));
                    if (whoLobbyAfterNames) {
                        whoLobbyAfterNames = false;
                        // https://ircv3.net/specs/extensions/away-notify: NAMES does not say who is away; WHO does.
                        if (capabilities.contains("away-notify") && users.members().size() <= MAX_MEMBERS_FOR_WHO) {
                            send(IrcMessage.of("WHO", lobby));
                        }
                    }
                }
            }
            case RPL_AWAY -> {
                // 301 <client> <nick> :<message>, answering a message to or a WHOIS of someone away.
                String who = m.param(1);
                if (who != null) {
                    String message = m.params().size() > 2 ? m.lastParam() : "";
                    boolean changed = !message.equals(users.awayMessage(who)) && users.setAway(who, message);
                    events.post(new ChatEvent.AwayChanged(time, who, message, true));
                    if (changed) {
                        membersChanged(time);
                    }
                }
            }
            case RPL_NOWAWAY, RPL_UNAWAY -> {
                String message = m.numeric() == Numeric.RPL_NOWAWAY ? "" : null;
                boolean member = users.setAway(nick, message);
                events.post(new ChatEvent.AwayChanged(time, nick, message, false));
                if (member) {
                    membersChanged(time);
                }
            }
            case RPL_WHOREPLY -> {
                // 352 <client> <channel> <user> <host> <server> <nick> <flags> :<hopcount> <realname>; flags H here, G gone.
                String flags = m.param(6);
                if (features.caseMapping().same(m.param(1), lobby) && m.param(5) != null && flags != null && !flags.isEmpty()) {
                    String who = m.param(5);
                    String known = users.awayMessage(who);
                    boolean away = flags.charAt(0) == 'G';
                    if (away != (known != null)) {
                        whoChanged |= users.setAway(who, away ? "" : null);
                    }
                }
            }
            case RPL_ENDOFWHO -> {
                if (whoChanged) {
                    whoChanged = false;
                    membersChanged(time);
                }
            }
            case RPL_MOTDSTART -> motd.clear();
            case RPL_MOTD -> {
                // "372 <client> :- <line>": the "- " is framing, not text.
                String text = m.lastParam() == null ? "" : m.lastParam();
                motd.add(text.startsWith("- ") ? text.substring(2) : text);
            }
            case RPL_ENDOFMOTD -> {
                if (!motd.isEmpty()) {
                    events.post(new ChatEvent.MessageOfTheDay(time, motd));
                    motd.clear();
                }
            }
            default -> otherReply(m, time, claimed);
        }
    }

    /** A reply nothing above tracks: an error no request claimed is shown to the user. */
    private void otherReply(IrcMessage m, Instant time, boolean claimed) {
        if (!claimed && Numeric.isError(m.verb()) && registration.finished()) {
            events.post(new ChatEvent.ServerError(time, m.command(), ServerReplies.toException(m).getMessage()));
        }
    }

    private void onPrivmsg(IrcMessage m, Instant time, String from) {
        String target = m.param(0);
        String text = m.lastParam() == null ? "" : m.lastParam();
        boolean action = false;
        if (text.startsWith(CTCP)) {
            // CTCP (https://modern.ircdocs.horse/ctcp): only ACTION (/me) is shown; other queries are ignored.
            String body = ctcpBody(text);
            if (!body.startsWith("ACTION")) {
                return;
            }
            action = true;
            text = body.length() > 7 ? body.substring(7) : "";
        }
        String msgid = m.tags().get("msgid");
        if (features.isChannel(target)) {
            history.live(target, msgid, new ChatEvent.LobbyMessage(time, from, target, text, action));
        } else if (from != null) {
            // The first message of someone opens the conversation: its history comes first.
            history.privateMessageFrom(from);
            history.live(from, msgid, new ChatEvent.PrivateMessage(time, from, text, action));
        }
    }

    /** The inside of a CTCP message, without its \u0001 markers. */
    static String ctcpBody(String text) {
        return text.substring(1, text.endsWith(CTCP) && text.length() > 1 ? text.length() - 1 : text.length());
    }

    /**
     * {@code MODE <target> <modes> [arguments]} (RFC 2812 §3.2.3): shown as it is; on the lobby
     * the membership modes (+o, +v...) change the members' prefixes. Which modes take an argument
     * comes from ISUPPORT PREFIX and CHANMODES.
     */
    private void onMode(IrcMessage m, Instant time, String from) {
        String target = m.param(0);
        if (target == null || m.params().size() < 2) {
            return;
        }
        List<String> changes = m.params().subList(1, m.params().size());
        events.post(new ChatEvent.ModeChanged(time, from, target, changes));
        if (!features.caseMapping().same(target, lobby)) {
            return;
        }
        boolean changed = false;
        boolean adding = true;
        int argument = 1;
        String modes = changes.get(0);
        for (int i = 0; i < modes.length(); i++) {
            char mode = modes.charAt(i);
            if (mode == '+' || mode == '-') {
                adding = mode == '+';
                continue;
            }
            String value = null;
            if (features.modeTakesArgument(mode, adding)) {
                if (argument >= changes.size()) {
                    break; // a malformed MODE from the server: what follows cannot be read
                }
                value = changes.get(argument++);
            }
            char prefix = features.prefixForMode(mode);
            if (prefix != 0 && value != null) {
                changed |= users.setPrefix(value, prefix, adding);
            }
        }
        if (changed) {
            membersChanged(time);
        }
    }

    private void membersChanged(Instant time) {
        events.post(new ChatEvent.MembersChanged(time, lobby, users.members()));
    }

    /** What the history loader borrows from this session; all on the network thread. */
    private final class HistoryHost implements ConversationHistory.Host {
        @Override
        public void send(IrcMessage message) {
            IrcSession.this.send(message);
        }

        @Override
        public void post(ChatEvent event) {
            events.post(event);
        }

        @Override
        public void afterEvents(Runnable task) {
            events.run(task);
        }

        @Override
        public Runnable onTimeout(Runnable task) {
            Channel ch = channel;
            if (ch == null) {
                return () -> { };
            }
            var scheduled = ch.eventLoop().schedule(task, config.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
            return () -> scheduled.cancel(false);
        }

        @Override
        public ServerFeatures features() {
            return features;
        }

        @Override
        public Set<String> capabilities() {
            return capabilities;
        }

        @Override
        public Instant now() {
            return config.clock().instant();
        }
    }

    private boolean isMe(String someNick) {
        return features.caseMapping().same(someNick, nick);
    }

    /** The IRCv3 server-time tag ({@code time=2026-11-25T21:00:00.000Z}) when present, else now. */
    private Instant timeOf(IrcMessage m) {
        String tag = m.tags().get("time");
        if (tag != null) {
            try {
                return Instant.parse(tag);
            } catch (DateTimeParseException e) {
                log.debug("Ignored a malformed server-time tag '{}'", tag);
            }
        }
        return config.clock().instant();
    }

    /** Reader idle for {@link ClientConfig#keepAlive()}: PING once; still silent after another period: give up. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof IdleStateEvent)) {
            ctx.fireUserEventTriggered(event);
            return;
        }
        if (!registration.finished()) {
            return; // registration has its own deadline
        }
        if (keepAlivePingSent) {
            log.debug("No line from the server for two keep-alive periods; closing");
            failure = new ChatClientException(Problem.TIMEOUT, "the server stopped answering (silent for "
                    + seconds(config.keepAlive().multipliedBy(2)) + ")");
            ctx.close();
        } else {
            keepAlivePingSent = true;
            send(IrcMessage.of("PING", "messenger-keepalive"));
        }
    }

    /** What ended the connection with an error, if anything did (a failed TLS handshake, a reset). */
    Throwable failure() {
        return failure;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            log.warn("Skipped a line from the server that was too long: {}", cause.getMessage());
            return;
        }
        log.debug("Connection to {} failed", config.server(), cause);
        failure = cause;
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        String reason = disconnectReason();
        boolean requested = quitReason != null;
        registration.fail(errorLine != null
                ? new ChatClientException(Problem.REFUSED, "the server closed the connection: " + errorLine)
                : new ChatClientException(Problem.NOT_CONNECTED,
                        "the server closed the connection before registration finished"));
        for (Iterator<PendingRequest> it = pending.iterator(); it.hasNext(); ) {
            PendingRequest request = it.next();
            it.remove();
            request.fail(new ChatClientException(Problem.NOT_CONNECTED,
                    "disconnected before the server answered " + request.description + " (" + reason + ")"));
        }
        history.closed();
        events.post(new ChatEvent.Disconnected(config.clock().instant(), reason, requested));
        events.finish();
        ctx.fireChannelInactive();
    }

    private String disconnectReason() {
        if (quitReason != null) {
            return "you left" + (quitReason.isBlank() ? "" : " (" + quitReason + ")");
        }
        if (errorLine != null) {
            return "the server closed the connection: " + errorLine;
        }
        if (failure != null) {
            return "connection lost: " + (failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
        }
        return "the server closed the connection";
    }

    static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
