package org.messenger.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code messenger send}: one message to one user or to everyone, for scripts. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = {"Send one message to a user (--to) or to everyone in the lobby (--all), then leave.",
            "Without TEXT the message is read from standard input (one message per line).",
            "Succeeds only once the server has handled the message."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the message was delivered to the server", "1:not delivered (e.g. nick not online, server unreachable)",
            "2:bad options"})
final class SendCommand implements Callable<Integer> {
    static final class Target {
        @Option(names = {"-t", "--to"}, paramLabel = "NICK", required = true, description = "The user to send to.")
        String nick;

        @Option(names = {"-a", "--all"}, required = true, description = "Send to everyone (the lobby).")
        boolean all;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Mixin
    ClientOptions options;

    @Parameters(paramLabel = "TEXT", arity = "0..*", description = "The message; words are joined with spaces.")
    List<String> words;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        CliLogging.quietForClients();
        String text = words == null || words.isEmpty() ? readStandardInput() : String.join(" ", words);
        if (text.isBlank()) {
            spec.commandLine().getErr().println("messenger send: there is no text to send");
            return 2;
        }
        return OneShot.run(spec, options, client -> OneShot.await(target.all
                ? client.sendToLobbyConfirmed(text)
                : client.sendPrivateConfirmed(target.nick, text), options));
    }

    private static String readStandardInput() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return in.lines().collect(Collectors.joining("\n"));
    }
}
