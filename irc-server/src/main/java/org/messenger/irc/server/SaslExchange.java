package org.messenger.irc.server;

import org.messenger.irc.codec.sasl.AuthenticateChunks;
import org.messenger.irc.codec.sasl.ScramServerExchange;

/** One connection's SASL exchange in progress; touched on its I/O thread only. */
final class SaslExchange {
    /** The longest payload we take: a PLAIN with a 300-byte password or a SCRAM message fits many times over. */
    static final int MAX_PAYLOAD_BYTES = 2048;

    enum Step {
        /** PLAIN: waiting for authzid NUL authcid NUL password. */
        PLAIN,
        /** SCRAM: waiting for client-first-message. */
        SCRAM_FIRST,
        /** SCRAM: server-first sent, waiting for client-final-message. */
        SCRAM_FINAL,
        /** SCRAM: server-final sent, waiting for the client's empty answer. */
        SCRAM_DONE,
        /** Waiting for the store or the hashing thread; a line now is out of turn. */
        BUSY
    }

    final String mechanism;
    final AuthenticateChunks chunks = new AuthenticateChunks(MAX_PAYLOAD_BYTES);
    final ScramServerExchange scram = new ScramServerExchange();
    Step step;
    /** The account name SCRAM is proving, as stored. */
    String scramAccount;

    SaslExchange(String mechanism, Step first) {
        this.mechanism = mechanism;
        this.step = first;
    }
}
