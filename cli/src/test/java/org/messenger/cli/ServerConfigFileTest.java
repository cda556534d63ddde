package org.messenger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class ServerConfigFileTest {
    @TempDir
    Path temp;

    /** Parses {@code args} as 'messenger server' does, then applies {@code toml} as the --config file. */
    private ServerCommand configured(String toml, String... args) throws IOException {
        Path file = temp.resolve("messenger.toml");
        Files.writeString(file, toml);
        ServerCommand command = new ServerCommand();
        CommandLine cli = new CommandLine(command);
        CommandLine.ParseResult parsed = cli.parseArgs(args);
        ServerConfigFile.apply(file, cli.getCommandSpec(), parsed);
        return command;
    }

    @Test
    void everyServerFlagHasAConfigKeyAndTheDocumentedExampleShowsIt() throws IOException {
        CommandLine cli = new CommandLine(new ServerCommand());
        Map<String, OptionSpec> keys = ServerConfigFile.keys(cli.getCommandSpec());
        String example = documentedExample();
        for (OptionSpec option : cli.getCommandSpec().options()) {
            if (List.of("--help", "--version", "--config").contains(option.longestName())) {
                continue;
            }
            String[] longNames = java.util.Arrays.stream(option.names()).filter(n -> n.startsWith("--")).toArray(String[]::new);
            assertThat(longNames).as("flag %s", option.longestName()).isNotEmpty();
            for (String name : longNames) {
                assertThat(keys).containsKey(name.substring(2));
            }
            assertThat(java.util.Arrays.stream(longNames).anyMatch(n -> example.matches("(?s).*\\n#? ?" + Pattern.quote(n.substring(2)) + " = .*")))
                    .as("docs/config.md has a line for %s", option.longestName()).isTrue();
        }
    }

    @Test
    void theDocumentedExampleIsAValidConfigFile() throws IOException {
        String example = documentedExample().lines().map(l -> l.startsWith("# ") && l.contains(" = ") ? l.substring(2) : l)
                .reduce("", (a, b) -> a + b + "\n");
        ServerCommand command = configured(example);
        assertThat(command.tlsPort).isEqualTo("6697");
        assertThat(command.port).isEqualTo("off");
        assertThat(command.maxPerAddress).isEqualTo(16);
        assertThat(command.ipLimitExempt).containsExactly("10.0.0.0/8");
        assertThat(command.data).isEqualTo(Path.of("/var/lib/messenger"));
        assertThat(command.limitLoopback).isFalse();
    }

    @Test
    void flagsOnTheCommandLineWinOverTheFile() throws IOException {
        ServerCommand command = configured("history = 5\ntls-port = 7000\nlimit-loopback = true\n", "--history", "7");
        assertThat(command.history).isEqualTo(7);
        assertThat(command.tlsPort).isEqualTo("7000");
        assertThat(command.limitLoopback).isTrue();
    }

    @Test
    void anUnknownKeyIsNamedWithItsLine() {
        assertThatThrownBy(() -> configured("history = 5\ntls_port = 6697\n"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("unknown key 'tls_port'")
                .hasMessageContaining("e.g. tls-port");
    }

    @Test
    void aValueOfTheWrongKindNamesTheKeyAndWhatItTakes() {
        assertThatThrownBy(() -> configured("max-per-address = \"lots\"\n"))
                .hasMessageContaining("line 1")
                .hasMessageContaining("'max-per-address' must be a whole number")
                .hasMessageContaining("max-per-address = 16");
        assertThatThrownBy(() -> configured("limit-loopback = \"yes\"\n")).hasMessageContaining("'limit-loopback' must be true or false");
    }

    @Test
    void aTomlSyntaxErrorSaysWhere() {
        assertThatThrownBy(() -> configured("port = 50000\nbind = \n")).hasMessageContaining("line 2").hasMessageContaining("TOML");
    }

    @Test
    void aBadConfigFileStopsTheServerWithExitCode2() throws IOException {
        Path file = temp.resolve("bad.toml");
        Files.writeString(file, "sendq = -\n");
        CliRun run = CliRun.of("server", "--config", file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("messenger server: " + file + " line 1");
    }

    private static String documentedExample() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "config.md"));
        Matcher block = Pattern.compile("```toml\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(block.find()).as("docs/config.md has a ```toml block").isTrue();
        return "\n" + block.group(1);
    }
}
