package org.messenger.transport.netem;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Any {@code --netem} text a person (or a script) can type: the parser either gives a spec or an
 * {@link IllegalArgumentException} that names the key at fault, and never anything else; and the
 * spec it gives prints to a canonical form that parses back to the same spec (the promise of
 * {@link NetemSpec#toString()}). Corpus: {@code NetemSpecFuzzTestInputs/parse/}; docs/fuzzing.md.
 */
class NetemSpecFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        NetemSpec spec;
        try {
            spec = NetemSpec.parse(text);
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).as("a refusal says what is wrong").isNotBlank();
            return;
        }
        assertThat(NetemSpec.parse(spec.toString())).as("parse(toString()) of %s", spec).isEqualTo(spec);
    }
}
