package org.messenger.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JitSettlingTest {

    @Test
    void warmUpGoesOnWhileEitherCompilerIsBusy() {
        JitSettling settling = JitSettling.within(Duration.ofSeconds(60));
        assertThat(settling.wantsAnotherSlice()).isTrue();
        settling.sliceDone(900, 10);
        assertThat(settling.wantsAnotherSlice()).isTrue();
        settling.sliceDone(10, 400);
        assertThat(settling.wantsAnotherSlice()).isTrue();
        settling.sliceDone(49, 3);
        assertThat(settling.settled()).as("one quiet slice: C2 works in waves").isFalse();
        settling.sliceDone(0, 0);
        assertThat(settling.settled()).isTrue();
        assertThat(settling.wantsAnotherSlice()).isFalse();
        assertThat(settling.slices()).isEqualTo(4);
    }

    @Test
    void aBusySliceBetweenQuietOnesStartsTheCountAgain() {
        JitSettling settling = JitSettling.within(Duration.ofSeconds(60));
        settling.sliceDone(0, 0);
        settling.sliceDone(700, 0);
        settling.sliceDone(0, 0);
        assertThat(settling.settled()).isFalse();
        settling.sliceDone(10, 10);
        assertThat(settling.settled()).isTrue();
    }

    @Test
    void aCompilerThatCannotBeAskedDoesNotHoldTheWarmUp() {
        JitSettling settling = JitSettling.within(Duration.ofSeconds(60));
        settling.sliceDone(-1, 0);
        settling.sliceDone(-1, 0);
        assertThat(settling.settled()).isTrue();
    }

    @Test
    void theExtraTimeIsBoundedAndReportedAsNotSettled() {
        JitSettling settling = JitSettling.within(Duration.ofSeconds(6));
        int sent = 0;
        while (settling.wantsAnotherSlice()) {
            settling.sliceDone(500, 500);
            sent++;
        }
        assertThat(sent).isEqualTo(3);
        assertThat(settling.settled()).isFalse();
    }

    @Test
    void aTransferWarmUpCountsRoundsAndJudgesOneJvm() {
        JitSettling settling = JitSettling.atMost(6);
        settling.sliceDone(3000);
        settling.sliceDone(20);
        settling.sliceDone(0);
        assertThat(settling.settled()).isTrue();
        assertThat(settling.slices()).isEqualTo(3);
        assertThatThrownBy(() -> JitSettling.atMost(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zeroExtraTimeMeansTheFixedWarmUpAlone() {
        JitSettling settling = JitSettling.within(Duration.ZERO);
        assertThat(settling.wantsAnotherSlice()).isFalse();
        assertThatThrownBy(() -> JitSettling.within(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
