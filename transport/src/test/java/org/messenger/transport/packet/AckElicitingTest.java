package org.messenger.transport.packet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AckElicitingTest {

    @Test
    void dataPingAndHandshakeFramesAskForAnAcknowledgement() {
        for (int type : new int[] {Packet.DATA, Packet.PING, Packet.HELLO, Packet.HELLO_REPLY, Packet.HELLO_DONE}) {
            assertThat(PacketReader.isAckEliciting(type)).as(Packet.frameName(type)).isTrue();
        }
    }

    @Test
    void flowRidesInEveryReceiverPacketWithoutAskingForAnAcknowledgement() {
        // The receiver adds PING when a FLOW change must arrive; plain FLOW repeats the current credit.
        assertThat(PacketReader.isAckEliciting(Packet.FLOW)).isFalse();
    }

    @Test
    void ackPaddingAndCloseDoNotAskForAnAcknowledgement() {
        for (int type : new int[] {Packet.ACK, Packet.PADDING, Packet.CLOSE}) {
            assertThat(PacketReader.isAckEliciting(type)).as(Packet.frameName(type)).isFalse();
        }
    }
}
