package org.messenger.files.ports;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The UDP ports transfers may use, both ends inclusive, written {@code 55000-55015}.
 */
public record PortRange(int first, int last) {
    // Before DEFAULT, which is parsed from text as the class initialises.
    private static final Pattern SPEC = Pattern.compile("\\s*(\\d{1,6})\\s*(?:-\\s*(\\d{1,6})\\s*)?");
    /** The original product's default, sixteen ports, as text: the one place it is written (the CLI's default too). */
    public static final String DEFAULT_TEXT = "55000-55015";
    public static final PortRange DEFAULT = parse(DEFAULT_TEXT);

    public PortRange {
        if (first < 1 || first > 65535 || last < 1 || last > 65535) {
            throw new IllegalArgumentException("UDP ports go from 1 to 65535, got " + first + "-" + last);
        }
        if (first > last) {
            throw new IllegalArgumentException("the UDP port range " + first + "-" + last + " is backwards; write the lower port first, e.g. " + last + "-" + first);
        }
    }

    /**
     * Parses {@code A-B} (or a single port {@code A}). The message of the exception is written for
     * the person who typed the range; callers add where it came from (a flag, a setting).
     */
    public static PortRange parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no UDP port range given; write one such as " + DEFAULT_TEXT);
        }
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("a UDP port range must look like " + DEFAULT_TEXT
                    + " (two port numbers joined by a dash), got '" + spec + "'");
        }
        int first = Integer.parseInt(m.group(1));
        int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
        return new PortRange(first, last);
    }

    public int size() {
        return last - first + 1;
    }

    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}
