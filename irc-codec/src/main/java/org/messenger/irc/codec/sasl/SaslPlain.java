package org.messenger.irc.codec.sasl;

/** SASL PLAIN (RFC 4616): {@code [authzid] NUL authcid NUL passwd}. */
public final class SaslPlain {
    public static final String MECHANISM = "PLAIN";

    private SaslPlain() {}

    public record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[user=" + user + "]";
        }
    }

    public static String encode(String user, String password) {
        return user + "\0" + user + "\0" + password;
    }

    public static Credentials decode(String message) throws SaslException {
        int first = message.indexOf('\0');
        int second = first < 0 ? -1 : message.indexOf('\0', first + 1);
        if (second < 0 || message.indexOf('\0', second + 1) >= 0) {
            throw new SaslException("PLAIN needs authzid NUL authcid NUL password");
        }
        String authzid = message.substring(0, first);
        String authcid = message.substring(first + 1, second);
        if (authcid.isEmpty()) {
            throw new SaslException("PLAIN without a user name");
        }
        if (!authzid.isEmpty() && !authzid.equals(authcid)) {
            throw new SaslException("logging in as another user (authzid) is not supported");
        }
        return new Credentials(authcid, message.substring(second + 1));
    }
}
