package org.messenger.irc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With more than one I/O thread, clients served by another thread than the one that ends a
 * presence window or runs a command get the same lines, in the same order, handed over as tasks.
 */
class IoThreadsTest extends IrcServerTestBase {

    @Test
    void joinsMessagesAndQuitsReachClientsOfTheOtherThreadInOrder() {
        start(IrcServerConfig.builder().ioThreads(2).presenceWindow(java.time.Duration.ofMillis(20)));
        List<RawIrcClient> clients = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clients.add(registered("user" + i));
        }
        RawIrcClient last = clients.get(5);
        last.send("PRIVMSG #lobby :from the last");
        for (RawIrcClient client : clients.subList(0, 5)) {
            client.expect("^:user5!~user5@127.0.0.1 PRIVMSG #lobby :from the last$");
        }
        last.close();
        for (RawIrcClient client : clients.subList(0, 5)) {
            client.expect("^:user5!~user5@127.0.0.1 QUIT :");
        }

        // Connections alternate between the two threads: every client is told every later JOIN,
        // in the order of joining, then the PRIVMSG, then the QUIT.
        for (int i = 0; i < 5; i++) {
            List<String> seen = new ArrayList<>();
            for (String line : clients.get(i).lines()) {
                if (line.contains(" JOIN #lobby") || line.contains(" PRIVMSG #lobby") || line.contains(" QUIT ")) {
                    seen.add(line.substring(1, line.indexOf('!')) + line.substring(line.indexOf(' '), line.indexOf(' ') + 5));
                }
            }
            List<String> expected = new ArrayList<>();
            for (int j = i; j < 6; j++) {
                expected.add("user" + j + " JOIN");
            }
            expected.add("user5 PRIV");
            expected.add("user5 QUIT");
            assertThat(seen).as("what user%d saw", i).containsExactlyElementsOf(expected);
        }
    }
}
