package org.messenger.irc.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaseMappingTest {
    @Test
    void rfc1459FoldsBracketsBackslashAndTildeOntoTheirLowercase() {
        assertThat(CaseMapping.RFC1459.fold("Nick[A]\\~")).isEqualTo("nick{a}|^");
    }

    @Test
    void rfc1459LeavesLowercaseSpecialsAsTheyAre() {
        assertThat(CaseMapping.RFC1459.fold("nick{a}|^")).isEqualTo("nick{a}|^");
    }

    @Test
    void rfc1459TreatsUpperAndLowerSpecialsAsTheSameNameBothWays() {
        assertThat(CaseMapping.RFC1459.same("Nick[~]", "nick{^}")).isTrue();
        assertThat(CaseMapping.RFC1459.same("nick{^}", "NICK[~]")).isTrue();
        assertThat(CaseMapping.RFC1459.same("nick|", "NICK\\")).isTrue();
    }

    @Test
    void asciiFoldsOnlyLetters() {
        assertThat(CaseMapping.ASCII.fold("Nick[A]\\~")).isEqualTo("nick[a]\\~");
        assertThat(CaseMapping.ASCII.same("nick[", "nick{")).isFalse();
    }

    @Test
    void foldReturnsTheSameStringWhenNothingChanges() {
        String already = "alice{}";
        assertThat(CaseMapping.RFC1459.fold(already)).isSameAs(already);
    }

    @Test
    void sameIsFalseForMissingNames() {
        assertThat(CaseMapping.RFC1459.same(null, "a")).isFalse();
        assertThat(CaseMapping.RFC1459.same("a", null)).isFalse();
    }

    @Test
    void readsTheServersCasemappingToken() {
        assertThat(CaseMapping.named("ascii")).isEqualTo(CaseMapping.ASCII);
        assertThat(CaseMapping.named("rfc1459")).isEqualTo(CaseMapping.RFC1459);
        assertThat(CaseMapping.named("strict-rfc1459")).as("unknown mappings fall back to rfc1459").isEqualTo(CaseMapping.RFC1459);
    }
}
