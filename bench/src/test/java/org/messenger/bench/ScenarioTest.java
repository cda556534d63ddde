package org.messenger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioTest {
    private static Scenario named(List<Scenario> all, String name) {
        return all.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void anEmulatedRowMovesAboutLinkSecondsWorthOfItsLink() {
        Scenario wan = named(Scenario.standard(256L << 20, 20), "wan100-loss0");

        // 20 s at 100 Mbit/s is 250 MB: 238 MiB, rounded down to whole MiB.
        assertThat(wan.fileBytes()).isEqualTo(238L << 20);
    }

    @Test
    void aLongRoundTripRowLastsAtLeastFiftyRoundTrips() {
        Scenario sat = named(Scenario.standard(256L << 20, 20), "sat10-loss5");

        // RTT 1 s: 50 s at 10 Mbit/s is 62.5 MB.
        assertThat(sat.roundTripNanos()).isEqualTo(1_000_000_000L);
        assertThat(sat.fileBytes()).isEqualTo(59L << 20);
    }

    @Test
    void theFileSizeCapsEveryRowAndLoopbackUsesIt() {
        List<Scenario> all = Scenario.standard(4L << 20, 20);

        assertThat(all).allMatch(s -> s.fileBytes() == 4L << 20);
    }

    @Test
    void fairnessRowsShareTheLinkTimeAmongTheirFlows() {
        Scenario fair4 = named(Scenario.standard(1L << 30, 20), "fair4");

        assertThat(fair4.flows()).isEqualTo(4);
        assertThat(fair4.fileBytes()).isEqualTo(59L << 20);
    }

    @Test
    void theMessyRowsTwoSecondBlackholeFallsHalfWayThroughItsFileAtTheLinkRate() {
        Scenario messy = named(Scenario.standard(256L << 20, 20), "messy100");

        long linkNanos = messy.fileBytes() * 8 * 1_000_000_000L / 100_000_000L;
        assertThat(messy.toReceiver().blackholeNanos()).isEqualTo(2_000_000_000L);
        assertThat(messy.toReceiver().blackholeStartNanos()).isCloseTo(linkNanos / 2, org.assertj.core.data.Offset.offset(1_000_000L));
        assertThat(messy.toSender().blackholeStartNanos()).isEqualTo(messy.toReceiver().blackholeStartNanos());
        assertThat(messy.toReceiver().seed()).isNotEqualTo(messy.toSender().seed());
    }
}
