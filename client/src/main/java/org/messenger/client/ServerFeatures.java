package org.messenger.client;

import org.messenger.irc.codec.CaseMapping;
import org.messenger.irc.codec.IrcMessage;

/**
 * What the server announced in RPL_ISUPPORT (005) that the client needs to read its replies:
 * channel prefixes, membership prefixes in NAMES, nick comparison.
 * See https://modern.ircdocs.horse/#rplisupport-005. Written only on the network thread.
 */
final class ServerFeatures {
    private volatile String channelTypes = "#&";
    private volatile String membershipPrefixes = "~&@%+";
    private volatile CaseMapping caseMapping = CaseMapping.RFC1459;

    void learn(IrcMessage isupport) {
        // 005 <client> <token>... :are supported by this server
        for (int i = 1; i < isupport.params().size() - 1; i++) {
            String token = isupport.param(i);
            int eq = token.indexOf('=');
            String key = eq < 0 ? token : token.substring(0, eq);
            String value = eq < 0 ? "" : token.substring(eq + 1);
            switch (key) {
                case "CHANTYPES" -> channelTypes = value;
                case "CASEMAPPING" -> caseMapping = CaseMapping.named(value);
                case "PREFIX" -> {
                    int close = value.indexOf(')');
                    membershipPrefixes = close < 0 ? "" : value.substring(close + 1);
                }
                default -> { }
            }
        }
    }

    boolean isChannel(String target) {
        return target != null && !target.isEmpty() && channelTypes.indexOf(target.charAt(0)) >= 0;
    }

    /** A NAMES entry without its membership prefixes ("@bob" is bob, an operator). */
    String stripPrefixes(String name) {
        int i = 0;
        while (i < name.length() && membershipPrefixes.indexOf(name.charAt(i)) >= 0) {
            i++;
        }
        return name.substring(i);
    }

    CaseMapping caseMapping() {
        return caseMapping;
    }
}
