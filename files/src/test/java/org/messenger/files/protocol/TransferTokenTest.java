package org.messenger.files.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class TransferTokenTest {
    @Test
    void isOneHundredTwentyEightRandomBitsInHex() {
        SecureRandom random = new SecureRandom();
        TransferToken a = TransferToken.random(random);
        TransferToken b = TransferToken.random(random);
        assertThat(a.hex()).hasSize(32).matches("[0-9a-f]{32}");
        assertThat(a.bytes()).hasSize(16);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void neverShowsTheWholeSecretInLogs() {
        TransferToken token = new TransferToken("00112233445566778899aabbccddeeff");
        assertThat(token.toString()).isEqualTo("001122…").doesNotContain("ccddeeff");
    }

    @Test
    void refusesSomethingThatIsNotAToken() {
        assertThatThrownBy(() -> new TransferToken("xyz")).hasMessageContaining("32 hex digits");
        assertThatThrownBy(() -> new TransferToken("zz112233445566778899aabbccddeeff")).isInstanceOf(IllegalArgumentException.class);
    }
}
