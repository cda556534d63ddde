package org.messenger.files.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.messenger.transport.ByteRanges;

/**
 * The optional ranges of a GET: {@code START-END} pairs (half-open, bytes from START up to but not
 * including END) separated by commas; the last END may be left out to mean "to the end of the
 * file": {@code GET big.iso 1048576-} continues from the first MiB. The ranges can only be checked
 * against the file's size once the file is known, in {@link #resolve}.
 */
public record RangeRequest(List<Span> spans) {
    /** One requested span; {@code end} empty means to the end of the file. */
    public record Span(long start, OptionalLong end) {
    }

    public RangeRequest {
        spans = List.copyOf(spans);
    }

    /** A request for the whole file. */
    public static RangeRequest wholeFile() {
        return new RangeRequest(List.of(new Span(0, OptionalLong.empty())));
    }

    /** The ranges a resuming client still needs. */
    public static RangeRequest of(ByteRanges ranges) {
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < ranges.rangeCount(); i++) {
            spans.add(new Span(ranges.start(i), OptionalLong.of(ranges.end(i))));
        }
        return new RangeRequest(spans);
    }

    /** @throws IllegalArgumentException with a message for the person who typed it */
    public static RangeRequest parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("no byte ranges given; write START-END[,START-END...], e.g. 0-1048576 or 1048576-");
        }
        List<Span> spans = new ArrayList<>();
        String[] parts = text.split(",", -1);
        if (parts.length > 1024) {
            throw new IllegalArgumentException("too many byte ranges (" + parts.length + "); at most 1024");
        }
        for (String part : parts) {
            int dash = part.indexOf('-');
            if (dash <= 0) {
                throw new IllegalArgumentException("'" + part + "' is not a byte range; write START-END or START-, e.g. 0-1048576");
            }
            try {
                long start = Long.parseLong(part.substring(0, dash));
                String endText = part.substring(dash + 1);
                OptionalLong end = endText.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(endText));
                if (start < 0 || (end.isPresent() && end.getAsLong() < start)) {
                    throw new IllegalArgumentException("byte range " + part + " ends before it starts");
                }
                spans.add(new Span(start, end));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + part + "' is not a byte range; START and END are whole numbers of bytes");
            }
        }
        return new RangeRequest(spans);
    }

    /**
     * The requested bytes of a file of {@code sizeBytes}, merged.
     *
     * @throws IllegalArgumentException when a range starts or ends past the end of the file
     */
    public ByteRanges resolve(long sizeBytes) {
        ByteRanges result = new ByteRanges();
        for (Span span : spans) {
            long end = span.end().orElse(sizeBytes);
            if (span.start() > sizeBytes || end > sizeBytes) {
                throw new IllegalArgumentException("byte range " + span.start() + "-" + (span.end().isPresent() ? end : "")
                        + " runs past the end of the file (" + sizeBytes + " bytes)");
            }
            result.add(Math.min(span.start(), end), end);
        }
        return result;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Span span : spans) {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(span.start()).append('-');
            span.end().ifPresent(text::append);
        }
        return text.toString();
    }
}
