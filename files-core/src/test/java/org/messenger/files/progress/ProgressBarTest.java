package org.messenger.files.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private static final long MIB = 1 << 20;
    private final ProgressBar bar = new ProgressBar(20);

    @Test
    void showsPercentBarBytesRateAndEta() {
        String line = bar.render(50 * MIB, 100 * MIB, Duration.ofSeconds(10).toNanos());
        assertThat(line).isEqualTo(" 50% [##########>         ] 50.0 MiB / 100 MiB  5.00 MiB/s  ETA 0:10");
    }

    @Test
    void showsTheTotalTimeWhenDone() {
        String line = bar.render(100 * MIB, 100 * MIB, Duration.ofSeconds(75).toNanos());
        assertThat(line).isEqualTo("100% [####################] 100 MiB / 100 MiB  1.33 MiB/s  done in 1:15");
    }

    @Test
    void anEmptyFileIsCompleteAtOnce() {
        assertThat(bar.render(0, 0, 0)).isEqualTo("100% [####################] 0 B / 0 B  --/s  done in 0:00");
    }

    @Test
    void showsDashesBeforeAnyRateIsKnown() {
        assertThat(bar.render(0, 100 * MIB, 0)).isEqualTo("  0% [>                   ] 0 B / 100 MiB  --/s  ETA --:--");
    }

    @Test
    void theRateOfAResumedDownloadCountsOnlyThisSessionsBytes() {
        String line = bar.render(91 * MIB, 100 * MIB, 90 * MIB, Duration.ofSeconds(1).toNanos());
        assertThat(line).isEqualTo(" 91% [##################> ] 91.0 MiB / 100 MiB  1.00 MiB/s  ETA 0:09");
    }

    @Test
    void neverShowsMoreThanTheTotal() {
        assertThat(bar.render(200, 100, 1_000_000_000L)).startsWith("100% [####################] 100 B / 100 B");
    }

    @Test
    void formatsLongEtasWithHoursAndCapsAbsurdOnes() {
        assertThat(ProgressBar.clock(3 * 3600 + 2 * 60 + 1)).isEqualTo("3:02:01");
        assertThat(bar.render(1, 1L << 50, Duration.ofSeconds(1).toNanos())).endsWith("ETA >99h");
    }

    @Test
    void hasTheSameWidthWhateverTheProgress() {
        int width = bar.render(0, 100, 0).indexOf(']');
        for (long done = 0; done <= 100; done += 7) {
            assertThat(bar.render(done, 100, 1).indexOf(']')).isEqualTo(width);
        }
    }
}
