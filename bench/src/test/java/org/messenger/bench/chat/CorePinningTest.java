package org.messenger.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CorePinningTest {
    private static final Optional<Path> TASKSET = Optional.of(Path.of("/usr/bin/taskset"));

    @Test
    void twoCpusGiveOneToTheServerAndOneToTheGenerator() {
        CorePinning pinning = CorePinning.plan(2, TASKSET).orElseThrow();
        assertThat(pinning.serverCpus()).isEqualTo("0");
        assertThat(pinning.generatorCpus()).isEqualTo("1");
        assertThat(pinning.serverCommandPrefix(TASKSET.get())).isEqualTo(List.of("/usr/bin/taskset", "-c", "0"));
    }

    @Test
    void moreCpusAreSplitInHalves() {
        CorePinning pinning = CorePinning.plan(5, TASKSET).orElseThrow();
        assertThat(pinning.serverCpus()).isEqualTo("0-1");
        assertThat(pinning.generatorCpus()).isEqualTo("2-4");
        assertThat(pinning.serverCpuCount()).isEqualTo(2);
        assertThat(pinning.generatorCpuCount()).isEqualTo(3);
    }

    @Test
    void noSplitOnOneCpuOrWithoutTaskset() {
        assertThat(CorePinning.plan(1, TASKSET)).isEmpty();
        assertThat(CorePinning.whyNot(1, TASKSET)).contains("only 1 CPU");
        assertThat(CorePinning.plan(4, Optional.empty())).isEmpty();
        assertThat(CorePinning.whyNot(4, Optional.empty())).contains("no taskset");
    }
}
