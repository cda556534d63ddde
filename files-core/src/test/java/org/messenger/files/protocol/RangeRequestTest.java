package org.messenger.files.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.messenger.transport.ByteRanges;

class RangeRequestTest {
    @Test
    void anOpenEndMeansToTheEndOfTheFile() {
        assertThat(RangeRequest.parse("1048576-").resolve(4 << 20)).isEqualTo(ByteRanges.of(1 << 20, 4 << 20));
    }

    @Test
    void mergesOverlappingSpans() {
        assertThat(RangeRequest.parse("0-10,5-20,30-").resolve(40).toString()).isEqualTo("0-20,30-40");
    }

    @Test
    void refusesSpansPastTheEndOfTheFile() {
        assertThatThrownBy(() -> RangeRequest.parse("0-5000").resolve(4096))
                .hasMessage("byte range 0-5000 runs past the end of the file (4096 bytes)");
        assertThatThrownBy(() -> RangeRequest.parse("5000-").resolve(4096))
                .hasMessage("byte range 5000- runs past the end of the file (4096 bytes)");
    }

    @Test
    void aSpanStartingAtTheEndIsEmptyNotAnError() {
        assertThat(RangeRequest.parse("4096-").resolve(4096).isEmpty()).isTrue();
    }

    @Test
    void explainsMalformedRanges() {
        assertThatThrownBy(() -> RangeRequest.parse("")).hasMessageContaining("e.g. 0-1048576 or 1048576-");
        assertThatThrownBy(() -> RangeRequest.parse("-5")).hasMessageContaining("is not a byte range");
        assertThatThrownBy(() -> RangeRequest.parse("9-3")).hasMessageContaining("ends before it starts");
    }

    @Test
    void writesWhatAResumingClientNeeds() {
        RangeRequest request = RangeRequest.of(ByteRanges.parse("4096-8192,12288-16384"));
        assertThat(request.toString()).isEqualTo("4096-8192,12288-16384");
        assertThat(RangeRequest.parse(request.toString()).resolve(16384)).isEqualTo(ByteRanges.parse("4096-8192,12288-16384"));
    }
}
