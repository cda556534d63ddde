package org.messenger.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Base64;
import org.messenger.irc.codec.IrcMessage;
import org.messenger.irc.codec.sasl.AuthenticateChunks;
import org.messenger.irc.codec.sasl.SaslException;
import org.messenger.irc.codec.sasl.SaslPlain;
import org.messenger.irc.codec.sasl.Scram;
import org.messenger.irc.codec.sasl.ScramClientExchange;

/**
 * The client's side of SASL during registration (https://ircv3.net/specs/extensions/sasl-3.1).
 * SCRAM-SHA-256 when the server offers it: the password never leaves this machine, and the server
 * proves it knows the account too. PLAIN only over TLS or to a server on this machine, since
 * otherwise the password would cross the network readable. Runs on the network thread.
 */
final class SaslLogin {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IrcSession session;
    private final ClientConfig.Login login;
    private final String mechanism;
    private final AuthenticateChunks incoming = new AuthenticateChunks(4096);
    private ScramClientExchange scram;
    private boolean sentFinal;

    private SaslLogin(IrcSession session, ClientConfig.Login login, String mechanism) {
        this.session = session;
        this.login = login;
        this.mechanism = mechanism;
    }

    /**
     * Picks the mechanism from what the server offers ({@code mechanisms} from {@code sasl=...}, or
     * null when it did not say).
     *
     * @throws ChatClientException when there is none this client may use here
     */
    static SaslLogin choose(IrcSession session, ClientConfig config, String mechanisms) throws ChatClientException {
        boolean scram = mechanisms == null || (',' + mechanisms + ',').contains(',' + Scram.MECHANISM + ',');
        boolean plain = mechanisms == null || (',' + mechanisms + ',').contains(',' + SaslPlain.MECHANISM + ',');
        if (scram) {
            return new SaslLogin(session, config.login(), Scram.MECHANISM);
        }
        if (plain && (config.tls() != null || isLoopback(config.server().host()))) {
            return new SaslLogin(session, config.login(), SaslPlain.MECHANISM);
        }
        throw new ChatClientException(ChatClientException.Problem.REFUSED, "cannot log in to " + config.server()
                + ": it offers only " + mechanisms + ", which would send the password readable over this unencrypted connection");
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    String mechanism() {
        return mechanism;
    }

    void start() {
        session.send(IrcMessage.of("AUTHENTICATE", mechanism));
    }

    /** An {@code AUTHENTICATE} line from the server. */
    void onChallenge(String param) throws SaslException {
        String payload = incoming.add(param);
        if (payload == null) {
            return;
        }
        if (mechanism.equals(SaslPlain.MECHANISM)) {
            send(SaslPlain.encode(login.account(), login.password()));
        } else if (scram == null) {
            byte[] nonce = new byte[18];
            RANDOM.nextBytes(nonce);
            scram = new ScramClientExchange(login.account(), login.password(), Base64.getEncoder().encodeToString(nonce));
            send(scram.clientFirst());
        } else if (!sentFinal) {
            sentFinal = true;
            send(scram.clientFinal(payload));
        } else {
            if (!scram.verifyServerFinal(payload)) {
                session.send(IrcMessage.of("AUTHENTICATE", "*"));
                throw new SaslException("the server could not prove it knows account " + login.account()
                        + ": it may not be the server you think");
            }
            session.send(IrcMessage.of("AUTHENTICATE", "+"));
        }
    }

    private void send(String payload) {
        for (String line : AuthenticateChunks.split(payload)) {
            session.send(IrcMessage.of("AUTHENTICATE", line));
        }
    }
}
