package org.messenger.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DecimalTest {
    @Test
    void readsDigitsUpToTheLimit() {
        assertThat(Decimal.parse("0", 9)).isZero();
        assertThat(Decimal.parse("1234567", 7)).isEqualTo(1_234_567);
        assertThat(Decimal.parse("999999999", 9)).isEqualTo(999_999_999);
    }

    @Test
    void refusesEmptyTooLongSignedAndNonDigitText() {
        assertThat(Decimal.parse("", 9)).isEqualTo(-1);
        assertThat(Decimal.parse("12345678", 7)).isEqualTo(-1);
        assertThat(Decimal.parse("-5", 9)).isEqualTo(-1);
        assertThat(Decimal.parse("+5", 9)).isEqualTo(-1);
        assertThat(Decimal.parse("1e3", 9)).isEqualTo(-1);
        assertThat(Decimal.parse("١٢", 9)).as("non-ASCII digits").isEqualTo(-1);
    }

    @Test
    void aLimitThatCouldOverflowAnIntIsRefused() {
        assertThatThrownBy(() -> Decimal.parse("1", 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
