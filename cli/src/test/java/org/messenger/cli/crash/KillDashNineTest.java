package org.messenger.cli.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.chat.ChatMessage;
import org.messenger.chat.store.ChatStore;

/**
 * The data folder survives SIGKILL: the server is killed in the middle of writes, started again
 * on the same folder, and everything it acknowledged is there.
 */
class KillDashNineTest {
    static final String PASSWORD = "kill-nine-password";

    @TempDir
    Path work;

    @Test
    void everyAcknowledgedAccountSurvivesAKillDuringRegistrations() throws Exception {
        Path data = work.resolve("data");
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        try (ServerProcess server = ServerProcess.start(data, work)) {
            // Three writers keep REGISTERs in flight, so the kill lands in the middle of writes.
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int writer = w;
                writers.add(Thread.ofPlatform().daemon().start(() -> {
                    for (int i = 0; ; i++) {
                        String nick = "u" + writer + "x" + i;
                        try (Line line = new Line(server.port)) {
                            line.send("NICK " + nick);
                            line.send("REGISTER * * :" + PASSWORD);
                            line.await("REGISTER SUCCESS " + nick);
                            acknowledged.add(nick);
                        } catch (IOException e) {
                            return; // the server is gone
                        }
                    }
                }));
            }
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120)).until(() -> acknowledged.size() >= 12);
            server.kill9();
            for (Thread t : writers) {
                t.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
        List<String> toCheck = List.copyOf(acknowledged);
        assertThat(toCheck).hasSizeGreaterThanOrEqualTo(12);
        try (ServerProcess again = ServerProcess.start(data, work)) {
            for (String nick : toCheck) {
                try (Line line = new Line(again.port)) {
                    line.send("AUTHENTICATE PLAIN");
                    line.await("AUTHENTICATE +");
                    line.send("AUTHENTICATE " + Base64.getEncoder().encodeToString(
                            (nick + "\0" + nick + "\0" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
                    assertThat(line.await(" 90")).as("login of acknowledged account " + nick).contains(" 900 ");
                }
            }
        }
    }

    @Test
    void aMessageTheSenderSawEchoedIsInTheHistoryAfterAKill() throws Exception {
        Path data = work.resolve("data");
        List<String> echoed = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(data, work)) {
            try (Line alice = new Line(server.port)) {
                alice.send("CAP REQ :echo-message");
                alice.send("NICK alice");
                alice.send("USER alice 0 * :Alice");
                alice.send("CAP END");
                alice.await(" 366 alice #lobby ");
                for (int i = 1; i <= 5; i++) {
                    alice.send("PRIVMSG #lobby :saved " + i);
                    alice.await("PRIVMSG #lobby :saved " + i);
                    echoed.add("saved " + i);
                }
                server.kill9(); // right after the last echo
            }
        }
        // Starting again on the folder recovers the write-ahead log, as the next run of the server does.
        ServerProcess.start(data, work).close();
        try (ChatStore store = ChatStore.open(data)) {
            List<ChatMessage> lobby = store.history(100).latest("#lobby", 100).get();
            assertThat(lobby).extracting(ChatMessage::text).containsSubsequence(echoed);
            assertThat(lobby).extracting(m -> m.from().nick()).containsOnly("alice");
        }
    }
}
