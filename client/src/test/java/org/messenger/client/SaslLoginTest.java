package org.messenger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Which SASL mechanism the client picks from what the server offers. */
class SaslLoginTest {
    @Test
    void plainIsUsedOnlyTowardsThisMachine() throws Exception {
        ClientConfig remote = ClientConfig.of("192.0.2.1", 6667, "alice").withLogin("alice", "wonderland");
        assertThatThrownBy(() -> SaslLogin.choose(null, remote, "PLAIN")).isInstanceOf(ChatClientException.class)
                .hasMessageContaining("would send the password readable");
        ClientConfig local = ClientConfig.of("127.0.0.1", 6667, "alice").withLogin("alice", "wonderland");
        assertThat(SaslLogin.choose(null, local, "PLAIN").mechanism()).isEqualTo("PLAIN");
        assertThat(SaslLogin.choose(null, remote, "PLAIN,SCRAM-SHA-256").mechanism()).isEqualTo("SCRAM-SHA-256");
    }
}
