package org.messenger.gui.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void writesRatesInBinaryUnitsLikeTheTerminalClient() {
        assertThat(Units.rate(999)).isEqualTo("999 B/s");
        assertThat(Units.rate(1536)).isEqualTo("1.50 KiB/s");
        assertThat(Units.rate(230 * 1024 * 1024)).isEqualTo("230 MiB/s");
    }

    @Test
    void writesDurationsInTheLargestUsefulUnits() {
        assertThat(Units.duration(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(Units.duration(Duration.ofSeconds(65))).isEqualTo("1 min 5 s");
        assertThat(Units.duration(Duration.ofMinutes(125))).isEqualTo("2 h 5 min");
    }
}
