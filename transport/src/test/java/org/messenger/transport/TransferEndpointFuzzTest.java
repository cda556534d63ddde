package org.messenger.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
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
 *   <li>the sender completes only once a CLOSE(done) has reached it.
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
     * never on ACKs alone (issue 14 item 3: an optimistic ACK, {@code optimistic-acks} in this
     * method's corpus, must not make it report a download the receiver never got).
     */
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
     * The invariants of {@link #sender} over hand-written attacks on bugs issue 14 fixed. Its corpus
     * holds {@code hello-max-ack-delay-overflow}: a HELLO with max_ack_delay = 2^63/1000 us (sealed
     * with the ticket's handshake key, from the attacker's address), then a HELLO_DONE proving that
     * address; before the fix the delay overflowed into a PTO deadline in the past and the sender
     * spun (millions of wake-ups in one virtual second).
     */
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
