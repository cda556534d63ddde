package org.messenger.files.resume;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ResumeSidecarProperties {
    @Property
    void anySingleDamagedByteIsDetectedNeverMisread(@ForAll @IntRange(min = 0, max = 10_000) int position,
            @ForAll @IntRange(min = 1, max = 255) int flip) {
        byte[] bytes = ResumeSidecar.encode(ResumeSidecarTest.RECORD);
        int at = position % bytes.length;
        bytes[at] ^= (byte) flip;

        SidecarRead read = ResumeSidecar.decode(bytes, "x.part.resume");

        assertThat(read).isInstanceOf(SidecarRead.Unusable.class);
    }
}
