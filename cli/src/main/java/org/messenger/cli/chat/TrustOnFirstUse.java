package org.messenger.cli.chat;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.messenger.cli.ClientErrors;
import org.messenger.client.ServerAddress;
import org.messenger.client.tls.ClientTls;
import org.messenger.client.tls.TlsProbe;
import org.messenger.client.tls.UntrustedServerException;

/**
 * The chat's question about a self-signed certificate seen for the first time, as ssh asks about
 * a new host key: the fingerprint is shown, and a "yes" remembers it in the known-servers file so
 * the connection (and every later one) goes ahead. A changed or mismatching certificate is never
 * asked about: it is refused with the warning.
 */
public final class TrustOnFirstUse {
    private TrustOnFirstUse() {}

    /**
     * Checks the server's certificate before connecting, asking on {@code reader} when it is new.
     *
     * @return true to go ahead and connect; false when the certificate is refused (the reason was printed)
     */
    public static boolean check(ServerAddress server, ClientTls policy, Duration timeout, LineReader reader) {
        if (policy == null || policy.pinned() != null || policy.acceptNew() || policy.knownServers() == null) {
            return true; // nothing to ask: the connection itself decides
        }
        Optional<UntrustedServerException> refused = TlsProbe.check(server, policy, timeout);
        if (refused.isEmpty()) {
            return true;
        }
        UntrustedServerException e = refused.get();
        if (e.reason() != UntrustedServerException.Reason.UNKNOWN) {
            reader.printAbove("! " + ClientErrors.describe(e));
            return false;
        }
        reader.printAbove("The server " + e.server() + " has a self-signed certificate not seen before.");
        reader.printAbove("SHA-256 fingerprint: " + e.fingerprint());
        reader.printAbove("Compare it with the fingerprint the server printed at start (ask its operator).");
        String answer;
        try {
            answer = reader.readLine("Trust it and remember it in " + e.knownServersFile() + "? [y/N] ");
        } catch (UserInterruptException | EndOfFileException interrupted) {
            answer = "";
        }
        if (!answer.strip().equalsIgnoreCase("y") && !answer.strip().equalsIgnoreCase("yes")) {
            reader.printAbove("Not trusted: not connecting.");
            return false;
        }
        try {
            policy.knownServers().remember(e.server(), e.fingerprint());
        } catch (IOException io) {
            reader.printAbove("! cannot remember the fingerprint in " + e.knownServersFile() + ": " + io.getMessage());
            return false;
        }
        reader.printAbove("Remembered in " + e.knownServersFile() + ".");
        return true;
    }
}
