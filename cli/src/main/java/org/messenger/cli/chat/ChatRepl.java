package org.messenger.cli.chat;

import java.nio.file.Path;

import java.time.Clock;
import java.time.ZoneId;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.messenger.cli.ClientErrors;
import org.messenger.client.ChatClient;
import org.messenger.client.ChatClientException;
import org.messenger.client.ChatEvent;
import org.messenger.transport.netem.NetemSpec;

/**
 * The interactive chat on a JLine terminal. Incoming lines are printed above the prompt
 * ({@link LineReader#printAbove}) from the client's event thread while the user types.
 * Ctrl-D, Ctrl-C and /quit leave cleanly (QUIT, then close).
 */
public final class ChatRepl {
    private final ChatClient client;
    private final Terminal terminal;
    private final EventFormatter formatter;
    private final Clock clock;
    private volatile ChatEvent.Disconnected lost;
    private volatile boolean registered;
    private final NetemSpec filesNetem;

    public ChatRepl(ChatClient client, Terminal terminal, ZoneId zone, Clock clock) {
        this(client, terminal, zone, clock, null);
    }

    /** @param filesNetem impairment of the downloads' UDP egress ({@code --netem}), or null */
    public ChatRepl(ChatClient client, Terminal terminal, ZoneId zone, Clock clock, NetemSpec filesNetem) {
        this.client = client;
        this.terminal = terminal;
        this.formatter = new EventFormatter(zone);
        this.clock = clock;
        this.filesNetem = filesNetem;
    }

    /** Connects, chats until the user leaves or the connection drops; 0 when the user left, 1 otherwise. */
    public int run() {
        SecretInput.SecretFreeHistory history = new SecretInput.SecretFreeHistory();
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("messenger")
                .completer(new ChatCompleter(client))
                // '!' and '\' are ordinary chat characters, not history or escape syntax.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                // The typed line disappears on Enter; what was sent comes back as a stamped chat line.
                .option(LineReader.Option.ERASE_LINE_ON_FINISH, true)
                .variable(LineReader.BELL_STYLE, "none")
                // Passwords (/register, /oper) show as *** while typed and never enter the history.
                .highlighter(new SecretInput.Masking())
                .history(history)
                .build();
        client.addListener(event -> {
            if (event instanceof ChatEvent.Disconnected d && !d.requested()) {
                lost = d;
                if (registered) { // before that, connect() reports why
                    formatter.format(d).ifPresent(reader::printAbove);
                    // Wake the prompt: readLine ends with a UserInterruptException.
                    terminal.raise(Terminal.Signal.INT);
                }
                return;
            }
            if (event instanceof ChatEvent.NickChanged change && change.you() && reader instanceof LineReaderImpl impl) {
                impl.setPrompt(prompt(change.newNick())); // shown by the redraw that printAbove does
            }
            formatter.format(event).ifPresent(reader::printAbove);
        });
        reader.printAbove(formatter.stamp(clock.instant(), "Connecting to " + client.config().server()
                + " as " + client.config().nick() + "..."));
        try {
            client.connect();
        } catch (ChatClientException e) {
            reader.printAbove(formatter.stamp(clock.instant(), "! " + ClientErrors.describe(e)));
            terminal.flush();
            return 1;
        }
        registered = true;
        if (lost != null) { // dropped between the welcome and now
            formatter.format(lost).ifPresent(reader::printAbove);
            return 1;
        }
        ChatCommands commands = new ChatCommands(client, reader::printAbove, formatter, clock, prompt -> history.whileReadingSecret(() -> askSecret(reader, prompt)));
        ProgressLines progress = StatusBarProgress.on(reader);
        try (FileChatCommands fileCommands = new FileChatCommands(client, reader::printAbove, formatter, clock, Path.of("."),
                progress, filesNetem)) {
            return chat(reader, commands, fileCommands);
        } finally {
            if (progress instanceof StatusBarProgress bar) {
                bar.close();
            }
        }
    }

    private int chat(LineReader reader, ChatCommands commands, FileChatCommands fileCommands) {
        while (lost == null) {
            String line;
            try {
                line = reader.readLine(prompt(client.nick()));
            } catch (UserInterruptException | EndOfFileException e) {
                Thread.interrupted(); // a dropped connection wakes readLine by interrupting this thread
                break;
            }
            if (fileCommands.tryRun(line)) {
                continue;
            }
            if (!commands.run(line)) {
                return 0;
            }
        }
        if (lost != null) {
            return 1;
        }
        client.disconnect("leaving");
        return 0;
    }

    /** A line read with every character echoed as '*'; empty on Ctrl-C or Ctrl-D. */
    private static java.util.Optional<String> askSecret(LineReader reader, String prompt) {
        try {
            return java.util.Optional.of(reader.readLine(prompt, '*'));
        } catch (UserInterruptException | EndOfFileException e) {
            return java.util.Optional.empty();
        }
    }

    private static String prompt(String nick) {
        return nick + "> ";
    }
}
