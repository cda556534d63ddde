package org.messenger.bench;

import org.messenger.bench.chat.ChatBenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code messenger bench}: end-to-end benchmarks on this machine, each figure beside a baseline
 * measured in the same run. Add this class to the CLI's subcommands; it also runs on its own:
 * {@code java -jar bench/target/bench.jar transfer --quick}.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure Messenger on this machine; every figure is printed beside a baseline from the same run.",
        subcommands = {TransferCommand.class, ChatBenchCommand.class, CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
