package org.messenger.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.messenger.transport.flow.SendCredit;

class SendScheduleTest {
    private final SendCredit credit = new SendCredit(1 << 20);
    private final SendSchedule schedule = new SendSchedule();

    @Test
    void sendsLostDataBeforeNewData() {
        schedule.start(ByteRanges.whole(3000));
        schedule.onSent(0, 1000, false);
        schedule.onLost(0, 1000);
        assertThat(schedule.nextIsRetransmission()).isTrue();
        assertThat(schedule.nextOffset()).isZero();
    }

    @Test
    void aRetransmissionWhileNewDataWaitsGoesOnce() {
        schedule.start(ByteRanges.whole(3000));
        schedule.onSent(0, 1000, false);
        schedule.onLost(0, 1000);
        schedule.onSent(0, 1000, true);
        assertThat(schedule.hasData(credit)).isTrue();
        assertThat(schedule.nextIsRetransmission()).isFalse();
        assertThat(schedule.nextOffset()).isEqualTo(1000);
    }

    @Test
    void aRetransmissionAfterTheNewDataRanOutGoesTwiceButNotThrice() {
        schedule.start(ByteRanges.whole(2000));
        schedule.onSent(0, 1000, false);
        schedule.onSent(1000, 1000, false);
        schedule.onLost(1000, 1000);
        schedule.onSent(1000, 1000, true);
        // Tail-loss redundancy: the same bytes are queued once more, right away.
        assertThat(schedule.hasData(credit)).isTrue();
        assertThat(schedule.nextIsRetransmission()).isTrue();
        assertThat(schedule.nextOffset()).isEqualTo(1000);
        schedule.onSent(1000, 1000, true);
        assertThat(schedule.hasData(credit)).isFalse();
        // Both copies lost: one more retransmission, without a further copy.
        schedule.onLost(1000, 1000);
        schedule.onSent(1000, 1000, true);
        assertThat(schedule.hasData(credit)).isFalse();
    }

    @Test
    void theTailCopyIsDroppedWhenTheFirstCopyIsAcknowledgedFirst() {
        schedule.start(ByteRanges.whole(2000));
        schedule.onSent(0, 2000, false);
        schedule.onLost(1000, 1000);
        schedule.onSent(1000, 1000, true);
        schedule.onAcked(0, 2000);
        assertThat(schedule.hasData(credit)).isFalse();
        assertThat(schedule.allAcked()).isTrue();
    }
}
