package org.messenger.files.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messenger.files.catalogue.FileCatalogue;
import org.messenger.files.download.DownloadState;
import org.messenger.files.ports.PortRange;
import org.messenger.files.protocol.FileCommand;
import org.messenger.files.protocol.FileCommandException;
import org.messenger.files.protocol.FileReply;
import org.messenger.irc.codec.Numeric;
import org.messenger.testkit.ManualClock;

/**
 * The file server's control loop driven by hand: commands queue up, {@link DownloadControl#poll}
 * applies them at a time the test chooses, files are opened on the test's thread and the transport
 * is played by {@link FakePorts}.
 */
class DownloadControlTest {
    private static final int PORT = 40300;
    private static final Duration OFFER_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path shared;
    final ManualClock clock = new ManualClock(1_000_000_000L);
    final FakePorts ports = new FakePorts();
    final FakeIrcClient alice = new FakeIrcClient("alice");
    final FakeIrcClient bob = new FakeIrcClient("bob");
    DownloadControl control;

    @BeforeEach
    void setUp() throws Exception {
        for (String name : List.of("a.txt", "b.txt", "c.txt", "d.txt", "e.txt")) {
            Files.writeString(shared.resolve(name), "content of " + name + "\n");
        }
        FileServiceConfig config = FileServiceConfig.defaults().withPorts(new PortRange(PORT, PORT)).withOfferTimeout(OFFER_TIMEOUT);
        control = new DownloadControl(new FileCatalogue(shared), config, ports, clock::nanoTime, Runnable::run);
        control.clientRegistered(alice);
        control.clientRegistered(bob);
        poll();
    }

    private static FileCommand parse(String verb, String param) {
        try {
            return FileCommand.parse(verb, List.of(param));
        } catch (FileCommandException e) {
            throw new AssertionError(e);
        }
    }

    private long poll() {
        return control.poll(clock.nanoTime());
    }

    private void get(FakeIrcClient client, String name) {
        control.command(client, parse("GET", name));
        poll();
    }

    @Test
    void anOfferNobodyStartsIsWithdrawnWith790WhenTheOfferTimeoutRunsOut() {
        get(alice, "a.txt");
        assertThat(alice.sent(Numeric.RPL_GETREADY)).hasSize(1);

        clock.advance(OFFER_TIMEOUT.minusNanos(1));
        poll();
        assertThat(alice.sent(Numeric.RPL_DOWNLOADFAILED)).isEmpty();

        clock.advanceNanos(1);
        poll();
        List<List<String>> failed = alice.sent(Numeric.RPL_DOWNLOADFAILED);
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get(1)).isEqualTo("1");
        assertThat(failed.get(0).get(failed.get(0).size() - 1))
                .isEqualTo("Download 1 of a.txt failed: no handshake in time (the client did not start the UDP transfer within 30 s)."
                        + " GET it again to retry.");
        assertThat(control.download(1).orElseThrow().state()).isEqualTo(DownloadState.FAILED);
    }

    @Test
    void pollAsksToBeWokenWhenTheOfferRunsOut() {
        long offeredAt = clock.nanoTime();
        get(alice, "a.txt");

        assertThat(poll()).isEqualTo(offeredAt + OFFER_TIMEOUT.toNanos());
    }

    @Test
    void aWithdrawnOfferHoldsNoFileNoTransferAndNoPort() {
        get(alice, "a.txt");
        FakePorts.Offer offer = ports.last();
        assertThat(control.openFiles()).isEqualTo(1);

        clock.advance(OFFER_TIMEOUT);
        poll();

        assertThat(offer.cancelled).as("the transport's transfer (and its sent-packet ring) is cancelled").isTrue();
        assertThat(offer.source.isOpen()).as("the file handle is closed").isFalse();
        assertThat(control.openFiles()).isZero();
        assertThat(control.ports().free()).containsExactly(PORT);
        assertThat(ports.closed).containsExactly(PORT);
    }

    @Test
    void theWithdrawnOffersPortServesTheNextClient() {
        get(alice, "a.txt");
        get(bob, "b.txt");
        assertThat(bob.sent(Numeric.RPL_GETQUEUED)).hasSize(1);

        clock.advance(OFFER_TIMEOUT);
        poll();

        List<List<String>> ready = bob.sent(Numeric.RPL_GETREADY);
        assertThat(ready).hasSize(1);
        assertThat(ready.get(0).get(2)).isEqualTo(Integer.toString(PORT));
        assertThat(ports.last().ticket).isNotEqualTo(ports.offers.get(0).ticket);
    }

    @Test
    void anOfferStartedInTimeIsNotWithdrawn() {
        get(alice, "a.txt");
        FakePorts.Offer offer = ports.last();
        clock.advance(OFFER_TIMEOUT.minusSeconds(1));
        offer.listener.onStarted(offer.done());
        poll();

        clock.advance(OFFER_TIMEOUT.multipliedBy(2));
        assertThat(poll()).isEqualTo(Long.MAX_VALUE);

        assertThat(alice.sent(Numeric.RPL_DOWNLOADFAILED)).isEmpty();
        assertThat(offer.cancelled).isFalse();
        assertThat(control.download(1).orElseThrow().state()).isEqualTo(DownloadState.TRANSFERRING);
    }

    @Test
    void theFifthGetOfOneClientIsRefusedWith798() {
        for (String name : List.of("a.txt", "b.txt", "c.txt", "d.txt")) {
            get(alice, name);
        }
        get(alice, "e.txt");

        assertThat(alice.sent(Numeric.RPL_GETREADY)).hasSize(4);
        List<List<String>> refused = alice.sent(Numeric.ERR_TOOMANYDOWNLOADS);
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0).subList(1, 3)).containsExactly("e.txt", "4");
        assertThat(refused.get(0).get(3)).startsWith("Not downloading e.txt: you already have 4 downloads waiting or running");
        assertThat(ports.offers).hasSize(4);
        assertThat(control.openFiles()).isEqualTo(4);
    }

    @Test
    void aClientBelowTheLimitAgainMayGetOnceADownloadEnded() {
        for (String name : List.of("a.txt", "b.txt", "c.txt", "d.txt")) {
            get(alice, name);
        }
        control.command(alice, parse("CANCEL", "2"));
        poll();

        get(alice, "e.txt");

        assertThat(alice.sent(Numeric.ERR_TOOMANYDOWNLOADS)).isEmpty();
        assertThat(alice.sent(Numeric.RPL_GETREADY)).hasSize(5);
    }

    @Test
    void theLimitIsPerClient() {
        for (String name : List.of("a.txt", "b.txt", "c.txt", "d.txt")) {
            get(alice, name);
        }
        get(bob, "e.txt");

        assertThat(bob.sent(Numeric.ERR_TOOMANYDOWNLOADS)).isEmpty();
        assertThat(bob.sent(Numeric.RPL_GETQUEUED)).hasSize(1);
    }

    @Test
    void aClientThatLeavesGivesBackItsFilesAndPortAtOnce() {
        get(alice, "a.txt");
        get(alice, "b.txt");
        FakePorts.Offer first = ports.offers.get(0);

        control.clientDisconnected(alice, "quit");
        poll();

        assertThat(first.cancelled).isTrue();
        assertThat(first.source.isOpen()).isFalse();
        assertThat(control.openFiles()).isZero();
        assertThat(control.ports().free()).containsExactly(PORT);
    }

    @Test
    void aCompletedDownloadReportsTheLastByteItSent() {
        get(alice, "a.txt");
        FakePorts.Offer offer = ports.last();
        offer.listener.onStarted(offer.done());
        offer.readAll();
        offer.listener.onComplete(offer.done());
        poll();

        List<List<String>> done = alice.sent(Numeric.RPL_DOWNLOADDONE);
        assertThat(done).hasSize(1);
        assertThat(done.get(0).get(2)).isEqualTo("10");
        assertThat(offer.source.isOpen()).isFalse();
    }
}
