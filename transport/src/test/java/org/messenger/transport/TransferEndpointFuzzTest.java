package org.messenger.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Disabled;
import org.messenger.transport.sim.SimulatedNetwork;

/**
 * A sender and a receiver endpoint in a real download, fed datagrams from the fuzz input (see
 * {@link EndpointFuzzHarness} for the input format). Invariants after every input:
 * <ul>
 *   <li>nothing is thrown out of an endpoint;
 *   <li>no spin: at most {@link #MAX_WAKEUPS_PER_SECOND} polls and
 *       {@link #MAX_DATAGRAMS_PER_SECOND} datagrams sent per endpoint and virtual second, and the
 *       run ends in virtual time without hitting the step limit;
 *   <li>the sender sends at most 3x what it received to an address that has not proved itself
 *       with a HELLO_DONE (RFC 9000 §8.1);
 *   <li>the sender completes only once a CLOSE(done) has reached it (disabled until issue 14 item 3 is merged).
 * </ul>
 * Corpus: {@code TransferEndpointFuzzTestInputs/<method>/}, seeded from the datagrams of a real
 * simulated download ({@link EndpointCorpusSeeds}); docs/fuzzing.md.
 */
class TransferEndpointFuzzTest {
    /** A 20 kB download needs a few hundred; a spinning endpoint makes millions. */
    static final long MAX_WAKEUPS_PER_SECOND = 20_000;
    static final long MAX_DATAGRAMS_PER_SECOND = 20_000;

    /** Datagrams to the sender, as from the receiver or from an attacker. */
    @FuzzTest(maxDuration = "30s")
    void sender(byte[] input) {
        EndpointFuzzHarness h = new EndpointFuzzHarness();
        h.run(input, 0);
        checkNoSpin(h);
        checkAmplification(h);
    }

    /** Datagrams to the receiver, as from the sender or from an attacker. */
    @FuzzTest(maxDuration = "30s")
    void receiver(byte[] input) {
        EndpointFuzzHarness h = new EndpointFuzzHarness();
        h.run(input, 1);
        checkNoSpin(h);
        checkAmplification(h);
    }

    /**
     * Datagrams to either side; the sender reports success only once a CLOSE(done) reached it,
     * never on ACKs alone. Today it completes as soon as every byte is acknowledged, so an
     * optimistic ACK (issue 14 item 3; {@code optimistic-acks} in this method's corpus) makes it
     * report a download the receiver never got.
     */
    @Disabled("issue 14 item 3 (optimistic ACK, completion on ACKs alone): fixed on h-harden; re-enable after merging it")
    @FuzzTest(maxDuration = "30s")
    void senderCompletesOnlyAfterTheReceiversDone(byte[] input) {
        EndpointFuzzHarness h = new EndpointFuzzHarness();
        h.run(input, -1);
        if (h.doneHadReachedSenderAtCompletion != null) {
            assertThat(h.doneHadReachedSenderAtCompletion)
                    .as("sender completed before the receiver's DONE reached it: %s", h.describe()).isTrue();
        }
    }

    /**
     * The invariants of {@link #sender} over inputs that break them on today's code through bugs
     * already being fixed elsewhere, kept so that the fix is checked here too. Its corpus holds
     * {@code hello-max-ack-delay-overflow}: an on-path attacker replays the receiver's HELLO from its
     * own address with max_ack_delay = 2^63/1000 us, then proves the address; the delay overflows
     * into a PTO deadline in the past and the sender spins (millions of wake-ups in one virtual
     * second).
     */
    @Disabled("issue 14 item 1 (max_ack_delay overflow -> spin) and item 4 (HELLO hijack): fixed on h-harden / h-crypto;"
            + " re-enable after merging them")
    @FuzzTest(maxDuration = "30s")
    void knownAttacks(byte[] input) {
        sender(input);
    }

    private static void checkNoSpin(EndpointFuzzHarness h) {
        assertThat(h.lastRun.outcome()).as("run ended by itself: %s", h.describe())
                .isNotEqualTo(SimulatedNetwork.Outcome.STEP_LIMIT);
        assertThat(h.maxWakeupsPerSecond()).as("wake-ups per virtual second: %s", h.describe())
                .isLessThanOrEqualTo(MAX_WAKEUPS_PER_SECOND);
        assertThat(h.maxDatagramsPerSecond()).as("datagrams per virtual second: %s", h.describe())
                .isLessThanOrEqualTo(MAX_DATAGRAMS_PER_SECOND);
    }

    private static void checkAmplification(EndpointFuzzHarness h) {
        assertThat(h.amplificationViolations).as("anti-amplification: %s", h.describe()).isEmpty();
    }
}
