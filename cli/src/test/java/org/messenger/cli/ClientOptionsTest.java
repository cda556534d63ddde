package org.messenger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientOptionsTest {
    @Test
    void generatedNicksAreCliAndSixDigits() {
        assertThat(ClientOptions.generatedNick(0)).isEqualTo("cli000000");
        assertThat(ClientOptions.generatedNick(7)).isEqualTo("cli000007");
        assertThat(ClientOptions.generatedNick(123_456)).isEqualTo("cli123456");
        assertThat(ClientOptions.generatedNick(999_999)).isEqualTo("cli999999");
        assertThatThrownBy(() -> ClientOptions.generatedNick(1_000_000)).isInstanceOf(IllegalArgumentException.class);
        for (int i = 0; i < 1000; i++) {
            assertThat(ClientOptions.generatedNick()).matches("cli[0-9]{6}");
        }
    }
}
