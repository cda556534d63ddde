package org.messenger.cli;

import org.messenger.gui.GuiCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code messenger} command. Each subcommand is its own class; this one only lists them.
 * Run it through the {@code ./messenger} launcher, which builds the project and picks a JDK 21+.
 */
@Command(
        name = "messenger",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Self-hosted messenger: IRC chat over TCP, file downloads over reliable UDP.",
        footer = {
            "",
            "The launcher also understands:",
            "  test     run every test (./mvnw verify with a JDK 21+)",
            "  build    rebuild now, even if nothing changed",
            "  bench    end-to-end benchmarks (e.g. ./messenger bench transfer --quick)",
            "  jmh      JMH micro-benchmarks of the hot paths (e.g. ./messenger jmh -prof gc)",
        },
        subcommands = {ServerCommand.class, ChatCommand.class, GetCommand.class, UsersCommand.class, SendCommand.class,
            GuiCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The full command tree, also used by tests to run subcommands in-process. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
