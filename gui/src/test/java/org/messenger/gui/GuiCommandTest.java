package org.messenger.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Only option checks: each case is refused before a window could open. */
class GuiCommandTest {
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new GuiCommand());
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void rejectsAnUnknownTheme() {
        assertThat(run("--theme", "purple")).isEqualTo(2);
        assertThat(err.toString()).contains("--theme is light, dark or auto, not 'purple'");
    }

    @Test
    void rejectsABadServerAddress() {
        assertThat(run("--server", "localhost:http")).isEqualTo(2);
        assertThat(err.toString()).contains("'http' in 'localhost:http' is not a port number");
    }

    @Test
    void connectNeedsANick() {
        assertThat(run("--connect")).isEqualTo(2);
        assertThat(err.toString()).contains("--connect needs --nick");
    }
}
