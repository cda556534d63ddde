package org.messenger.irc.server;

import org.messenger.irc.codec.Numeric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A tiny stand-in for the file service: commands in the shared table, replies, and the disconnect hook. */
class ExtensionTest extends IrcServerTestBase {

    static final class FakeFilesExtension implements IrcExtension {
        final List<String> registered = new CopyOnWriteArrayList<>();
        final List<String> disconnected = new CopyOnWriteArrayList<>();

        @Override
        public void registerCommands(CommandRegistry commands) {
            commands.register("FILES", 0, false, (client, message) -> {
                client.sendNumeric("750", "report.pdf", "1024", "file available");
                client.sendNotice("files for " + client.nick() + " at " + client.remoteAddress().getAddress().getHostAddress());
            });
            commands.register("GET", 1, false, (client, message) ->
                    client.sendNumeric(Numeric.ERR_NOSUCHNICK, message.param(0)));
            commands.register("FILESHELP", 0, true, (client, message) -> client.sendNotice("help for " + client.nick()));
            commands.register("BROKEN", 0, false, (client, message) -> {
                throw new IllegalStateException("bug in extension");
            });
        }

        @Override
        public void clientRegistered(IrcClient client) {
            registered.add(client.nick());
        }

        @Override
        public void clientDisconnected(IrcClient client, String reason) {
            disconnected.add(client.nick() + "@" + client.remoteAddress().getAddress().getHostAddress() + " " + reason);
        }
    }

    private final FakeFilesExtension files = new FakeFilesExtension();

    private void startWithExtension() {
        start(IrcServerConfig.builder().extension(files));
    }

    @Test
    void extensionCommandRunsAndCanReplyWithNumericsAndNotices() {
        startWithExtension();
        RawIrcClient alice = registered("alice");
        alice.send("files");
        alice.expect("^:test.server 750 alice report.pdf 1024 :file available$");
        alice.expect("^:test.server NOTICE alice :files for alice at 127.0.0.1$");
    }

    @Test
    void extensionCommandsGetTheSharedChecks() {
        startWithExtension();
        RawIrcClient early = connect();
        early.send("FILES");
        early.expect(" 451 \\* :You have not registered");
        early.send("FILESHELP");
        early.expect("NOTICE \\* :help for \\*");
        RawIrcClient alice = registered("alice");
        alice.send("GET");
        alice.expect(" 461 alice GET :Not enough parameters");
        alice.send("GET ghost");
        alice.expect(" 401 alice ghost :No such nick/channel");
    }

    @Test
    void extensionIsToldOfRegistrationAndDisconnectWithNickAndAddress() {
        startWithExtension();
        RawIrcClient alice = registered("alice");
        assertThat(files.registered).containsExactly("alice");
        alice.send("QUIT :done");
        alice.awaitClosed();
        await().atMost(RawIrcClient.TIMEOUT).until(() -> !files.disconnected.isEmpty());
        assertThat(files.disconnected).containsExactly("alice@127.0.0.1 Quit: done");
    }

    @Test
    void aFailingExtensionHandlerGets400AndTheClientCarriesOn() {
        startWithExtension();
        RawIrcClient alice = registered("alice");
        alice.send("BROKEN");
        alice.expect(" 400 alice BROKEN :Internal error");
        alice.send("PING :ok");
        alice.expect("PONG test.server :ok");
    }

    @Test
    void extensionCannotTakeABuiltInCommand() {
        IrcExtension thief = commands -> commands.register("PRIVMSG", 0, false, (c, m) -> { });
        assertThatThrownBy(() -> start(IrcServerConfig.builder().extension(thief)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PRIVMSG");
    }
}
