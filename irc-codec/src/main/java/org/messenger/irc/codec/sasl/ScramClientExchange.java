package org.messenger.irc.codec.sasl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** The client side of one SCRAM-SHA-256 exchange (RFC 5802 §5), without channel binding. */
public final class ScramClientExchange {
    /** A server asking for more than this would make the client compute for minutes. */
    private static final int MAX_ITERATIONS = 10_000_000;

    private final String username;
    private final String password;
    private final String clientNonce;
    private String clientFirstBare;
    private byte[] serverSignature;

    public ScramClientExchange(String username, String password, String clientNonce) {
        this.username = username;
        this.password = password;
        this.clientNonce = clientNonce;
    }

    public String clientFirst() {
        clientFirstBare = "n=" + Scram.encodeName(username) + ",r=" + clientNonce;
        return "n,," + clientFirstBare;
    }

    public String clientFinal(String serverFirst) throws SaslException {
        String nonce = null;
        String salt = null;
        int iterations = -1;
        for (String field : serverFirst.split(",")) {
            if (field.startsWith("r=")) {
                nonce = field.substring(2);
            } else if (field.startsWith("s=")) {
                salt = field.substring(2);
            } else if (field.startsWith("i=")) {
                try {
                    iterations = Integer.parseInt(field.substring(2));
                } catch (NumberFormatException e) {
                    throw new SaslException("server sent iterations that are not a number");
                }
            }
        }
        if (nonce == null || salt == null || !nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
            throw new SaslException("server-first-message is malformed or does not extend our nonce");
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new SaslException("server asks for " + iterations + " iterations");
        }
        byte[] saltBytes;
        try {
            saltBytes = Base64.getDecoder().decode(salt);
        } catch (IllegalArgumentException e) {
            throw new SaslException("salt is not base64");
        }
        byte[] salted = Scram.saltedPassword(password, saltBytes, iterations);
        byte[] clientKey = Scram.hmac(salted, "Client Key");
        byte[] storedKey = Scram.sha256(clientKey);
        String withoutProof = "c=biws,r=" + nonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] clientSignature = Scram.hmac(storedKey, authMessage.getBytes(StandardCharsets.UTF_8));
        serverSignature = Scram.hmac(Scram.hmac(salted, "Server Key"), authMessage.getBytes(StandardCharsets.UTF_8));
        return withoutProof + ",p=" + Base64.getEncoder().encodeToString(Scram.xor(clientKey, clientSignature));
    }

    /** True when the server proved it knows the verifier too (RFC 5802 §3: mutual authentication). */
    public boolean verifyServerFinal(String serverFinal) {
        if (serverSignature == null || !serverFinal.startsWith("v=")) {
            return false;
        }
        try {
            return MessageDigest.isEqual(Base64.getDecoder().decode(serverFinal.substring(2)), serverSignature);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
