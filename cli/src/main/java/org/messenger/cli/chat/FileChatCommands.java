package org.messenger.cli.chat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.messenger.client.ChatClient;
import org.messenger.files.client.AlreadyDownloadingException;
import org.messenger.files.client.ClientDownload;
import org.messenger.files.client.DownloadListener;
import org.messenger.files.client.FileClient;
import org.messenger.files.progress.ByteUnits;
import org.messenger.transport.netem.NetemSpec;

/**
 * The file commands of the chat: {@code /files}, {@code /get NAME}, {@code /pause ID},
 * {@code /resume ID}, {@code /cancel ID}, {@code /downloads}. Downloads run in the background.
 * Their progress is a live line each (percent, bytes, rate, ETA) in the terminal's status area
 * when it has one, else a line above the prompt at each quarter, so the chat stays readable; the
 * server's completion line is printed when they end.
 */
public final class FileChatCommands implements AutoCloseable {
    public static final List<String> COMMANDS = List.of("/files", "/get", "/pause", "/resume", "/cancel", "/downloads");

    private final ChatClient chat;
    private final Consumer<String> screen;
    private final EventFormatter formatter;
    private final Clock clock;
    private final Path outDir;
    private final ProgressLines progress;
    private final NetemSpec netem;
    private final Map<Long, Running> running = new ConcurrentHashMap<>();
    private final AtomicLong nextKey = new AtomicLong(1);
    private FileClient files;

    /** A download that started sending, with its live line. */
    private record Running(ClientDownload download, LiveProgressLine line) {}

    public FileChatCommands(ChatClient chat, Consumer<String> screen, EventFormatter formatter, Clock clock, Path outDir) {
        this(chat, screen, formatter, clock, outDir, ProgressLines.NONE, null);
    }

    /**
     * @param progress where live progress lines go ({@link ProgressLines#NONE}: quarters above the prompt)
     * @param netem    impairment of the downloads' UDP egress ({@code --netem}), or null
     */
    public FileChatCommands(ChatClient chat, Consumer<String> screen, EventFormatter formatter, Clock clock, Path outDir,
            ProgressLines progress, NetemSpec netem) {
        this.chat = chat;
        this.screen = screen;
        this.formatter = formatter;
        this.clock = clock;
        this.outDir = outDir;
        this.progress = progress;
        this.netem = netem;
    }

    /** Runs {@code line} when it is a file command; returns false to leave it to the chat. */
    public boolean tryRun(String line) {
        String trimmed = line == null ? "" : line.strip();
        int space = trimmed.indexOf(' ');
        String command = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
        String rest = space < 0 ? "" : trimmed.substring(space + 1).strip();
        switch (command) {
            case "/files" -> list();
            case "/downloads" -> downloads();
            case "/get" -> {
                if (rest.isEmpty()) {
                    show("Usage: /get <name> (/files lists the names)");
                } else {
                    get(rest);
                }
            }
            case "/pause", "/resume", "/cancel" -> control(command, rest);
            default -> {
                return false;
            }
        }
        return true;
    }

    private synchronized FileClient files() {
        if (files == null) {
            files = new FileClient(chat, FileClient.downloadConfig(chat.config().server().host()), netem);
        }
        return files;
    }

    private void list() {
        files().list().whenComplete((entries, error) -> {
            if (error != null) {
                show("! " + cause(error).getMessage());
                return;
            }
            if (entries.isEmpty()) {
                show("The server shares no files.");
            }
            entries.forEach(f -> show(String.format(Locale.ROOT, "  %-32s %10s  sha256 %s…", f.name(),
                    ByteUnits.format(f.sizeBytes()), f.sha256().hex().substring(0, 12))));
        });
    }

    private void downloads() {
        files().downloads().whenComplete((entries, error) -> {
            if (error != null) {
                show("! " + cause(error).getMessage());
                return;
            }
            if (entries.isEmpty()) {
                show("No downloads yet. /get <name> starts one.");
            }
            entries.forEach(d -> show(String.format(Locale.ROOT, "  #%d %s: %s, %s of %s", d.id(), d.name(), d.state().word(),
                    ByteUnits.format(d.sentBytes()), ByteUnits.format(d.requestedBytes()))));
        });
    }

    private void get(String name) {
        long key = nextKey.getAndIncrement();
        LiveProgressLine live = new LiveProgressLine();
        ClientDownload[] self = new ClientDownload[1];
        ClientDownload download;
        try {
            download = start(name, key, live, self);
        } catch (AlreadyDownloadingException e) {
            long id = e.running().id();
            // /pause and friends reach a download once bytes flow; before that it waits for the server.
            show("! " + name + ": already downloading into " + e.running().target().toAbsolutePath().normalize()
                    + (running.containsKey(id)
                            ? " (#" + id + "). /pause " + id + ", /resume " + id + " or /cancel " + id + " it, or wait until it finishes."
                            : "; it is waiting for the server (its checksum or a free port). Wait for it to start, then"
                                    + " /pause, /resume or /cancel it."));
            return;
        }
        self[0] = download;
        show("Getting " + name + " into " + download.target().toAbsolutePath().normalize() + " ...");
        download.result().whenComplete((result, error) -> {
            running.values().removeIf(r -> r.download() == download);
            progress.remove(key);
            if (error != null) {
                show("! " + label(download, name) + cause(error).getMessage());
                return;
            }
            result.completionLine().ifPresent(this::show);
            show(label(download, name) + "done, SHA-256 verified. Saved to " + result.file());
        });
    }

    private ClientDownload start(String name, long key, LiveProgressLine live, ClientDownload[] self) {
        return files().download(name, outDir, new DownloadListener() {
            private int lastQuarter = -1;
            private boolean started;

            @Override
            public void onNotice(String text) {
                show(label(self[0], name) + text);
            }

            @Override
            public synchronized void onProgress(long doneBytes, long totalBytes, long resumedBytes) {
                if (!started) {
                    started = true;
                    ClientDownload d = self[0];
                    if (d != null && d.id() != 0) {
                        running.put(d.id(), new Running(d, live));
                        show(label(d, name) + "started; /pause " + d.id() + ", /cancel " + d.id());
                    }
                }
                if (progress.live()) {
                    String line = live.next(doneBytes, totalBytes, System.nanoTime());
                    if (line != null) {
                        progress.update(key, label(self[0], name) + line);
                    }
                    return;
                }
                int quarter = totalBytes == 0 ? 4 : (int) (doneBytes * 4 / totalBytes);
                if (quarter > lastQuarter && quarter < 4) {
                    lastQuarter = quarter;
                    show(label(self[0], name) + live.line(doneBytes, totalBytes, System.nanoTime()));
                }
            }
        });
    }

    private void control(String command, String idText) {
        long id;
        try {
            id = Long.parseLong(idText.startsWith("#") ? idText.substring(1) : idText);
        } catch (NumberFormatException e) {
            show("Usage: " + command + " <id> (/downloads lists them)");
            return;
        }
        Running r = running.get(id);
        if (r == null) {
            show("No running download #" + id + " here. /downloads lists yours.");
            return;
        }
        switch (command) {
            case "/pause" -> {
                r.line().setPaused(true);
                r.download().pause();
            }
            case "/resume" -> {
                r.line().setPaused(false);
                r.download().resume();
            }
            default -> r.download().cancel();
        }
    }

    private static String label(ClientDownload d, String name) {
        long id = d == null ? 0 : d.id();
        return (id == 0 ? "" : "#" + id + " ") + name + ": ";
    }

    private static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private void show(String text) {
        screen.accept(formatter.stamp(clock.instant(), text));
    }

    /** Stops running downloads; what arrived stays on disk for a later /get or 'messenger get'. */
    @Override
    public synchronized void close() {
        if (files != null) {
            files.close();
        }
    }
}
