package org.messenger.irc.codec.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** SCRAM-SHA-256 against the RFC 7677 §3 example exchange, both sides. */
class ScramTest {
    private static final String CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    private static final byte[] SALT = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
    private static final String SERVER_FIRST = "r=" + CLIENT_NONCE + SERVER_NONCE + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String CLIENT_FINAL = "c=biws,r=" + CLIENT_NONCE + SERVER_NONCE + ",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    @Test
    void clientComputesTheRfc7677Proof() throws SaslException {
        ScramClientExchange client = new ScramClientExchange("user", "pencil", CLIENT_NONCE);
        assertThat(client.clientFirst()).isEqualTo("n,,n=user,r=" + CLIENT_NONCE);
        assertThat(client.clientFinal(SERVER_FIRST)).isEqualTo(CLIENT_FINAL);
        assertThat(client.verifyServerFinal(SERVER_FINAL)).isTrue();
        assertThat(client.verifyServerFinal("v=AAAA")).isFalse();
    }

    @Test
    void serverAcceptsTheRfc7677ProofFromStoredKeysOnly() throws SaslException {
        Scram.Keys keys = Scram.keys("pencil", SALT, 4096);
        ScramServerExchange server = new ScramServerExchange();
        assertThat(server.clientFirst("n,,n=user,r=" + CLIENT_NONCE)).isEqualTo("user");
        assertThat(server.serverFirst(SERVER_NONCE, SALT, 4096, keys.storedKey(), keys.serverKey())).isEqualTo(SERVER_FIRST);
        assertThat(server.clientFinal(CLIENT_FINAL)).isEqualTo(SERVER_FINAL);
    }

    @Test
    void serverRefusesAWrongPassword() throws SaslException {
        Scram.Keys keys = Scram.keys("pencil", SALT, 4096);
        ScramClientExchange client = new ScramClientExchange("user", "crayon", CLIENT_NONCE);
        ScramServerExchange server = new ScramServerExchange();
        server.clientFirst(client.clientFirst());
        String serverFirst = server.serverFirst(SERVER_NONCE, SALT, 4096, keys.storedKey(), keys.serverKey());
        String clientFinal = client.clientFinal(serverFirst);
        assertThatThrownBy(() -> server.clientFinal(clientFinal)).isInstanceOf(SaslException.class).hasMessage("wrong password");
    }

    @Test
    void serverRefusesAReplayedNonce() throws SaslException {
        Scram.Keys keys = Scram.keys("pencil", SALT, 4096);
        ScramServerExchange server = new ScramServerExchange();
        server.clientFirst("n,,n=user,r=" + CLIENT_NONCE);
        server.serverFirst("another-server-nonce", SALT, 4096, keys.storedKey(), keys.serverKey());
        assertThatThrownBy(() -> server.clientFinal(CLIENT_FINAL)).hasMessage("nonce mismatch");
    }

    @Test
    void serverRefusesChannelBindingAndMalformedFirstMessages() {
        assertThatThrownBy(() -> new ScramServerExchange().clientFirst("p=tls-unique,,n=user,r=x")).isInstanceOf(SaslException.class);
        assertThatThrownBy(() -> new ScramServerExchange().clientFirst("n,,r=x")).isInstanceOf(SaslException.class);
        assertThatThrownBy(() -> new ScramServerExchange().clientFirst("n,a=admin,n=user,r=x")).isInstanceOf(SaslException.class);
        assertThatThrownBy(() -> new ScramServerExchange().clientFirst("n,,n=bad=name,r=x")).isInstanceOf(SaslException.class);
    }

    @Test
    void userNamesWithCommaAndEqualsAreEscaped() throws SaslException {
        ScramClientExchange client = new ScramClientExchange("a,b=c", "pw", "nonce");
        assertThat(new ScramServerExchange().clientFirst(client.clientFirst())).isEqualTo("a,b=c");
    }

    @Test
    void plainIsCheckedAgainstTheScramVerifier() {
        Scram.Keys keys = Scram.keys("pencil", SALT, 4096);
        assertThat(Scram.verifyPlain("pencil", SALT, 4096, keys.storedKey())).isTrue();
        assertThat(Scram.verifyPlain("pencil!", SALT, 4096, keys.storedKey())).isFalse();
    }
}
