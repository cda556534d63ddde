package org.messenger.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;

/** The live progress lines on a terminal that has a status area, and the fallback on one that has not. */
class StatusBarProgressTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** DECSTBM, "set scrolling region": how JLine keeps the bottom rows for the status. */
    private static final String SCROLL_REGION = "\u001b[1;";

    @Test
    void drawsEachDownloadsLineBelowThePromptAndTakesItAwayWhenItEnds() throws Exception {
        PipedInputStream keys = new PipedInputStream();
        OutputStream keyboard = new PipedOutputStream(keys);
        SyncedBytes screen = new SyncedBytes();
        try (Terminal terminal = new ExternalTerminal("test", "xterm-256color", keys, screen, StandardCharsets.UTF_8)) {
            terminal.setSize(new Size(80, 24));
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
            ProgressLines progress = StatusBarProgress.on(reader);
            assertThat(progress.live()).isTrue();
            CompletableFuture<String> typed = CompletableFuture.supplyAsync(() -> reader.readLine("alice> "));
            await().atMost(WAIT).until(() -> screen.text().contains("alice> "));

            progress.update(1, "#3 big.iso:  42% [########>           ] 43.0 MiB / 102 MiB  8.40 MiB/s  ETA 0:07");
            progress.update(2, "#4 notes.txt:  10% [##>                 ] 150 B / 1.50 KiB  --/s  ETA --:--");

            await().atMost(WAIT).until(() -> screen.text().contains("ETA 0:07") && screen.text().contains("notes.txt"));
            assertThat(screen.text()).contains(SCROLL_REGION);
            screen.clear();
            progress.remove(1);
            progress.remove(2);
            await().atMost(WAIT).until(() -> screen.text().contains(SCROLL_REGION));

            keyboard.write("hi\r".getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            assertThat(typed.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("hi");
            // Between two prompts an update is kept, not drawn over whatever prints then.
            progress.update(1, "late line");
            ((StatusBarProgress) progress).close();
        }
    }

    @Test
    void aDumbTerminalGetsNoStatusBar() throws IOException {
        try (Terminal terminal = new DumbTerminal("test", Terminal.TYPE_DUMB, new PipedInputStream(),
                new ByteArrayOutputStream(), StandardCharsets.UTF_8)) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();

            assertThat(StatusBarProgress.on(reader)).isSameAs(ProgressLines.NONE);
        }
    }

    /** The terminal writes from its own threads; the test reads from another. */
    private static final class SyncedBytes extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        synchronized void clear() {
            bytes.reset();
        }
    }
}
