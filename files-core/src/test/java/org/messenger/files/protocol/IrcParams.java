package org.messenger.files.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** What RFC 2812 §2.3.1 allows in parameters, checked without pulling the IRC module into these tests. */
final class IrcParams {
    private IrcParams() {
    }

    static void assertSendable(List<String> params) {
        for (int i = 0; i < params.size() - 1; i++) {
            String middle = params.get(i);
            assertThat(middle).as("middle parameter %d of %s", i, params).isNotEmpty().doesNotContain(" ").doesNotStartWith(":");
            assertThat(middle.chars().noneMatch(c -> c == 0 || c == '\r' || c == '\n')).isTrue();
        }
        String trailing = params.get(params.size() - 1);
        assertThat(trailing.chars().noneMatch(c -> c == 0 || c == '\r' || c == '\n')).as("trailing of %s", params).isTrue();
    }
}
