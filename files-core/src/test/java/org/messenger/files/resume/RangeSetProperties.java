package org.messenger.files.resume;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * RangeSet against the simplest model there is: a BitSet of the offsets in a small universe, where
 * overlaps, touching ranges and edges are frequent.
 */
class RangeSetProperties {
    private static final int UNIVERSE = 64;

    @Property
    void unionHasExactlyTheOffsetsOfEither(@ForAll("sets") List<ByteRange> a, @ForAll("sets") List<ByteRange> b) {
        BitSet expected = model(a);
        expected.or(model(b));
        assertMatches(RangeSet.of(a).union(RangeSet.of(b)), expected);
    }

    @Property
    void minusKeepsTheOffsetsOfTheFirstNotInTheSecond(@ForAll("sets") List<ByteRange> a, @ForAll("sets") List<ByteRange> b) {
        BitSet expected = model(a);
        expected.andNot(model(b));
        assertMatches(RangeSet.of(a).minus(RangeSet.of(b)), expected);
    }

    @Property
    void intersectKeepsTheOffsetsOfBoth(@ForAll("sets") List<ByteRange> a, @ForAll("sets") List<ByteRange> b) {
        BitSet expected = model(a);
        expected.and(model(b));
        assertMatches(RangeSet.of(a).intersect(RangeSet.of(b)), expected);
    }

    @Property
    void whatToAskForAndWhatIHaveMakeTheWholeFileWithoutOverlap(
            @ForAll("sets") List<ByteRange> have, @ForAll @IntRange(min = 0, max = UNIVERSE) int size) {
        RangeSet mine = RangeSet.of(have).intersect(RangeSet.full(size));
        RangeSet ask = mine.missingFrom(size);

        assertThat(mine.union(ask)).isEqualTo(RangeSet.full(size));
        assertThat(mine.intersect(ask).isEmpty()).isTrue();
        assertThat(mine.totalBytes() + ask.totalBytes()).isEqualTo(size);
    }

    @Property
    void isAlwaysSortedDisjointAndNeverTouching(@ForAll("sets") List<ByteRange> a) {
        List<ByteRange> ranges = RangeSet.of(a).ranges();
        for (int i = 0; i < ranges.size(); i++) {
            assertThat(ranges.get(i).isEmpty()).isFalse();
            if (i > 0) {
                assertThat(ranges.get(i).start()).isGreaterThan(ranges.get(i - 1).end());
            }
        }
    }

    @Property
    void textFormReadsBackAsTheSameSet(@ForAll("sets") List<ByteRange> a) {
        RangeSet set = RangeSet.of(a);
        assertThat(RangeSet.parse(set.toString())).isEqualTo(set);
    }

    @Property
    void containsAllAgreesWithTheModel(@ForAll("sets") List<ByteRange> a, @ForAll("range") ByteRange probe) {
        BitSet model = model(a);
        boolean all = true;
        for (long i = probe.start(); i < probe.end(); i++) {
            all &= model.get((int) i);
        }
        assertThat(RangeSet.of(a).containsAll(probe.start(), probe.end())).isEqualTo(all);
    }

    @Provide
    Arbitrary<List<ByteRange>> sets() {
        return range().list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<ByteRange> range() {
        Arbitrary<Integer> start = Arbitraries.integers().between(0, UNIVERSE);
        Arbitrary<Integer> length = Arbitraries.integers().between(0, 12);
        return Combinators.combine(start, length).as((s, n) -> new ByteRange(s, Math.min(UNIVERSE, s + n)));
    }

    private static BitSet model(List<ByteRange> ranges) {
        BitSet bits = new BitSet(UNIVERSE);
        for (ByteRange r : ranges) {
            bits.set((int) r.start(), (int) r.end());
        }
        return bits;
    }

    private static void assertMatches(RangeSet set, BitSet expected) {
        for (int i = 0; i <= UNIVERSE; i++) {
            assertThat(set.contains(i)).as("offset %d in %s", i, set).isEqualTo(expected.get(i));
        }
        assertThat(set.totalBytes()).isEqualTo(expected.cardinality());
    }
}
