package org.messenger.files.resume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RangeSetTest {
    @Test
    void mergesOverlappingAndTouchingRanges() {
        RangeSet set = RangeSet.of(10, 20).with(0, 10).with(15, 30).with(40, 50);
        assertThat(set.toString()).isEqualTo("0-30,40-50");
        assertThat(set.rangeCount()).isEqualTo(2);
    }

    @Test
    void turnsWhatIHaveIntoWhatToAskFor() {
        RangeSet have = RangeSet.parse("0-4096,8192-12288");
        assertThat(have.missingFrom(16384).toString()).isEqualTo("4096-8192,12288-16384");
    }

    @Test
    void anEmptyFileNeedsNothing() {
        assertThat(RangeSet.empty().missingFrom(0).isEmpty()).isTrue();
        assertThat(RangeSet.full(0)).isEqualTo(RangeSet.empty());
    }

    @Test
    void parsesRangesInAnyOrderAndMergesThem() {
        assertThat(RangeSet.parse("20-30,0-10,10-15")).isEqualTo(RangeSet.of(0, 15).with(20, 30));
        assertThat(RangeSet.parse("")).isEqualTo(RangeSet.empty());
        assertThat(RangeSet.parse("0-0")).isEqualTo(RangeSet.empty());
    }

    @Test
    void refusesMalformedTextWithAnExample() {
        assertThatThrownBy(() -> RangeSet.parse("10")).hasMessageContaining("write START-END");
        assertThatThrownBy(() -> RangeSet.parse("a-b")).hasMessageContaining("whole numbers");
        assertThatThrownBy(() -> RangeSet.parse("20-10")).hasMessageContaining("ends before it starts");
        assertThatThrownBy(() -> RangeSet.parse("0-10,")).hasMessageContaining("is not a byte range");
    }

    @Test
    void knowsItsBounds() {
        RangeSet set = RangeSet.parse("5-10,20-25");
        assertThat(set.first()).isEqualTo(5);
        assertThat(set.end()).isEqualTo(25);
        assertThat(set.contains(10)).isFalse();
        assertThat(set.contains(20)).isTrue();
        assertThatThrownBy(() -> RangeSet.empty().first()).hasMessageContaining("empty");
    }

    @Test
    void handlesOffsetsOfHugeFiles() {
        long tenGiB = 10L << 30;
        RangeSet have = RangeSet.of(0, tenGiB - 1);
        assertThat(have.missingFrom(tenGiB).toString()).isEqualTo((tenGiB - 1) + "-" + tenGiB);
    }
}
