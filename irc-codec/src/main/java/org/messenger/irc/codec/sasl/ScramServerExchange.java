package org.messenger.irc.codec.sasl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The server side of one SCRAM-SHA-256 exchange (RFC 5802 §5, §7), without channel binding:
 * {@link #clientFirst} (learn the user), {@link #serverFirst} (nonce, salt, iterations), then
 * {@link #clientFinal} (check the proof, produce the server signature). One instance per attempt;
 * the caller looks the account up between the first two steps.
 */
public final class ScramServerExchange {
    /** Bounds what a client may make us hold: names and nonces are short in every real client. */
    private static final int MAX_MESSAGE_CHARS = 1024;

    private String clientFirstBare;
    private String clientNonce;
    private String username;
    private String serverFirst;
    private byte[] storedKey;
    private byte[] serverKey;

    /**
     * Parses {@code client-first-message}: {@code gs2-header client-first-bare}, the header being
     * {@code n,,} or {@code y,,} (no channel binding) with an optional {@code a=authzid}.
     *
     * @return the user name (authcid) whose credentials {@link #serverFirst} needs
     */
    public String clientFirst(String message) throws SaslException {
        if (message.length() > MAX_MESSAGE_CHARS) {
            throw new SaslException("client-first-message too long");
        }
        if (message.startsWith("p=")) {
            throw new SaslException("channel binding is not supported: use SCRAM-SHA-256, not -PLUS");
        }
        if (!message.startsWith("n,") && !message.startsWith("y,")) {
            throw new SaslException("client-first-message must start with the gs2 header n,, or y,,");
        }
        int secondComma = message.indexOf(',', 2);
        if (secondComma < 0) {
            throw new SaslException("client-first-message has no gs2 header");
        }
        String authzid = message.substring(2, secondComma);
        clientFirstBare = message.substring(secondComma + 1);
        String[] fields = clientFirstBare.split(",", -1);
        if (clientFirstBare.startsWith("m=")) {
            throw new SaslException("mandatory extensions are not supported");
        }
        if (fields.length < 2 || !fields[0].startsWith("n=") || !fields[1].startsWith("r=") || fields[1].length() < 3) {
            throw new SaslException("client-first-message needs n=user,r=nonce");
        }
        username = Scram.decodeName(fields[0].substring(2));
        if (username == null || username.isEmpty()) {
            throw new SaslException("bad user name in client-first-message");
        }
        if (!authzid.isEmpty()) {
            String authz = authzid.startsWith("a=") ? Scram.decodeName(authzid.substring(2)) : null;
            if (authz == null || !authz.equals(username)) {
                throw new SaslException("logging in as another user (authzid) is not supported");
            }
        }
        clientNonce = fields[1].substring(2);
        return username;
    }

    /** {@code server-first-message}: our nonce appended to the client's, the salt and iterations of the account. */
    public String serverFirst(String serverNonce, byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
        this.storedKey = storedKey.clone();
        this.serverKey = serverKey.clone();
        serverFirst = "r=" + clientNonce + serverNonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + iterations;
        return serverFirst;
    }

    /**
     * Checks {@code client-final-message} ({@code c=biws,r=nonce,p=proof}) and answers the
     * {@code server-final-message} ({@code v=signature}) when the proof is right.
     */
    public String clientFinal(String message) throws SaslException {
        if (serverFirst == null || message.length() > MAX_MESSAGE_CHARS) {
            throw new SaslException("unexpected client-final-message");
        }
        int proofAt = message.lastIndexOf(",p=");
        if (proofAt < 0) {
            throw new SaslException("client-final-message has no proof");
        }
        String withoutProof = message.substring(0, proofAt);
        String[] fields = withoutProof.split(",", -1);
        if (fields.length < 2 || !fields[0].startsWith("c=") || !fields[1].startsWith("r=")) {
            throw new SaslException("client-final-message needs c=,r=,p=");
        }
        String expectedNonce = serverFirst.substring(2, serverFirst.indexOf(','));
        if (!fields[1].substring(2).equals(expectedNonce)) {
            throw new SaslException("nonce mismatch");
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(message.substring(proofAt + 3));
        } catch (IllegalArgumentException e) {
            throw new SaslException("proof is not base64");
        }
        if (proof.length != 32) {
            throw new SaslException("proof has the wrong length");
        }
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] clientSignature = Scram.hmac(storedKey, authMessage.getBytes(StandardCharsets.UTF_8));
        byte[] clientKey = Scram.xor(proof, clientSignature);
        if (!MessageDigest.isEqual(Scram.sha256(clientKey), storedKey)) {
            throw new SaslException("wrong password");
        }
        byte[] serverSignature = Scram.hmac(serverKey, authMessage.getBytes(StandardCharsets.UTF_8));
        return "v=" + Base64.getEncoder().encodeToString(serverSignature);
    }
}
