package org.messenger.transport;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of byte offsets as sorted, disjoint, non-adjacent half-open ranges {@code [start, end)}.
 * It describes what a transfer should move, what a receiver already has (the map a resumed
 * download starts from) and what a sender has had acknowledged.
 *
 * <p>Not thread-safe. Adding a range costs a binary search plus an array shift, so n ranges cost
 * O(n) per insertion: whoever adds ranges chosen by a peer must bound their number (a receiver
 * keeps at most {@code ReceiverTransfer.MAX_RECEIVED_RANGES}; issue 14, item 6).
 * {@link #operations()} counts the elements shifted and scanned, as a cost measure for tests.
 */
public final class ByteRanges {
    private long[] starts;
    private long[] ends;
    private int count;
    private long totalBytes;
    private long operations;

    public ByteRanges() {
        this(4);
    }

    private ByteRanges(int capacity) {
        starts = new long[capacity];
        ends = new long[capacity];
    }

    public static ByteRanges of(long start, long end) {
        ByteRanges r = new ByteRanges();
        r.add(start, end);
        return r;
    }

    /** The whole of a file of {@code size} bytes (empty for a zero-length file). */
    public static ByteRanges whole(long size) {
        return of(0, size);
    }

    public ByteRanges copy() {
        ByteRanges r = new ByteRanges(Math.max(4, count));
        System.arraycopy(starts, 0, r.starts, 0, count);
        System.arraycopy(ends, 0, r.ends, 0, count);
        r.count = count;
        r.totalBytes = totalBytes;
        return r;
    }

    public void clear() {
        count = 0;
        totalBytes = 0;
    }

    public void addAll(ByteRanges other) {
        for (int i = 0; i < other.count; i++) add(other.starts[i], other.ends[i]);
    }

    public int rangeCount() {
        return count;
    }

    public long start(int i) {
        return starts[i];
    }

    public long end(int i) {
        return ends[i];
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Number of bytes in the set. */
    public long totalBytes() {
        return totalBytes;
    }

    /** The end of the last range, or 0. */
    public long upperBound() {
        return count == 0 ? 0 : ends[count - 1];
    }

    /** Elements shifted or scanned by {@link #add} and {@link #remove} so far (a cost measure). */
    public long operations() {
        return operations;
    }

    /**
     * True if {@code [start, end)} overlaps or adjoins a range of the set: adding it then never
     * raises {@link #rangeCount()} (the union with what it touches is one range).
     */
    public boolean touches(long start, long end) {
        int i = floor(start);
        if (i >= 0 && ends[i] >= start) return true;
        return i + 1 < count && starts[i + 1] <= end;
    }

    /** Index of the last range whose start is at or before {@code offset}, or -1. */
    private int floor(long offset) {
        int lo = 0, hi = count - 1, ans = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= offset) {
                ans = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return ans;
    }

    public boolean contains(long offset) {
        int i = floor(offset);
        return i >= 0 && offset < ends[i];
    }

    /** True if every byte of {@code [start, end)} is in the set. */
    public boolean containsAll(long start, long end) {
        if (end <= start) return true;
        int i = floor(start);
        return i >= 0 && end <= ends[i];
    }

    public boolean containsAll(ByteRanges other) {
        for (int i = 0; i < other.count; i++) {
            if (!containsAll(other.starts[i], other.ends[i])) return false;
        }
        return true;
    }

    /**
     * Adds {@code [start, end)}; returns how many bytes were new. Adjacent and overlapping ranges
     * merge.
     */
    public long add(long start, long end) {
        if (start < 0 || end < start) throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
        if (end == start) return 0;
        // Fast path: extends the last range (in-order arrival).
        if (count > 0 && start <= ends[count - 1] && start >= starts[count - 1]) {
            if (end <= ends[count - 1]) return 0;
            long added = end - ends[count - 1];
            ends[count - 1] = end;
            totalBytes += added;
            return added;
        }
        int i = floor(start);
        int first; // first range that will merge with the new one
        if (i >= 0 && start <= ends[i]) {
            first = i;
        } else {
            first = i + 1;
        }
        int last = first - 1; // last range that merges
        while (last + 1 < count && starts[last + 1] <= end) last++;
        operations += 1 + last - first + 1;
        long newStart = start;
        long newEnd = end;
        long removedBytes = 0;
        if (last >= first) {
            newStart = Math.min(start, starts[first]);
            newEnd = Math.max(end, ends[last]);
            for (int k = first; k <= last; k++) removedBytes += ends[k] - starts[k];
        }
        int merged = last - first + 1; // ranges replaced by one
        operations += count - first;
        if (merged == 0) {
            ensureCapacity(count + 1);
            System.arraycopy(starts, first, starts, first + 1, count - first);
            System.arraycopy(ends, first, ends, first + 1, count - first);
            count++;
        } else if (merged > 1) {
            System.arraycopy(starts, last + 1, starts, first + 1, count - last - 1);
            System.arraycopy(ends, last + 1, ends, first + 1, count - last - 1);
            count -= merged - 1;
        }
        starts[first] = newStart;
        ends[first] = newEnd;
        long added = (newEnd - newStart) - removedBytes;
        totalBytes += added;
        return added;
    }

    /** Removes {@code [start, end)} from the set, in place. */
    public void remove(long start, long end) {
        if (end <= start || count == 0) return;
        int first = floor(start);
        if (first < 0 || ends[first] <= start) first++;
        int last = first - 1;
        while (last + 1 < count && starts[last + 1] < end) last++;
        if (last < first) return;
        long removed = 0;
        for (int k = first; k <= last; k++) removed += Math.min(ends[k], end) - Math.max(starts[k], start);
        long headStart = starts[first];
        long tailEnd = ends[last];
        boolean keepHead = headStart < start;
        boolean keepTail = tailEnd > end;
        int pieces = (keepHead ? 1 : 0) + (keepTail ? 1 : 0);
        int replaced = last - first + 1;
        int delta = pieces - replaced;
        if (delta > 0) ensureCapacity(count + delta);
        if (delta != 0) {
            System.arraycopy(starts, last + 1, starts, last + 1 + delta, count - last - 1);
            System.arraycopy(ends, last + 1, ends, last + 1 + delta, count - last - 1);
            count += delta;
        }
        int k = first;
        if (keepHead) {
            starts[k] = headStart;
            ends[k] = start;
            k++;
        }
        if (keepTail) {
            starts[k] = end;
            ends[k] = tailEnd;
        }
        totalBytes -= removed;
    }

    /** The bytes of {@code wanted} that are not in this set. */
    public ByteRanges missingFrom(ByteRanges wanted) {
        ByteRanges out = new ByteRanges();
        for (int w = 0; w < wanted.count; w++) {
            long pos = wanted.starts[w];
            long end = wanted.ends[w];
            int i = floor(pos);
            if (i < 0) i = 0;
            for (; i < count && pos < end; i++) {
                if (ends[i] <= pos) continue;
                if (starts[i] >= end) break;
                if (starts[i] > pos) out.add(pos, starts[i]);
                pos = Math.max(pos, ends[i]);
            }
            if (pos < end) out.add(pos, end);
        }
        return out;
    }

    /**
     * The first offset at or after {@code from} that is not in this set (for a receiver: where the
     * contiguous data ends).
     */
    public long firstGapAtOrAfter(long from) {
        int i = floor(from);
        if (i >= 0 && from < ends[i]) return ends[i];
        return from;
    }

    /** Start of the first range beginning after {@code offset}, or {@link Long#MAX_VALUE}. */
    public long nextStartAfter(long offset) {
        int i = floor(offset) + 1;
        return i < count ? starts[i] : Long.MAX_VALUE;
    }

    /** True if any byte of {@code [start, end)} is in the set. */
    public boolean intersects(long start, long end) {
        if (end <= start) return false;
        int i = floor(start);
        if (i >= 0 && start < ends[i]) return true;
        return i + 1 < count && starts[i + 1] < end;
    }

    /**
     * Merges the closest neighbours until at most {@code maxRanges} remain, so the set fits in a
     * bounded message. Only ever grows the set (re-sending a few bytes is harmless).
     */
    public void coalesceTo(int maxRanges) {
        while (count > maxRanges && count > 1) {
            int best = 0;
            long bestGap = Long.MAX_VALUE;
            for (int i = 0; i + 1 < count; i++) {
                long gap = starts[i + 1] - ends[i];
                if (gap < bestGap) {
                    bestGap = gap;
                    best = i;
                }
            }
            add(ends[best], starts[best + 1]);
        }
    }

    private void ensureCapacity(int n) {
        if (n <= starts.length) return;
        int cap = Math.max(n, starts.length * 2);
        starts = java.util.Arrays.copyOf(starts, cap);
        ends = java.util.Arrays.copyOf(ends, cap);
    }

    /** Text form {@code "0-100,200-300"} (half-open), for sidecar files and logs. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) sb.append(',');
            sb.append(starts[i]).append('-').append(ends[i]);
        }
        return sb.toString();
    }

    /** Parses {@link #toString()}'s form. */
    public static ByteRanges parse(String text) {
        ByteRanges r = new ByteRanges();
        if (text == null || text.isBlank()) return r;
        for (String part : text.trim().split(",")) {
            int dash = part.indexOf('-');
            if (dash <= 0) throw new IllegalArgumentException("expected start-end, got '" + part + "'");
            r.add(Long.parseLong(part.substring(0, dash).trim()), Long.parseLong(part.substring(dash + 1).trim()));
        }
        return r;
    }

    public List<long[]> toList() {
        List<long[]> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) list.add(new long[] {starts[i], ends[i]});
        return list;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ByteRanges other) || other.count != count) return false;
        for (int i = 0; i < count; i++) {
            if (starts[i] != other.starts[i] || ends[i] != other.ends[i]) return false;
        }
        return true;
    }

    @Override
    public int hashCode() {
        long h = count;
        for (int i = 0; i < count; i++) h = h * 31 + starts[i] * 17 + ends[i];
        return Long.hashCode(h);
    }
}
