package org.messenger.files.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever commands arrive in whatever order, a download only moves along the diagram. */
class DownloadStateProperties {
    private static final List<UnaryOperator<Download>> STEPS = List.of(
            Download::waitForPort, d -> d.portLeased(55000), Download::handshake, Download::transferring,
            Download::pause, Download::resume, Download::complete, Download::cancel, d -> d.fail("boom"),
            Download::releasePort);

    @Property
    void everyAcceptedStepFollowsTheDiagramAndRefusedStepsChangeNothing(@ForAll("steps") List<Integer> steps) {
        Download d = Download.requested(1, "alice", "f", 10, 10);
        for (int step : steps) {
            Download before = d;
            try {
                d = STEPS.get(step).apply(d);
            } catch (DownloadTransitionException refused) {
                assertThat(refused.getMessage()).startsWith("Download 1 ");
                continue;
            }
            assertThat(d.state() == before.state() || before.state().canMoveTo(d.state()))
                    .as("%s -> %s", before.state(), d.state()).isTrue();
            if (before.state().isFinal()) {
                assertThat(d.state()).isEqualTo(before.state());
            }
            if (before.portReleased()) {
                assertThat(d.portReleased()).isTrue();
            }
        }
    }

    @Provide
    Arbitrary<List<Integer>> steps() {
        return Arbitraries.integers().between(0, STEPS.size() - 1).list().ofMaxSize(20);
    }
}
