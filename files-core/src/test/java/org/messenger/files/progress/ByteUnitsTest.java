package org.messenger.files.progress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteUnitsTest {
    @Test
    void usesBinaryUnitsWithThreeSignificantDigits() {
        assertThat(ByteUnits.format(0)).isEqualTo("0 B");
        assertThat(ByteUnits.format(1023)).isEqualTo("1023 B");
        assertThat(ByteUnits.format(1536)).isEqualTo("1.50 KiB");
        assertThat(ByteUnits.format(15 * 1024 * 1024 + 300 * 1024)).isEqualTo("15.3 MiB");
        assertThat(ByteUnits.format(10L << 30)).isEqualTo("10.0 GiB");
        assertThat(ByteUnits.format(Long.MAX_VALUE)).isEqualTo("8.00 EiB");
    }
}
