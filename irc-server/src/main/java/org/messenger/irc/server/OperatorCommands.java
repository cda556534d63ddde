package org.messenger.irc.server;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.messenger.chat.ChatException;
import org.messenger.irc.codec.IrcMessage;
import org.messenger.irc.codec.Numeric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server operators: OPER (RFC 2812 §3.1.4), KILL (§3.7.1) and WALLOPS (§4.7).
 *
 * <p>A password check costs a PBKDF2 derivation (tens of milliseconds), so it runs on one
 * checker thread of its own, never on an I/O thread where it would hold up every client; the
 * answer is applied back on the connection's I/O thread. At most {@link #MAX_WAITING_CHECKS}
 * wait: more OPER attempts at once are refused, not queued without bound.
 */
final class OperatorCommands implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OperatorCommands.class);
    static final int MAX_WAITING_CHECKS = 16;

    private final Map<String, OperatorCredential> byName = new HashMap<>();
    private final ThreadPoolExecutor checker;

    OperatorCommands(List<OperatorCredential> operators) {
        for (OperatorCredential operator : operators) {
            byName.put(operator.name(), operator);
        }
        this.checker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_WAITING_CHECKS),
                r -> Thread.ofPlatform().daemon().name("irc-oper-check").unstarted(r));
    }

    void register(CommandTable table) {
        table.add("OPER", 2, false, this::oper);
        table.add("KILL", 2, false, OperatorCommands::kill);
        table.add("WALLOPS", 1, false, OperatorCommands::wallops);
    }

    private void oper(IrcConnection c, IrcMessage m) {
        String name = m.param(0);
        String password = m.param(1);
        OperatorCredential credential = byName.get(name);
        java.util.concurrent.Executor answer = c.laterInResponse();
        try {
            checker.execute(() -> {
                boolean ok;
                if (credential == null) {
                    OperatorCredential.burnOneCheck(password);
                    ok = false;
                } else {
                    ok = credential.matches(password);
                }
                boolean matched = ok;
                answer.execute(() -> operAnswered(c, name, credential != null, matched));
            });
        } catch (RejectedExecutionException e) {
            answer.execute(() -> c.sendNotice("Too many OPER attempts at once on this server; try again in a moment"));
        }
    }

    private static void operAnswered(IrcConnection c, String name, boolean known, boolean matched) {
        if (c.isClosing() || c.user() == null) {
            return;
        }
        if (!known) {
            log.warn("{}: OPER as unknown operator '{}'", c.describe(), name);
            c.reply(Numeric.ERR_NOOPERHOST);
            return;
        }
        if (!matched) {
            log.warn("{}: OPER {} with a wrong password", c.describe(), name);
            c.reply(Numeric.ERR_PASSWDMISMATCH);
            return;
        }
        boolean already = c.user().isServerOperator();
        c.server().hub().setServerOperator(c.user(), true);
        log.info("{} is now server operator {}", c.describe(), name);
        c.reply(Numeric.RPL_YOUREOPER);
        if (!already) {
            c.send(IrcMessage.from(c.nick(), "MODE", c.nick(), "+o"));
        }
    }

    private static void kill(IrcConnection c, IrcMessage m) {
        try {
            c.server().hub().kill(c.user(), m.param(0), m.param(1));
        } catch (ChatException e) {
            ChatErrors.reply(c, e, m.param(0));
        }
    }

    private static void wallops(IrcConnection c, IrcMessage m) {
        try {
            c.server().hub().wallops(c.user(), m.param(0));
        } catch (ChatException e) {
            ChatErrors.reply(c, e, "WALLOPS");
        }
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }
}
