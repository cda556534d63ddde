package org.messenger.transport.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PacketProtectionTest {
    private final byte[] token = new byte[32];
    private final byte[] nonceR = new byte[16];
    private final byte[] nonceS = new byte[16];

    private PacketProtection end(Side side) {
        return KeySchedule.trafficProtection(token, 99, nonceR, nonceS, side);
    }

    private static ByteBuffer packet(boolean direct, int size, long seed) {
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(size + 16) : ByteBuffer.allocate(size + 16);
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        b.put(0, content);
        return b;
    }

    @Test
    void sealsInPlaceAndOpensBackInDirectAndHeapBuffers() {
        for (Aead aead : Aead.values()) {
            for (boolean direct : new boolean[] {true, false}) {
                var r = KeySchedule.trafficKeys(token, 1, nonceR, nonceS, Side.RECEIVER, aead);
                var s = KeySchedule.trafficKeys(token, 1, nonceR, nonceS, Side.SENDER, aead);
                PacketProtection sender = new AeadProtection(aead, s, r);
                PacketProtection receiver = new AeadProtection(aead, r, s);
                ByteBuffer b = packet(direct, 65_000, 1);
                ByteBuffer original = packet(false, 65_000, 1);
                int end = sender.seal(b, 0, 12, 65_000, 5);
                assertThat(end).isEqualTo(65_016);
                assertThat(b.slice(0, 12)).as("the header stays in clear").isEqualTo(original.slice(0, 12));
                assertThat(b.slice(12, 64)).as("the frames do not").isNotEqualTo(original.slice(12, 64));
                assertThat(receiver.open(b, 0, 12, end, 5)).as(aead + " direct=" + direct).isTrue();
                assertThat(b.slice(0, 65_000)).isEqualTo(original.slice(0, 65_000));
            }
        }
    }

    @Test
    void anyChangeToHeaderPayloadTagOrPacketNumberFailsToOpen() {
        PacketProtection sender = end(Side.SENDER);
        PacketProtection receiver = end(Side.RECEIVER);
        for (int index : new int[] {0, 1, 5, 11, 12, 500, 1435, 1436, 1451}) {
            ByteBuffer b = packet(true, 1436, 2);
            long pn = 1000 + index;
            int end = sender.seal(b, 0, 12, 1436, pn);
            b.put(index, (byte) (b.get(index) ^ 0x40));
            assertThat(receiver.open(b, 0, 12, end, pn)).as("byte " + index).isFalse();
        }
        ByteBuffer b = packet(true, 200, 3);
        int end = sender.seal(b, 0, 12, 200, 7);
        assertThat(receiver.open(b, 0, 12, end, 8)).as("another packet number").isFalse();
        assertThat(end(Side.SENDER).open(b, 0, 12, end, 7)).as("its own direction's key").isFalse();
    }

    @Test
    void opensPacketsOfAnySizeOneAfterAnotherWithTheirOwnBytes() {
        for (boolean direct : new boolean[] {true, false}) {
            PacketProtection sender = end(Side.SENDER);
            PacketProtection receiver = end(Side.RECEIVER);
            long pn = 1;
            for (int size : new int[] {65_000, 12, 100, 1436, 65_000, 30_000}) {
                ByteBuffer b = packet(direct, size, size);
                int end = sender.seal(b, 0, 12, size, pn);
                assertThat(receiver.open(b, 0, 12, end, pn)).as("size " + size + " direct=" + direct).isTrue();
                assertThat(b.slice(0, size)).isEqualTo(packet(false, size, size).slice(0, size));
                pn++;
            }
        }
    }

    @Test
    void aPacketThatFailsToOpenKeepsTheBytesItCameWith() {
        for (boolean direct : new boolean[] {true, false}) {
            PacketProtection sender = end(Side.SENDER);
            ByteBuffer b = packet(direct, 65_000, 6);
            int end = sender.seal(b, 0, 12, 65_000, 3);
            b.put(40_000, (byte) (b.get(40_000) ^ 1));
            ByteBuffer received = ByteBuffer.allocate(end).put(0, b, 0, end);

            assertThat(end(Side.RECEIVER).open(b, 0, 12, end, 3)).isFalse();
            assertThat(b.slice(0, end)).as("direct=" + direct).isEqualTo(received);
        }
    }

    @Test
    void neverSealsTwoPacketsUnderOnePacketNumber() {
        PacketProtection sender = end(Side.SENDER);
        ByteBuffer b = packet(true, 100, 4);
        assertThat(sender.seal(b, 0, 12, 100, 10)).isPositive();
        assertThat(sender.seal(packet(true, 100, 5), 0, 12, 100, 10)).isEqualTo(-1);
        assertThat(sender.seal(packet(true, 100, 5), 0, 12, 100, 9)).isEqualTo(-1);
        assertThat(sender.seal(packet(true, 100, 5), 0, 12, 100, 11)).isPositive();
    }

    @Test
    void handshakeMacCoversEveryByteAndNeedsTheToken() {
        PacketProtection receiver = KeySchedule.handshakeProtection(token, 99, Side.RECEIVER);
        PacketProtection sender = KeySchedule.handshakeProtection(token, 99, Side.SENDER);
        byte[] other = token.clone();
        other[0] = 1;
        PacketProtection stranger = KeySchedule.handshakeProtection(other, 99, Side.SENDER);
        for (int index : new int[] {0, 9, 12, 600, 1183, 1190}) {
            ByteBuffer b = packet(true, 1184, 6);
            int end = receiver.seal(b, 0, 12, 1184, 0);
            assertThat(sender.open(b.duplicate(), 0, 12, end, 0)).isTrue();
            assertThat(stranger.open(b.duplicate(), 0, 12, end, 0)).isFalse();
            b.put(index, (byte) (b.get(index) ^ 1));
            assertThat(sender.open(b, 0, 12, end, 0)).as("byte " + index).isFalse();
        }
    }
}
