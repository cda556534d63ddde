package org.messenger.transport.ack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.messenger.transport.packet.Packet;

class AckRangesTest {
    @Test
    void mergesInOrderAndFillsGaps() {
        AckRanges r = new AckRanges(8);
        for (long pn : new long[] {0, 1, 2, 5, 6, 4, 3}) r.add(pn);
        assertThat(r.count()).isEqualTo(1);
        assertThat(r.low(0)).isZero();
        assertThat(r.high(0)).isEqualTo(6);
    }

    @Test
    void reportsDuplicates() {
        AckRanges r = new AckRanges(8);
        assertThat(r.add(3)).isTrue();
        assertThat(r.add(3)).isFalse();
    }

    @Test
    void forgetsTheOldestRangeWhenFull() {
        AckRanges r = new AckRanges(3);
        for (long pn : new long[] {0, 2, 4, 6}) r.add(pn);
        assertThat(r.count()).isEqualTo(3);
        assertThat(r.contains(0)).isFalse();
        assertThat(r.contains(6)).isTrue();
        assertThat(r.contains(2)).isTrue();
    }

    @Test
    void writesRangesAsRfc9000Section19_3() {
        AckRanges r = new AckRanges(8);
        for (long pn : new long[] {1, 2, 3, 7, 8, 10}) r.add(pn);
        ByteBuffer b = ByteBuffer.allocate(64);
        assertThat(r.writeFrame(b, 0, 64)).isTrue();
        b.flip();
        assertThat(b.get()).isEqualTo((byte) Packet.ACK);
        AckFrame f = new AckFrame();
        assertThat(f.parse(b)).isTrue();
        assertThat(f.largest()).isEqualTo(10);
        assertThat(f.rangeCount()).isEqualTo(3);
        assertThat(f.low(1)).isEqualTo(7);
        assertThat(f.high(1)).isEqualTo(8);
        assertThat(f.low(2)).isEqualTo(1);
        assertThat(f.high(2)).isEqualTo(3);
        assertThat(f.contains(5)).isFalse();
    }

    @Test
    void rejectsAckFramesThatGoBelowZero() {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.put((byte) 5).put((byte) 0).put((byte) 1).put((byte) 2).put((byte) 9).put((byte) 0).flip(); // gap too big
        assertThat(new AckFrame().parse(b)).isFalse();
    }
}
