package org.messenger.files.server;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real irssi lists the shared files with {@code /quote FILES} and reads a refusal, as a person
 * would. irssi runs under util-linux {@code script} for a pseudo-terminal (as in the irc module's
 * IrssiInteropTest); skipped when either is missing.
 */
@EnabledIf("irssiAvailable")
class IrssiFilesTest {
    private static final Duration IRSSI_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path temp;
    FileServerFixture server;
    Process irssi;

    static boolean irssiAvailable() {
        return onPath("irssi") && onPath("script");
    }

    @Test
    void irssiListsTheSharedFilesWithQuoteFiles() throws Exception {
        Path shared = Files.createDirectory(temp.resolve("shared"));
        Files.writeString(shared.resolve("hello.txt"), "hello\n");
        server = FileServerFixture.start(shared, 1, Duration.ofMinutes(1));
        Path home = Files.createDirectory(temp.resolve("irssi"));
        Files.writeString(home.resolve("config"), """
                settings = {
                  core = { user_name = "irssi"; real_name = "irssi test"; };
                  "irc/core" = { cmd_queue_speed = "0msec"; cmds_max_at_once = "1000"; };
                };
                """);
        try (RawLineClient alice = RawLineClient.registered(server.port(), "alice")) {
            String command = "irssi --home=" + home + " --connect=127.0.0.1 --port=" + server.port() + " --nick=irssibot";
            Path screen = home.resolve("terminal.out");
            ProcessBuilder builder = new ProcessBuilder("script", "-qfec", command, "/dev/null")
                    .redirectErrorStream(true)
                    .redirectOutput(screen.toFile());
            builder.environment().put("TERM", "xterm");
            builder.environment().put("COLUMNS", "160");
            builder.environment().put("LINES", "40");
            irssi = builder.start();
            OutputStream keyboard = irssi.getOutputStream();
            alice.expect("^:irssibot![^ ]+ JOIN #lobby$");

            type(keyboard, "/quote FILES");
            await().atMost(IRSSI_TIMEOUT).alias("irssi shows the listing")
                    .until(() -> read(screen).contains("End of FILES: 1 file, 6 B."));
            await().atMost(IRSSI_TIMEOUT).alias("irssi shows the file's line")
                    .until(() -> read(screen).contains("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"));

            type(keyboard, "/quote GET ../etc/passwd");
            await().atMost(IRSSI_TIMEOUT).alias("irssi shows the refusal")
                    .until(() -> read(screen).contains("only names inside the shared folder can be downloaded"));

            type(keyboard, "/quit bye");
            alice.expect("^:irssibot![^ ]+ QUIT ");
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (irssi != null && irssi.isAlive()) {
            irssi.descendants().forEach(ProcessHandle::destroy);
            irssi.destroy();
            irssi.waitFor(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
    }

    private static String read(Path screen) throws IOException {
        return Files.readString(screen, StandardCharsets.ISO_8859_1);
    }

    private static void type(OutputStream keyboard, String line) throws IOException {
        keyboard.write((line + "\r").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
