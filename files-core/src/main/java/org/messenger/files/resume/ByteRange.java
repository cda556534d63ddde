package org.messenger.files.resume;

/**
 * The bytes from {@code start} (inclusive) to {@code end} (exclusive) of a file. Half-open, like
 * {@code String.substring}, so adjacent ranges share a boundary and lengths are {@code end - start}.
 */
public record ByteRange(long start, long end) {
    public ByteRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("a byte range needs 0 <= start <= end, got " + start + "-" + end);
        }
    }

    public long length() {
        return end - start;
    }

    public boolean isEmpty() {
        return start == end;
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
