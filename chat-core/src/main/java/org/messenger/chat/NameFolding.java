package org.messenger.chat;

/**
 * How the hub compares nicks and channel names: two names are the same when their folded forms
 * are equal. The hub is protocol-agnostic, so the rule comes from the front end: the IRC server
 * passes its IRC case mapping (irc-codec {@code CaseMapping}, the one it announces in ISUPPORT).
 */
@FunctionalInterface
public interface NameFolding {
    /** ASCII letters only: A-Z become a-z. The default when no front end says otherwise. */
    NameFolding ASCII = NameFolding::asciiLower;

    String fold(String name);

    private static String asciiLower(String name) {
        char[] out = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (out == null) {
                    out = name.toCharArray();
                }
                out[i] = (char) (c + ('a' - 'A'));
            }
        }
        return out == null ? name : new String(out);
    }
}
