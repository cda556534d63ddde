package org.messenger.client;

import org.messenger.irc.codec.CaseMapping;
import org.messenger.irc.codec.IrcMessage;

/**
 * What the server announced in RPL_ISUPPORT (005) that the client needs to read its replies:
 * channel prefixes, membership prefixes and the modes behind them, which channel modes take an
 * argument, nick comparison, how much history one CHATHISTORY may ask for.
 * See https://modern.ircdocs.horse/#rplisupport-005. Written only on the network thread.
 */
final class ServerFeatures {
    /** Ask for no more history than this, whatever the server allows: a screenful or two. */
    static final int MAX_HISTORY_REQUEST = 100;

    private volatile String channelTypes = "#&";
    private volatile String prefixModes = "qaohv";
    private volatile String membershipPrefixes = "~&@%+";
    /** CHANMODES=A,B,C,D: A lists and B always take an argument, C only when set, D never. */
    private volatile String[] channelModes = {"beI", "k", "l", "imnpst"};
    private volatile CaseMapping caseMapping = CaseMapping.RFC1459;
    private volatile int chatHistoryLimit = MAX_HISTORY_REQUEST;

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
                case "PREFIX" -> learnPrefix(value);
                case "CHANMODES" -> {
                    String[] types = value.split(",", -1);
                    if (types.length >= 4) {
                        channelModes = new String[] {types[0], types[1], types[2], types[3]};
                    }
                }
                case "CHATHISTORY" -> {
                    // https://ircv3.net/specs/extensions/chathistory: the most messages one request returns (0: no limit).
                    int limit = smallNumber(value);
                    if (limit > 0) {
                        chatHistoryLimit = Math.min(limit, MAX_HISTORY_REQUEST);
                    }
                }
                default -> { }
            }
        }
    }

    /** {@code PREFIX=(ov)@+}: the modes and their prefixes, highest first; anything malformed gives none. */
    private void learnPrefix(String value) {
        int close = value.indexOf(')');
        if (!value.startsWith("(") || close < 0 || close - 1 != value.length() - close - 1) {
            prefixModes = "";
            membershipPrefixes = "";
            return;
        }
        prefixModes = value.substring(1, close);
        membershipPrefixes = value.substring(close + 1);
    }

    /** A decimal of at most 6 digits, or -1: the value comes from the network. */
    private static int smallNumber(String text) {
        if (text.isEmpty() || text.length() > 6) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    boolean isChannel(String target) {
        return target != null && !target.isEmpty() && channelTypes.indexOf(target.charAt(0)) >= 0;
    }

    /** A NAMES entry without its membership prefixes ("@bob" is bob, an operator). */
    String stripPrefixes(String name) {
        return name.substring(prefixLength(name));
    }

    /** The membership prefixes a NAMES entry starts with ("@+bob" gives "@+"). */
    String prefixesOf(String name) {
        return name.substring(0, prefixLength(name));
    }

    private int prefixLength(String name) {
        int i = 0;
        while (i < name.length() && membershipPrefixes.indexOf(name.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    /** The prefix a channel mode letter gives ('o' gives '@'), or 0 when it is not a membership mode. */
    char prefixForMode(char mode) {
        int at = prefixModes.indexOf(mode);
        return at < 0 ? 0 : membershipPrefixes.charAt(at);
    }

    /** Whether {@code mode}, being set ({@code adding}) or unset, takes an argument (RFC 2812 §3.2.3, CHANMODES). */
    boolean modeTakesArgument(char mode, boolean adding) {
        String[] types = channelModes;
        if (prefixModes.indexOf(mode) >= 0 || types[0].indexOf(mode) >= 0 || types[1].indexOf(mode) >= 0) {
            return true;
        }
        return adding && types[2].indexOf(mode) >= 0;
    }

    /** {@code prefixes} with {@code prefix} added or removed, kept in the server's rank order (highest first). */
    String applyPrefix(String prefixes, char prefix, boolean adding) {
        StringBuilder result = new StringBuilder(prefixes.length() + 1);
        String order = membershipPrefixes;
        for (int i = 0; i < order.length(); i++) {
            char p = order.charAt(i);
            boolean has = prefixes.indexOf(p) >= 0;
            if (p == prefix ? adding : has) {
                result.append(p);
            }
        }
        return result.toString();
    }

    /** The most messages to ask for in one CHATHISTORY request. */
    int chatHistoryLimit() {
        return chatHistoryLimit;
    }

    CaseMapping caseMapping() {
        return caseMapping;
    }
}
