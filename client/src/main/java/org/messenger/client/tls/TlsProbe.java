package org.messenger.client.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.messenger.client.ChatClientException;
import org.messenger.client.ServerAddress;

/**
 * A TLS handshake and nothing else: tells an interactive client, before it registers, whether the
 * server's certificate would be accepted, so it can ask the user about an unknown one (then
 * remember it and connect for real) instead of failing half-way through.
 */
public final class TlsProbe {
    private TlsProbe() {}

    /**
     * Returns why {@code policy} refuses the server's certificate, or empty when it accepts it.
     *
     * @throws ChatClientException when the server cannot be reached or speaks no TLS
     */
    public static Optional<UntrustedServerException> check(ServerAddress server, ClientTls policy, Duration timeout) {
        ServerTrustManager trust = new ServerTrustManager(policy, server.toString());
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
                socket.setSoTimeout(millis);
                socket.connect(new InetSocketAddress(server.host(), server.port()), millis);
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                if (!server.host().matches("[0-9.]+|.*:.*")) {
                    parameters.setServerNames(List.of(new SNIHostName(server.host())));
                }
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                return Optional.empty();
            }
        } catch (IOException e) {
            if (trust.rejection() != null) {
                return Optional.of(trust.rejection());
            }
            throw new ChatClientException(ChatClientException.Problem.UNREACHABLE, "Cannot talk TLS to " + server + ": "
                    + e.getMessage() + ". Is the server running, and is that its TLS port (usually 6697)?", e);
        } catch (GeneralSecurityException e) {
            throw new ChatClientException(ChatClientException.Problem.NOT_CONNECTED, "cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
