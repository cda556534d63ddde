package org.messenger.files.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DownloadTest {
    private final Download requested = Download.requested(3, "alice", "notes.txt", 1000, 1000);

    @Test
    void followsTheHappyPathToCompleteAndReleasesThePort() {
        Download d = requested.portLeased(55000).handshake().transferring().progress(400).complete();

        assertThat(d.state()).isEqualTo(DownloadState.COMPLETE);
        assertThat(d.sentBytes()).isEqualTo(1000);
        assertThat(d.holdsPort()).isTrue();

        Download released = d.releasePort();
        assertThat(released.holdsPort()).isFalse();
        assertThat(released.state()).isEqualTo(DownloadState.COMPLETE);
    }

    @Test
    void waitsForAPortBeforeLeasingOne() {
        Download d = requested.waitForPort();
        assertThat(d.state()).isEqualTo(DownloadState.WAITING_FOR_PORT);
        assertThat(d.holdsPort()).isFalse();
        assertThat(d.portLeased(55001).port()).isEqualTo(55001);
    }

    @Test
    void pausesAndResumesAsOftenAsWanted() {
        Download running = requested.portLeased(55000).handshake().transferring();
        Download again = running.pause().resume().pause().resume();
        assertThat(again.state()).isEqualTo(DownloadState.TRANSFERRING);
    }

    @Test
    void refusesToPauseTwiceAndSaysHowToContinue() {
        Download paused = requested.portLeased(55000).handshake().transferring().pause();
        assertThatThrownBy(paused::pause)
                .isInstanceOfSatisfying(DownloadTransitionException.class, e -> assertThat(e.state()).isEqualTo(DownloadState.PAUSED))
                .hasMessage("Download 3 is already paused; RESUME 3 continues it.");
    }

    @Test
    void refusesToResumeARunningDownload() {
        Download running = requested.portLeased(55000).handshake().transferring();
        assertThatThrownBy(running::resume).hasMessage("Download 3 is not paused; it is already running.");
    }

    @Test
    void refusesToPauseBeforeSendingStarts() {
        assertThatThrownBy(() -> requested.waitForPort().pause())
                .hasMessage("Download 3 has not started sending yet (waiting-for-port); it can be cancelled, or paused once it runs.");
    }

    @Test
    void canBeCancelledFromEveryLiveState() {
        assertThat(requested.cancel().state()).isEqualTo(DownloadState.CANCELLED);
        assertThat(requested.waitForPort().cancel().state()).isEqualTo(DownloadState.CANCELLED);
        assertThat(requested.portLeased(1).cancel().state()).isEqualTo(DownloadState.CANCELLED);
        assertThat(requested.portLeased(1).handshake().cancel().state()).isEqualTo(DownloadState.CANCELLED);
        assertThat(requested.portLeased(1).handshake().transferring().cancel().state()).isEqualTo(DownloadState.CANCELLED);
        assertThat(requested.portLeased(1).handshake().transferring().pause().cancel().state()).isEqualTo(DownloadState.CANCELLED);
    }

    @Test
    void refusesToCancelWhatIsAlreadyComplete() {
        Download done = requested.portLeased(1).handshake().transferring().complete();
        assertThatThrownBy(done::cancel).hasMessage("Download 3 is complete already; there is nothing to cancel.");
    }

    @Test
    void keepsItsPortUntilItEnds() {
        Download running = requested.portLeased(55000).handshake().transferring();
        assertThatThrownBy(running::releasePort).hasMessage("Download 3 is still transferring; it keeps its port until it ends.");
    }

    @Test
    void releasesItsPortOnlyOnce() {
        Download released = requested.portLeased(55000).cancel().releasePort();
        assertThatThrownBy(released::releasePort).hasMessage("Download 3 already released its port.");
    }

    @Test
    void aFailureKeepsItsReason() {
        Download failed = requested.portLeased(55000).handshake().fail("the client never completed the handshake");
        assertThat(failed.failure()).contains("the client never completed the handshake");
        assertThat(failed.state().isFinal()).isTrue();
    }

    @Test
    void refusesProgressThatGoesBackOrPastTheRequest() {
        Download running = requested.portLeased(1).handshake().transferring().progress(500);
        assertThatThrownBy(() -> running.progress(400)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> running.progress(1001)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statesHaveWireWords() {
        assertThat(DownloadState.WAITING_FOR_PORT.word()).isEqualTo("waiting-for-port");
        for (DownloadState state : DownloadState.values()) {
            assertThat(DownloadState.fromWord(state.word())).isEqualTo(state);
        }
    }
}
