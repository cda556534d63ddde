package org.messenger.files.resume;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable set of byte offsets, kept as sorted, disjoint, non-touching half-open ranges: what a
 * client has of a file, or what it still needs. Set algebra ({@link #union}, {@link #minus},
 * {@link #intersect}) runs in one merge pass over both sets.
 *
 * <p>The text form is {@code 0-1024,4096-8192} (half-open, ascending), the empty set is
 * {@code ""}; the sidecar stores it and GET carries it.
 */
public final class RangeSet {
    private static final long[] NONE = new long[0];
    private static final RangeSet EMPTY = new RangeSet(NONE);

    /** Boundaries: start0, end0, start1, end1, ...; strictly increasing. */
    private final long[] bounds;

    private RangeSet(long[] bounds) {
        this.bounds = bounds;
    }

    public static RangeSet empty() {
        return EMPTY;
    }

    /** Every offset of a file of {@code sizeBytes}: {@code [0, size)}. */
    public static RangeSet full(long sizeBytes) {
        return of(0, sizeBytes);
    }

    public static RangeSet of(long start, long end) {
        ByteRange range = new ByteRange(start, end);
        return range.isEmpty() ? EMPTY : new RangeSet(new long[] {range.start(), range.end()});
    }

    public static RangeSet of(List<ByteRange> ranges) {
        RangeSet result = EMPTY;
        for (ByteRange range : ranges) {
            result = result.union(of(range.start(), range.end()));
        }
        return result;
    }

    /**
     * Parses the text form ({@code 0-1024,4096-8192}); ranges may come in any order, overlap or
     * touch, and are merged.
     *
     * @throws IllegalArgumentException with a readable message
     */
    public static RangeSet parse(String text) {
        if (text.isEmpty()) {
            return EMPTY;
        }
        List<ByteRange> ranges = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            int dash = part.indexOf('-');
            if (dash <= 0 || dash == part.length() - 1) {
                throw new IllegalArgumentException("'" + part + "' is not a byte range; write START-END, e.g. 0-1048576");
            }
            long start;
            long end;
            try {
                start = Long.parseLong(part.substring(0, dash));
                end = Long.parseLong(part.substring(dash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + part + "' is not a byte range; write START-END with whole numbers, e.g. 0-1048576");
            }
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("byte range " + part + " ends before it starts");
            }
            ranges.add(new ByteRange(start, end));
        }
        return of(ranges);
    }

    public boolean isEmpty() {
        return bounds.length == 0;
    }

    public int rangeCount() {
        return bounds.length / 2;
    }

    public List<ByteRange> ranges() {
        List<ByteRange> out = new ArrayList<>(rangeCount());
        for (int i = 0; i < bounds.length; i += 2) {
            out.add(new ByteRange(bounds[i], bounds[i + 1]));
        }
        return out;
    }

    /** How many bytes the set covers. */
    public long totalBytes() {
        long total = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            total += bounds[i + 1] - bounds[i];
        }
        return total;
    }

    /** The smallest offset in the set; only for a non-empty set. */
    public long first() {
        requireNonEmpty();
        return bounds[0];
    }

    /** One past the largest offset in the set; only for a non-empty set. */
    public long end() {
        requireNonEmpty();
        return bounds[bounds.length - 1];
    }

    public boolean contains(long offset) {
        int i = Arrays.binarySearch(bounds, offset);
        // Found at an even index: a range starts there. Else the insertion point is odd when
        // the offset lies strictly inside a range.
        return i >= 0 ? (i % 2 == 0) : ((-i - 1) % 2 == 1);
    }

    /** True when every offset of {@code [start, end)} is in the set. */
    public boolean containsAll(long start, long end) {
        return of(start, end).minus(this).isEmpty();
    }

    public RangeSet with(long start, long end) {
        return union(of(start, end));
    }

    public RangeSet union(RangeSet other) {
        return combine(this, other, Op.UNION);
    }

    public RangeSet minus(RangeSet other) {
        return combine(this, other, Op.MINUS);
    }

    public RangeSet intersect(RangeSet other) {
        return combine(this, other, Op.INTERSECT);
    }

    /** What is missing of a file of {@code sizeBytes}: {@code [0, size)} minus this set. */
    public RangeSet missingFrom(long sizeBytes) {
        return full(sizeBytes).minus(this);
    }

    private enum Op {
        UNION, MINUS, INTERSECT;

        boolean in(boolean a, boolean b) {
            return switch (this) {
                case UNION -> a || b;
                case MINUS -> a && !b;
                case INTERSECT -> a && b;
            };
        }
    }

    /**
     * Sweeps the boundaries of both sets in order; at each boundary the membership in a and b
     * flips, and the result gets a boundary wherever its own membership flips. Because the output
     * only records flips, it comes out merged (no touching ranges) without a second pass.
     */
    private static RangeSet combine(RangeSet a, RangeSet b, Op op) {
        long[] x = a.bounds;
        long[] y = b.bounds;
        long[] out = new long[x.length + y.length];
        int n = 0;
        int i = 0;
        int j = 0;
        boolean inA = false;
        boolean inB = false;
        boolean inOut = false;
        while (i < x.length || j < y.length) {
            long at = Math.min(i < x.length ? x[i] : Long.MAX_VALUE, j < y.length ? y[j] : Long.MAX_VALUE);
            if (i < x.length && x[i] == at) {
                inA = !inA;
                i++;
            }
            if (j < y.length && y[j] == at) {
                inB = !inB;
                j++;
            }
            boolean now = op.in(inA, inB);
            if (now != inOut) {
                out[n++] = at;
                inOut = now;
            }
        }
        return n == 0 ? EMPTY : new RangeSet(Arrays.copyOf(out, n));
    }

    private void requireNonEmpty() {
        if (bounds.length == 0) {
            throw new IllegalStateException("the range set is empty");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RangeSet other && Arrays.equals(bounds, other.bounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds);
    }

    /** The text form, {@code 0-1024,4096-8192}; empty for the empty set. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < bounds.length; i += 2) {
            if (i > 0) {
                text.append(',');
            }
            text.append(bounds[i]).append('-').append(bounds[i + 1]);
        }
        return text.toString();
    }
}
