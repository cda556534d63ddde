package org.messenger.gui.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void writesSizesInDecimalUnits() {
        assertThat(Units.bytes(999)).isEqualTo("999 B");
        assertThat(Units.bytes(1000)).isEqualTo("1.0 kB");
        assertThat(Units.bytes(1_440_000)).isEqualTo("1.4 MB");
        assertThat(Units.bytes(230_000)).isEqualTo("230 kB");
        assertThat(Units.bytes(999_999)).isEqualTo("1.0 MB");
    }

    @Test
    void writesDurationsInTheLargestUsefulUnits() {
        assertThat(Units.duration(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(Units.duration(Duration.ofSeconds(65))).isEqualTo("1 min 5 s");
        assertThat(Units.duration(Duration.ofMinutes(125))).isEqualTo("2 h 5 min");
    }
}
