package org.messenger.files.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class FileNameCodecProperties {
    @Property
    void decodingAnEncodedNameGivesItBack(@ForAll("names") String name) {
        assertThat(FileNameCodec.decode(FileNameCodec.encode(name))).isEqualTo(name);
    }

    @Property
    void anEncodedNameIsOneValidMiddleParameter(@ForAll("names") String name) {
        IrcParams.assertSendable(List.of(FileNameCodec.encode(name), "trailing"));
    }

    @Example
    void writesSpacesAsPercentTwentyAndLeavesOrdinaryNamesAlone() {
        assertThat(FileNameCodec.encode("my holiday.jpg")).isEqualTo("my%20holiday.jpg");
        assertThat(FileNameCodec.encode("100%:done")).isEqualTo("100%25%3Adone");
        assertThat(FileNameCodec.encode("naïve/日本.txt")).isEqualTo("naïve/日本.txt");
        assertThat(FileNameCodec.decode("my%20holiday.jpg")).isEqualTo("my holiday.jpg");
    }

    @Example
    void explainsABrokenEscape() {
        assertThatThrownBy(() -> FileNameCodec.decode("50%off")).hasMessageContaining("write %25 for a percent sign");
        assertThatThrownBy(() -> FileNameCodec.decode("%FF")).hasMessageContaining("does not decode to UTF-8");
    }

    @Provide
    static Arbitrary<String> names() {
        return Arbitraries.strings()
                .withCharRange('\u0001', '\u007f')
                .withCharRange('\u0080', '\u00ff')
                .withChars('日', '本', 'é', '€', '%', ':', ' ')
                .ofMinLength(1).ofMaxLength(24);
    }
}
