package org.messenger.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.Callable;
import org.messenger.client.ChatClient;
import org.messenger.client.ChatClientException;
import org.messenger.files.client.ClientDownload;
import org.messenger.files.client.DownloadListener;
import org.messenger.files.client.DownloadResult;
import org.messenger.files.client.FileClient;
import org.messenger.files.progress.ProgressBar;
import org.messenger.transport.netem.NetemSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code messenger get NAME}: downloads one shared file with a progress bar, resuming what is already on disk. */
@Command(
        name = "get",
        mixinStandardHelpOptions = true,
        description = {
            "Downloads a file the server shares, with a progress bar; /files in the chat lists them.",
            "The file arrives as NAME.part and is renamed once its SHA-256 matches the server's.",
            "Interrupted (Ctrl-C, lost connection, server restart)? Run the same command again: it continues",
            "from what is on disk."
        })
final class GetCommand implements Callable<Integer> {
    /** Redraw at most this often: a terminal cannot show more, and a slow one would fall behind. */
    private static final long REDRAW_NANOS = 100_000_000L;

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions options;

    @Parameters(paramLabel = "NAME", description = "The shared file's name, as the server lists it.")
    String name;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = ".",
            description = "Folder to save into (default: the current folder).")
    Path out;

    @Option(names = "--netem", paramLabel = "SPEC",
            description = "Impair this client's UDP egress, e.g. \"loss=2%%,delay=15ms\" (docs/netem.md).")
    String netem;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        NetemSpec impairment;
        ChatClient chat;
        try {
            impairment = netem == null || netem.isBlank() ? null : NetemSpec.parse(netem);
            chat = new ChatClient(options.configWithNickOrGenerated());
        } catch (IllegalArgumentException e) {
            err.println("messenger get: " + e.getMessage());
            return 2;
        }
        try {
            chat.connect();
        } catch (ChatClientException e) {
            err.println("messenger get: " + ClientErrors.describe(e));
            return 1;
        }
        FileClient files = new FileClient(chat, FileClient.downloadConfig(options.address().host()), impairment);
        Thread onCtrlC = new Thread(() -> {
            // Ctrl-C: keep what arrived and its record, so the same command continues later.
            files.close();
            chat.disconnect("interrupted");
        }, "messenger-get-interrupt");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        ProgressLine progress = new ProgressLine(stdout);
        try {
            ClientDownload download = files.download(name, out, progress);
            DownloadResult result = download.result().get();
            progress.finish(result.sizeBytes());
            result.completionLine().ifPresent(stdout::println);
            stdout.printf("SHA-256 verified (%s). Saved to %s%n", result.sha256(), result.file());
            stdout.flush();
            return 0;
        } catch (ExecutionException e) {
            progress.endLine();
            err.println("messenger get: " + e.getCause().getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C already runs the hook, which closes everything itself.
            }
            files.close();
            chat.disconnect("done");
        }
    }

    /**
     * Draws the progress bar on one line, redrawn in place; notices go on lines of their own. The
     * rate is measured from the first progress report, with the bytes on disk then as its base:
     * before it the server may be hashing a large file for seconds, which is not transfer time.
     */
    static final class ProgressLine implements DownloadListener {
        private final PrintWriter out;
        private final ProgressBar bar = new ProgressBar();
        private final AtomicLong lastDraw = new AtomicLong(Long.MIN_VALUE / 2);
        private long startNanos = System.nanoTime();
        private long base = -1;
        private long total;
        private boolean drawn;
        private int drawnWidth;

        ProgressLine(PrintWriter out) {
            this.out = out;
        }

        @Override
        public synchronized void onNotice(String text) {
            if (drawn) {
                out.println();
                drawn = false;
                drawnWidth = 0;
            }
            out.println(text);
            out.flush();
        }

        @Override
        public synchronized void onProgress(long doneBytes, long totalBytes, long resumedBytes) {
            long now = System.nanoTime();
            if (base < 0) {
                base = doneBytes;
                startNanos = now;
            }
            if (now - lastDraw.get() < REDRAW_NANOS) {
                return;
            }
            lastDraw.set(now);
            total = totalBytes;
            redraw(bar.render(doneBytes, totalBytes, Math.min(base, doneBytes), now - startNanos));
            out.flush();
            drawn = true;
        }

        /** Overwrites the line in place; a shorter line blanks what the longer one left behind. */
        void redraw(String line) {
            out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
            drawnWidth = line.length();
        }

        /** Leaves the progress line so that a message after it starts on its own line. */
        synchronized void endLine() {
            if (drawn) {
                out.println();
                out.flush();
                drawn = false;
                drawnWidth = 0;
            }
        }

        synchronized void finish(long sizeBytes) {
            long totalBytes = total > 0 ? total : sizeBytes;
            redraw(bar.render(totalBytes, totalBytes, Math.max(base, 0), System.nanoTime() - startNanos));
            out.println();
            out.flush();
        }
    }
}
