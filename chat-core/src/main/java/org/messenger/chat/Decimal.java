package org.messenger.chat;

/**
 * Small non-negative numbers read from client input (channel limits, LIST conditions, history
 * limits). Bounded by a digit count before any arithmetic, so nothing a client types can overflow.
 */
public final class Decimal {
    private Decimal() {}

    /** The value of {@code text} when it is 1 to {@code maxDigits} ASCII digits (at most 9), else -1. */
    public static int parse(String text, int maxDigits) {
        if (maxDigits < 1 || maxDigits > 9) {
            throw new IllegalArgumentException("maxDigits must be 1 to 9 so the value fits an int: " + maxDigits);
        }
        if (text.isEmpty() || text.length() > maxDigits) {
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
}
