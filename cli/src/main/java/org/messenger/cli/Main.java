package org.messenger.cli;

import java.util.List;
import java.util.Set;
import org.messenger.client.ChatClient;
import org.messenger.gui.GuiCommand;
import org.messenger.transport.crypto.AeadLibrary;
import org.messenger.transport.crypto.Sha256Digest;
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
        })
public final class Main implements Runnable {
    /** Every subcommand's name, in the order {@code --help} lists them; {@link #subcommandClass} has their classes. */
    private static final List<String> SUBCOMMANDS = List.of("server", "chat", "get", "users", "send", "gui", "help");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line as the {@code messenger} process would, and returns its exit code. */
    static int run(String... args) {
        if (isVersionOnly(args)) {
            // What picocli would print, without building its model of the commands: that alone
            // costs more than the rest of a cold start.
            for (String line : new VersionProvider().getVersion()) {
                System.out.println(line);
            }
            System.out.flush();
            return 0;
        }
        withoutGroovyClosures();
        if (args.length == 0 || !args[0].equals("server")) {
            withoutNettyFlightRecorderEvents();
        }
        if (connectsAsAClient(args)) {
            // Netty's one-off initialisation on the second core while picocli reads the options,
            // and for a download libcrypto's AEAD and SHA-256 too, while it connects.
            boolean downloads = args[0].equals("get");
            Thread.ofPlatform().name("messenger-prepare").daemon().start(() -> {
                ChatClient.prepareNetworkStack();
                if (downloads) {
                    AeadLibrary.prepare();
                    Sha256Digest.prepare();
                }
            });
        }
        return commandLineFor(args).execute(args);
    }

    /** picocli's switch for Groovy closures in annotations, which it otherwise looks for once. */
    static final String PICOCLI_CLOSURES_PROPERTY = "picocli.disable.closures";

    /**
     * picocli checks once whether Groovy is on the class path ({@code Class.forName("groovy.lang.Closure")})
     * to support closures in annotations. Nothing here is Groovy, and the failed lookup opened
     * every jar on the class path on the main thread while it built the command (a third of
     * {@code users}' main-thread CPU; its classes all come from the start-up cache without a
     * jar being opened). The jars are still opened once, by the first service lookup (SLF4J's,
     * on the second thread beside picocli). Given explicitly, the property wins.
     */
    static void withoutGroovyClosures() {
        if (System.getProperty(PICOCLI_CLOSURES_PROPERTY) == null) {
            System.setProperty(PICOCLI_CLOSURES_PROPERTY, "true");
        }
    }

    /** Netty's own JFR switch: the property it reads when its buffer allocator is first used. */
    static final String NETTY_JFR_PROPERTY = "io.netty.jfr.enabled";

    /**
     * Clients do not register Netty's buffer-allocator events with Java Flight Recorder: the
     * registration starts JFR's metadata repository (about 140 classes and tens of milliseconds
     * on the network thread) in every one-shot command, for events nobody records. The server
     * keeps them for profiling; {@code -Dio.netty.jfr.enabled=true} brings them back anywhere.
     */
    static void withoutNettyFlightRecorderEvents() {
        if (System.getProperty(NETTY_JFR_PROPERTY) == null) {
            System.setProperty(NETTY_JFR_PROPERTY, "false");
        }
    }

    /** The subcommands that open a chat connection as soon as their options are read. */
    private static final Set<String> CLIENT_SUBCOMMANDS = Set.of("users", "send", "get", "chat");

    /** True when {@code args} run a client subcommand (not its help), which connects at once. */
    static boolean connectsAsAClient(String... args) {
        if (args.length == 0 || !CLIENT_SUBCOMMANDS.contains(args[0])) return false;
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h") || a.equals("--version") || a.equals("-V")) return false;
        }
        return true;
    }

    static boolean isVersionOnly(String... args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }

    /** The full command tree, also used by tests to run subcommands in-process. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        for (String name : SUBCOMMANDS) {
            cli.addSubcommand(name, subcommandClass(name));
        }
        return configured(cli);
    }

    /**
     * The part of the tree that {@code args} can reach: only the named subcommand, nothing for
     * {@code --version}, the whole tree for anything else (help, no arguments, a typo, so that
     * the usage message and picocli's suggestions list every subcommand).
     */
    static CommandLine commandLineFor(String... args) {
        if (isVersionOnly(args)) {
            return configured(new CommandLine(new Main()));
        }
        Class<?> only = args.length > 0 ? subcommandClass(args[0]) : null;
        if (only == null || only == CommandLine.HelpCommand.class) {
            return commandLine();
        }
        CommandLine cli = new CommandLine(new Main());
        cli.addSubcommand(args[0], only);
        return configured(cli);
    }

    /** Names of the subcommands, in the order {@code --help} lists them. */
    static List<String> subcommandNames() {
        return SUBCOMMANDS;
    }

    /** Settings apply to the subcommands already added, so this comes last. */
    private static CommandLine configured(CommandLine cli) {
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    /**
     * The class of the subcommand {@code name}, or null. Building a subcommand's model loads its
     * class and everything its fields and static initialisers reach (Netty for the server, JavaFX
     * for the GUI, Logback for anything that logs), and a class literal is only resolved when its
     * branch runs: so a one-shot command loads only its own. Names must equal each class's
     * {@code @Command(name)}; MainTest checks that they do.
     */
    private static Class<?> subcommandClass(String name) {
        return switch (name) {
            case "server" -> ServerCommand.class;
            case "chat" -> ChatCommand.class;
            case "get" -> GetCommand.class;
            case "users" -> UsersCommand.class;
            case "send" -> SendCommand.class;
            case "gui" -> GuiCommand.class;
            case "help" -> CommandLine.HelpCommand.class;
            default -> null;
        };
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
