package org.messenger.irc.server;

import org.messenger.irc.codec.Numeric;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.messenger.irc.codec.IrcMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command table, after Ergo's {@code commands.go}: command name to handler, minimum
 * parameters and whether it is allowed before registration. {@link #dispatch} makes the shared
 * checks once, so handlers (built-in or from an {@link IrcExtension}) never repeat them.
 */
final class CommandTable implements IrcExtension.CommandRegistry {
    private static final Logger log = LoggerFactory.getLogger(CommandTable.class);

    /** A handler of the server's own commands: it sees the whole connection, not only {@link IrcClient}. */
    @FunctionalInterface
    interface Handler {
        void handle(IrcConnection connection, IrcMessage message);
    }

    record Command(String name, int minParams, boolean allowedBeforeRegistration, Handler handler) {}

    private final Map<String, Command> commands = new HashMap<>();

    void add(String name, int minParams, boolean allowedBeforeRegistration, Handler handler) {
        String key = name.toUpperCase(Locale.ROOT);
        if (commands.containsKey(key)) {
            throw new IllegalStateException("IRC command " + key + " is registered twice");
        }
        commands.put(key, new Command(key, minParams, allowedBeforeRegistration, handler));
    }

    @Override
    public void register(String name, int minParams, boolean allowedBeforeRegistration, IrcExtension.Handler handler) {
        add(name, minParams, allowedBeforeRegistration, handler::handle);
    }

    Set<String> names() {
        return new TreeSet<>(commands.keySet());
    }

    /**
     * Runs {@code message} on behalf of {@code connection}, answering with the right numeric when
     * it cannot run. What the client is sent meanwhile is its labeled response when the command
     * carries a label (https://ircv3.net/specs/extensions/labeled-response).
     */
    void dispatch(IrcConnection connection, IrcMessage message) {
        LabeledResponse response = LabeledResponse.forCommand(connection, message);
        connection.beginResponse(response);
        try {
            run(connection, message);
        } finally {
            connection.endResponse(response);
        }
    }

    private void run(IrcConnection connection, IrcMessage message) {
        String verb = message.verb();
        Command command = commands.get(verb);
        if (command == null) {
            // RFC 2812 §3: an unknown command gets ERR_UNKNOWNCOMMAND, registered or not.
            connection.reply(Numeric.ERR_UNKNOWNCOMMAND, verb);
            return;
        }
        if (!command.allowedBeforeRegistration() && !connection.isRegistered()) {
            connection.reply(Numeric.ERR_NOTREGISTERED);
            return;
        }
        if (message.params().size() < command.minParams()) {
            connection.reply(Numeric.ERR_NEEDMOREPARAMS, verb);
            return;
        }
        try {
            command.handler().handle(connection, message);
        } catch (RuntimeException e) {
            // A bug in one handler must not take the connection, let alone the server, down.
            log.error("{} from {} failed: {}", verb, connection.describe(), e.toString(), e);
            connection.reply(Numeric.ERR_UNKNOWNERROR, verb);
        }
    }
}
