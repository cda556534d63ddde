package org.messenger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code messenger chat}'s options, checked before anything connects. */
class ChatCommandTest {

    @Test
    void helpListsNetemForDownloads() {
        CliRun run = CliRun.of("chat", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--netem", "/get");
    }

    @Test
    void aBadNetemSpecIsRefusedBeforeConnecting() {
        // Port 1 on loopback: had the spec been accepted, the command would try to connect and fail with 1.
        CliRun run = CliRun.of("chat", "--server", "127.0.0.1:1", "--netem", "loss=lots");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("messenger chat: ").contains("loss");
    }
}
