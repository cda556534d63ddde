package org.messenger.cli;

import org.messenger.client.ChatClientException;
import org.messenger.client.tls.UntrustedServerException;

/**
 * The client library's errors as the command line shows them: the library says what happened in
 * its own terms, and this adds which flag of ours changes the outcome, where one does.
 */
public final class ClientErrors {
    private ClientErrors() {}

    /** The message to print for {@code e}. */
    public static String describe(ChatClientException e) {
        if (!(e instanceof UntrustedServerException untrusted)) {
            return e.getMessage();
        }
        return switch (untrusted.reason()) {
            case UNKNOWN -> untrusted.knownServersFile() == null
                    ? e.getMessage() + " To trust it for this connection, add --tls-fingerprint " + untrusted.fingerprint() + "."
                    : e.getMessage() + " To trust it, connect again with --accept-new-fingerprint (remembered in "
                            + untrusted.knownServersFile() + ") or --tls-fingerprint " + untrusted.fingerprint()
                            + " (this connection only).";
            case PIN_MISMATCH -> e.getMessage() + " (The pinned fingerprint is the one given with --tls-fingerprint.)";
            case CHANGED -> e.getMessage();
        };
    }
}
