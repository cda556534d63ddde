package org.messenger.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameRulesTest {
    private final NameRules rules = NameRules.DEFAULT;

    @Test
    void acceptsRfc2812NicksWithSpecialCharacters() {
        assertThat(rules.isValidNick("alice")).isTrue();
        assertThat(rules.isValidNick("[away]_x-2")).isTrue();
        assertThat(rules.isValidNick("`{|}^")).isTrue();
        assertThat(rules.isValidNick("a".repeat(30))).isTrue();
    }

    @Test
    void rejectsNicksStartingWithDigitOrDashOrHoldingOtherCharacters() {
        assertThat(rules.isValidNick("9lives")).isFalse();
        assertThat(rules.isValidNick("-x")).isFalse();
        assertThat(rules.isValidNick("a!b")).isFalse();
        assertThat(rules.isValidNick("a@b")).isFalse();
        assertThat(rules.isValidNick("a".repeat(31))).isFalse();
    }

    @Test
    void channelNamesStartWithHashAndAvoidSeparators() {
        assertThat(rules.isValidChannel("#lobby")).isTrue();
        assertThat(rules.isValidChannel("#café-ü")).isTrue();
        assertThat(rules.isValidChannel("#")).isFalse();
        assertThat(rules.isValidChannel("lobby")).isFalse();
        assertThat(rules.isValidChannel("#a,b")).isFalse();
        assertThat(rules.isValidChannel("#a:b")).isFalse();
        assertThat(rules.isValidChannel("#a\u0007")).isFalse();
        assertThat(rules.isValidChannel("#" + "x".repeat(50))).isFalse();
    }
}
