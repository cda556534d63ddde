package org.messenger.chat;

/**
 * IRC wildcard matching (RFC 2812 §2.5 "wildcards"): {@code *} matches any run of characters,
 * {@code ?} exactly one. Both strings are compared as given: fold them with the hub's
 * casemapping first. Linear backtracking on the last star: no input makes it exponential.
 */
public final class Wildcard {
    private Wildcard() {}

    public static boolean matches(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
