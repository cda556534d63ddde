package org.messenger.cli;

import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.messenger.cli.chat.ChatRepl;
import org.messenger.cli.chat.TrustOnFirstUse;
import org.messenger.client.ChatClientException;
import org.messenger.client.ChatClient;
import picocli.CommandLine.Command;
import org.messenger.transport.netem.NetemSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code messenger chat}: the interactive terminal client. */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = {
            "Chat interactively: text goes to everyone in the lobby; /msg, /me, /users, /nick, /quit, /help.",
            "Incoming messages print above the prompt with the time. Tab completes nicks and commands.",
            "Files: /files, /get NAME (in the background, with a live progress line), /pause ID, /resume ID,",
            "/cancel ID, /downloads.",
            "Ctrl-D or Ctrl-C leaves.",
            "With --tls (or a :6697 address) a self-signed server certificate seen for the first time is shown",
            "with its fingerprint and trusted only if you say so; it is then remembered in the known servers file."})
final class ChatCommand implements Callable<Integer> {
    @Mixin
    ClientOptions options;

    @Spec
    CommandSpec spec;

    @Option(names = "--netem", paramLabel = "SPEC",
            description = "Impair the UDP egress of /get downloads, e.g. \"loss=2%%,delay=15ms\" (docs/netem.md).")
    String netem;

    @Override
    public Integer call() throws Exception {
        CliLogging.quietForClients();
        String nick = options.nick != null ? options.nick : options.account != null ? options.account : defaultNick();
        ChatClient client;
        NetemSpec impairment;
        try {
            impairment = netem == null || netem.isBlank() ? null : NetemSpec.parse(netem);
            client = new ChatClient(options.config(nick));
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("messenger chat: " + e.getMessage());
            return 2;
        }
        try (Terminal terminal = TerminalBuilder.builder().name("messenger").system(true)
                // Piped input (scripts, tests) gets a dumb terminal without a JLine warning.
                .dumb(true).build()) {
            LineReader question = LineReaderBuilder.builder().terminal(terminal).appName("messenger").build();
            try {
                if (!TrustOnFirstUse.check(options.address(), client.config().tls(), options.timeout(), question)) {
                    return 1;
                }
            } catch (ChatClientException e) {
                spec.commandLine().getErr().println("messenger chat: " + ClientErrors.describe(e));
                return 1;
            }
            return new ChatRepl(client, terminal, ZoneId.systemDefault(), Clock.systemUTC(), impairment).run();
        } finally {
            client.disconnect("leaving");
        }
    }

    /** The login name when it makes a valid nick, else a generated one. */
    private static String defaultNick() {
        String user = System.getProperty("user.name", "");
        return user.matches("[A-Za-z\\[\\]\\\\`_^{|}][A-Za-z0-9\\[\\]\\\\`_^{|}-]{0,15}") ? user : ClientOptions.generatedNick();
    }
}
