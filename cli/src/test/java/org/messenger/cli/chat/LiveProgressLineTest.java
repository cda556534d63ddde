package org.messenger.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LiveProgressLineTest {
    private static final long MIB = 1 << 20;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void showsPercentBytesRateAndEtaMeasuredFromTheFirstReport() {
        LiveProgressLine line = new LiveProgressLine();
        // The first report comes long after /get (hashing, a port wait): the rate starts there.
        assertThat(line.next(MIB, 10 * MIB, 100 * SECOND)).startsWith(" 10% [");

        String later = line.next(3 * MIB, 10 * MIB, 101 * SECOND);

        assertThat(later).startsWith(" 30% [").contains("3.00 MiB / 10.0 MiB").contains("2.00 MiB/s").endsWith("ETA 0:04");
    }

    @Test
    void redrawsAtMostFourTimesASecondButAlwaysShowsTheEnd() {
        LiveProgressLine line = new LiveProgressLine();
        assertThat(line.next(0, 10 * MIB, 0)).isNotNull();
        assertThat(line.next(MIB, 10 * MIB, SECOND / 10)).isNull();
        assertThat(line.next(2 * MIB, 10 * MIB, LiveProgressLine.REDRAW_NANOS)).isNotNull();
        assertThat(line.next(10 * MIB, 10 * MIB, LiveProgressLine.REDRAW_NANOS + 1)).contains("100%").contains("done in");
    }

    @Test
    void theQuarterLinesOfADumbTerminalAlsoCountFromTheFirstReport() {
        LiveProgressLine line = new LiveProgressLine();

        assertThat(line.line(MIB, 10 * MIB, 100 * SECOND)).endsWith("--/s  ETA --:--");
        assertThat(line.line(3 * MIB, 10 * MIB, 100 * SECOND + 1)).isNotNull();
        assertThat(line.line(6 * MIB, 10 * MIB, 102 * SECOND)).contains("2.50 MiB/s").endsWith("ETA 0:02");
    }

    @Test
    void aPausedDownloadSaysSoAtOnce() {
        LiveProgressLine line = new LiveProgressLine();
        line.next(MIB, 10 * MIB, 0);
        line.setPaused(true);

        assertThat(line.next(MIB, 10 * MIB, 1)).startsWith("paused  10% [");

        line.setPaused(false);
        assertThat(line.next(2 * MIB, 10 * MIB, 2)).startsWith(" 20% [");
    }
}
