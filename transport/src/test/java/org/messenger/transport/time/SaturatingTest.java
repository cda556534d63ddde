package org.messenger.transport.time;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SaturatingTest {
    @Test
    void addSticksAtTheBoundsInsteadOfWrapping() {
        assertThat(Saturating.add(Long.MAX_VALUE - 1, 5)).isEqualTo(Long.MAX_VALUE);
        assertThat(Saturating.add(Long.MIN_VALUE + 1, -5)).isEqualTo(Long.MIN_VALUE);
        assertThat(Saturating.add(-5, 3)).isEqualTo(-2);
        assertThat(Saturating.add(Long.MAX_VALUE, Long.MIN_VALUE)).isEqualTo(-1);
    }

    @Test
    void multiplySticksAtTheBoundsInsteadOfWrapping() {
        assertThat(Saturating.multiply(9_300_000_000_000_000L, 1000)).isEqualTo(Long.MAX_VALUE);
        assertThat(Saturating.multiply(-9_300_000_000_000_000L, 1000)).isEqualTo(Long.MIN_VALUE);
        assertThat(Saturating.multiply(25_000, 1000)).isEqualTo(25_000_000);
    }

    @Test
    void shiftLeftSticksAtTheBoundsInsteadOfWrapping() {
        assertThat(Saturating.shiftLeft(1L << 60, 6)).isEqualTo(Long.MAX_VALUE);
        assertThat(Saturating.shiftLeft(3, 2)).isEqualTo(12);
        assertThat(Saturating.shiftLeft(3, 400)).isEqualTo(Long.MAX_VALUE);
        assertThat(Saturating.shiftLeft(-(1L << 60), 6)).isEqualTo(Long.MIN_VALUE);
    }
}
