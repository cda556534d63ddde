package org.messenger.irc.codec.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** AUTHENTICATE chunking (IRCv3 SASL 3.1) and PLAIN (RFC 4616). */
class SaslFramingTest {
    @Test
    void payloadOfExactlyFourHundredBase64BytesEndsWithPlus() throws SaslException {
        String payload = "x".repeat(300); // 300 bytes -> 400 base64 characters
        List<String> lines = AuthenticateChunks.split(payload);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).hasSize(400);
        assertThat(lines.get(1)).isEqualTo("+");
        AuthenticateChunks chunks = new AuthenticateChunks(1000);
        assertThat(chunks.add(lines.get(0))).isNull();
        assertThat(chunks.add(lines.get(1))).isEqualTo(payload);
    }

    @Test
    void longPayloadIsReassembledFromChunks() throws SaslException {
        String payload = "y".repeat(700);
        AuthenticateChunks chunks = new AuthenticateChunks(1000);
        String result = null;
        for (String line : AuthenticateChunks.split(payload)) {
            result = chunks.add(line);
        }
        assertThat(result).isEqualTo(payload);
    }

    @Test
    void payloadOverTheLimitIsRefusedBeforeItIsBuffered() throws SaslException {
        AuthenticateChunks chunks = new AuthenticateChunks(500);
        assertThat(chunks.add("A".repeat(400))).isNull();
        assertThatThrownBy(() -> chunks.add("A".repeat(400))).hasMessage("SASL message too long");
    }

    @Test
    void emptyPayloadIsAPlus() throws SaslException {
        assertThat(AuthenticateChunks.split("")).containsExactly("+");
        assertThat(new AuthenticateChunks(10).add("+")).isEmpty();
    }

    @Test
    void plainDecodesAuthcidAndPassword() throws SaslException {
        assertThat(SaslPlain.decode(SaslPlain.encode("alice", "s3cret"))).isEqualTo(new SaslPlain.Credentials("alice", "s3cret"));
        assertThat(SaslPlain.decode("\0alice\0pw").user()).isEqualTo("alice");
        assertThatThrownBy(() -> SaslPlain.decode("admin\0alice\0pw")).isInstanceOf(SaslException.class);
        assertThatThrownBy(() -> SaslPlain.decode("alice\0pw")).isInstanceOf(SaslException.class);
    }
}
