package org.messenger.irc.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Any line a peer can send (the input, read as UTF-8, is the line without its CR LF): the parser
 * gives a message or an {@link IrcParseException} with a reason fit for the peer, and never
 * anything else; and what it gives formats back to a line that parses to the same message, so a
 * relayed message is the one that was sent. Corpus: {@code IrcParserFuzzTestInputs/parse/}.
 */
class IrcParserFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void parse(byte[] input) {
        checkLine(new String(input, StandardCharsets.UTF_8));
    }

    /** The invariants for one line; shared with {@link IrcFrameDecoderFuzzTest}. */
    static void checkLine(String line) {
        IrcMessage message;
        try {
            message = IrcParser.parse(line);
        } catch (IrcParseException refused) {
            assertThat(refused.getMessage()).as("a refusal says why").isNotBlank();
            return;
        }
        String formatted = IrcFormatter.format(message);
        assertThat(IrcParser.parse(formatted)).as("parse(format(m)) for line %s", line).isEqualTo(message);
        assertThat(IrcParser.parse(IrcFormatter.format(message, true)))
                .as("parse(format(m, forceTrailing)) for line %s", line).isEqualTo(message);
    }
}
