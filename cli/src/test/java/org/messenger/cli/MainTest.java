package org.messenger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command tree is built only as far as the command line needs it, and behaves as the whole tree does. */
class MainTest {

    @Test
    void everySubcommandIsListedUnderItsOwnName() {
        List<String> names = new ArrayList<>();
        Main.subcommandNames().forEach(names::add);
        CommandLine full = Main.commandLine();

        assertThat(full.getSubcommands().keySet()).containsExactlyElementsOf(names);
        full.getSubcommands().forEach((name, sub) -> assertThat(sub.getCommandSpec().name()).isEqualTo(name));
    }

    @Test
    void aOneShotCommandBuildsOnlyItsOwnSubcommand() {
        CommandLine cli = Main.commandLineFor("users", "--server", "127.0.0.1:1");

        assertThat(cli.getSubcommands().keySet()).containsExactly("users");
        assertThat(cli.getSubcommands().get("users").getCommandSpec().qualifiedName()).isEqualTo("messenger users");
    }

    @Test
    void theNetworkStackIsPreparedAheadOnlyForCommandsThatConnectAtOnce() {
        assertThat(Main.connectsAsAClient("users", "--server", "127.0.0.1:1")).isTrue();
        assertThat(Main.connectsAsAClient("send", "--all", "hi")).isTrue();
        assertThat(Main.connectsAsAClient("get", "file.bin")).isTrue();
        assertThat(Main.connectsAsAClient("chat", "--nick", "ann")).isTrue();
        assertThat(Main.connectsAsAClient("users", "--help")).as("help only prints").isFalse();
        assertThat(Main.connectsAsAClient("get", "-h")).isFalse();
        assertThat(Main.connectsAsAClient("server")).isFalse();
        assertThat(Main.connectsAsAClient("gui")).as("JavaFX first, the connect dialog later").isFalse();
        assertThat(Main.connectsAsAClient("--version")).isFalse();
        assertThat(Main.connectsAsAClient()).isFalse();
    }

    @Test
    void versionBuildsNoSubcommand() {
        assertThat(Main.commandLineFor("--version").getSubcommands()).isEmpty();
    }

    @Test
    void helpAndUnknownWordsSeeEverySubcommand() {
        for (String[] args : List.of(new String[] {}, new String[] {"--help"}, new String[] {"help", "users"},
                new String[] {"usrs"}, new String[] {"--version", "users"})) {
            assertThat(Main.commandLineFor(args).getSubcommands()).hasSize(7);
        }
    }

    @Test
    void versionPrintsWhatPicocliWould() {
        StringWriter picocli = new StringWriter();
        CommandLine full = Main.commandLine();
        full.setOut(new PrintWriter(picocli, true));
        assertThat(full.execute("--version")).isZero();

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int code;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = Main.run("--version");
        } finally {
            System.setOut(stdout);
        }

        assertThat(code).isZero();
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEqualTo(picocli.toString()).startsWith("messenger ");
    }

    @Test
    void aSubcommandRunAloneReportsBadOptionsAsTheFullTreeDoes() {
        StringWriter alone = new StringWriter();
        CommandLine cli = Main.commandLineFor("send", "hello");
        cli.setErr(new PrintWriter(alone, true));
        StringWriter whole = new StringWriter();
        CommandLine full = Main.commandLine();
        full.setErr(new PrintWriter(whole, true));

        assertThat(cli.execute("send", "hello")).isEqualTo(2).isEqualTo(full.execute("send", "hello"));
        assertThat(alone.toString()).isEqualTo(whole.toString()).contains("--to");
    }

    @Test
    void clientCommandsLeaveNettysFlightRecorderEventsOff() {
        String before = System.clearProperty(Main.NETTY_JFR_PROPERTY);
        try {
            runQuietly("users", "--help");

            assertThat(System.getProperty(Main.NETTY_JFR_PROPERTY)).isEqualTo("false");
        } finally {
            restore(Main.NETTY_JFR_PROPERTY, before);
        }
    }

    @Test
    void theServerKeepsNettysFlightRecorderEvents() {
        String before = System.clearProperty(Main.NETTY_JFR_PROPERTY);
        try {
            runQuietly("server", "--help");

            assertThat(System.getProperty(Main.NETTY_JFR_PROPERTY)).isNull();
        } finally {
            restore(Main.NETTY_JFR_PROPERTY, before);
        }
    }

    @Test
    void anExplicitChoiceOfNettysFlightRecorderEventsIsKept() {
        String before = System.setProperty(Main.NETTY_JFR_PROPERTY, "true");
        try {
            runQuietly("users", "--help");

            assertThat(System.getProperty(Main.NETTY_JFR_PROPERTY)).isEqualTo("true");
        } finally {
            restore(Main.NETTY_JFR_PROPERTY, before);
        }
    }

    @Test
    void picocliDoesNotLookForGroovyUnlessAsked() {
        String before = System.clearProperty(Main.PICOCLI_CLOSURES_PROPERTY);
        try {
            runQuietly("users", "--help");
            assertThat(System.getProperty(Main.PICOCLI_CLOSURES_PROPERTY)).isEqualTo("true");

            System.setProperty(Main.PICOCLI_CLOSURES_PROPERTY, "false");
            runQuietly("server", "--help");
            assertThat(System.getProperty(Main.PICOCLI_CLOSURES_PROPERTY)).isEqualTo("false");
        } finally {
            restore(Main.PICOCLI_CLOSURES_PROPERTY, before);
        }
    }

    private static void runQuietly(String... args) {
        PrintStream stdout = System.out;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertThat(Main.run(args)).isZero();
        } finally {
            System.setOut(stdout);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
