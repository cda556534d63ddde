package org.messenger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code messenger chat}'s options, checked before anything connects. */
class ChatCommandTest {

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsNetemForDownloads() {
        Run run = run("chat", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--netem", "/get");
    }

    @Test
    void aBadNetemSpecIsRefusedBeforeConnecting() {
        // Port 1 on loopback: had the spec been accepted, the command would try to connect and fail with 1.
        Run run = run("chat", "--server", "127.0.0.1:1", "--netem", "loss=lots");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("messenger chat: ").contains("loss");
    }
}
