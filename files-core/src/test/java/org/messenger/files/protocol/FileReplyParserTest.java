package org.messenger.files.protocol;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.messenger.irc.codec.Numeric;

/** Numbers in a server's file replies are bounded where they are read (found by FileCommandFuzzTest). */
class FileReplyParserTest {
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String TICKET = "00112233aabbccdd:" + SHA;

    @Test
    void aPortBeyondAnIntIsAMalformedReplyNotAnArithmeticError() {
        // The client skips replies that throw IllegalArgumentException; ArithmeticException escaped it.
        List<String> params = List.of("alice", "7", "5500110210", TICKET, "4096", SHA, "0-4096", "README.txt", "Ready");

        assertThatThrownBy(() -> FileReply.parse(Numeric.RPL_GETREADY, params))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UDP port");
    }

    @Test
    void aPortAbove65535IsRefused() {
        List<String> params = List.of("alice", "7", "70000", TICKET, "4096", SHA, "0-4096", "README.txt", "Ready");

        assertThatThrownBy(() -> FileReply.parse(Numeric.RPL_GETREADY, params))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UDP port");
    }

    @Test
    void aCountBeyondAnIntIsAMalformedReply() {
        assertThatThrownBy(() -> FileReply.parse(Numeric.RPL_ENDOFFILES, List.of("alice", "99999999999", "4096", "End")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("count");
        assertThatThrownBy(() -> FileReply.parse(Numeric.RPL_ENDOFDOWNLOADS, List.of("alice", "-1", "End")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("count");
    }

    @Test
    void aDownloadLimitBeyondAnIntIsAMalformedReply() {
        assertThatThrownBy(() -> FileReply.parse(Numeric.ERR_TOOMANYDOWNLOADS, List.of("alice", "README.txt", "4294967296", "Too many")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("count");
    }
}
