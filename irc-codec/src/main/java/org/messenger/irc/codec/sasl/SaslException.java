package org.messenger.irc.codec.sasl;

/** A SASL exchange that cannot go on: malformed input, or a proof that does not match. */
public final class SaslException extends Exception {
    public SaslException(String message) {
        super(message);
    }
}
