package org.messenger.files.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.files.catalogue.FileCatalogue;
import org.messenger.files.ports.PortRange;
import org.messenger.irc.codec.IrcMessage;
import org.messenger.irc.codec.Numeric;
import org.messenger.irc.server.IrcExtension;
import org.messenger.transport.time.TimeSource;

/**
 * The completion line's "Last byte is" names the last byte the server actually sent, read from the
 * handle it sent from, whatever happens to the file on disk meanwhile (issue 12).
 */
class LastByteSentTest {
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @TempDir
    Path shared;
    final FakePorts ports = new FakePorts();
    final FakeIrcClient alice = new FakeIrcClient("alice");
    final Map<String, IrcExtension.Handler> handlers = new HashMap<>();
    FileService service;
    byte[] content;

    @BeforeEach
    void setUp() throws Exception {
        content = new byte[100_000];
        Arrays.fill(content, (byte) 'a');
        content[content.length - 1] = 'Z';
        Files.write(shared.resolve("big.bin"), content);
        service = new FileService(new FileCatalogue(shared), FileServiceConfig.defaults().withPorts(new PortRange(40100, 40101)),
                ports, TimeSource.system());
        service.registerCommands((name, min, beforeRegistration, handler) -> handlers.put(name, handler));
        service.clientRegistered(alice);
    }

    @AfterEach
    void tearDown() {
        service.close();
    }

    private FakePorts.Offer get(String name) {
        handlers.get("GET").handle(alice, IrcMessage.of("GET", name));
        await().atMost(TEN_SECONDS).until(() -> !ports.offers.isEmpty());
        return ports.last();
    }

    private List<String> completionLine() {
        await().atMost(TEN_SECONDS).until(() -> !alice.sent(Numeric.RPL_DOWNLOADDONE).isEmpty());
        return alice.sent(Numeric.RPL_DOWNLOADDONE).get(0);
    }

    @Test
    void aFileDeletedMidTransferReportsTheLastByteThatWasSent() throws Exception {
        FakePorts.Offer offer = get("big.bin");
        offer.listener.onStarted(offer.done());
        byte[] sent = offer.readAll();
        Files.delete(shared.resolve("big.bin"));
        offer.listener.onComplete(offer.done());

        assertThat(sent).isEqualTo(content);
        List<String> done = completionLine();
        assertThat(done.get(2)).isEqualTo(Integer.toString('Z'));
        assertThat(done.get(done.size() - 1)).endsWith("Last byte is: 90 ('Z')");
    }

    @Test
    void aFileGrownMidTransferReportsTheLastByteThatWasSentNotTheNewOne() throws Exception {
        FakePorts.Offer offer = get("big.bin");
        offer.listener.onStarted(offer.done());
        byte[] sent = offer.readAll();
        Files.write(shared.resolve("big.bin"), "more!".getBytes(), StandardOpenOption.APPEND);
        offer.listener.onComplete(offer.done());

        assertThat(sent).isEqualTo(content);
        assertThat(completionLine().get(2)).isEqualTo(Integer.toString('Z'));
    }
}
