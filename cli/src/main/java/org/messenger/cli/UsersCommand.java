package org.messenger.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.messenger.client.ChatClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code messenger users}: prints who is online, one nick per line. */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = {"Print the nicks of everyone connected (the lobby's members), one per line, sorted.",
            "Connects with a generated nick (not listed) unless --nick is given."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the list was printed", "1:the server could not be reached or refused", "2:bad options"})
final class UsersCommand implements Callable<Integer> {
    @Mixin
    ClientOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CliLogging.quietForClients();
        return OneShot.run(spec, options, client -> {
            List<String> users = OneShot.await(client.refreshUsers(), options);
            for (String nick : users) {
                if (!(options.nickGenerated() && nick.equalsIgnoreCase(client.nick()))) {
                    spec.commandLine().getOut().println(nick);
                }
            }
            spec.commandLine().getOut().flush();
        });
    }
}
